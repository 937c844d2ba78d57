package dev.ferry.samples;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.ews.EntraTokenProvider;
import dev.ferry.ews.EwsClient;
import dev.ferry.oss.OssClient;
import dev.ferry.oss.model.DeleteObjectRequest;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.samples.ews.EwsWalkthroughSample;
import dev.ferry.samples.oss.AsyncProcessSample;
import dev.ferry.samples.oss.MinimalDocx;
import dev.ferry.samples.s3.BeginEndSample;
import dev.ferry.samples.s3.MultipartUploadSample;
import dev.ferry.samples.s3.PutObjectSample;
import dev.ferry.samples.s3.TransferSample;
import dev.ferry.testkit.ews.MockExchange;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./ferry tour}: runs every sample of the three services against embedded servers (S3Proxy,
 * the mock Exchange, the mock OSS), or a service's part against the real service when its endpoint
 * and credentials are given (flags or environment variables), and says which it is doing.
 */
@Command(name = "tour", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walks through Ferry's operations on S3, EWS and OSS, printing what happens.",
                "Without endpoints it starts embedded servers (S3Proxy verifying every SigV4 signature, a mock Exchange "
                        + "validating every request against Microsoft's schema, a mock OSS verifying V4 signatures) and needs no setup. "
                        + "Give a service's endpoint and credentials to run its part against the real service instead.", ""},
        footer = {"", "Examples:", "  ./ferry tour                 every part, on embedded servers",
                "  ./ferry tour --ews --oss     two parts",
                "  FERRY_S3_ENDPOINT=https://s3.eu-west-1.amazonaws.com FERRY_S3_REGION=eu-west-1 ./ferry tour --s3"})
public final class TourCommand implements Callable<Integer> {
    /** The keys the S3 samples write, so a tour against a real bucket cleans up after itself. */
    private static final List<String> S3_SAMPLE_KEYS = List.of("hello/ferry.txt", "apm/no-callback.txt",
            "apm/simple-callback.txt", "apm/client-as-state.txt", "apm/state-object.txt", "multipart/12mib.bin",
            TransferSample.KEY);

    @Option(names = "--s3", description = "Run the S3 part (default: every part; the part flags combine).")
    boolean s3Part;

    @Option(names = "--ews", description = "Run the EWS part.")
    boolean ewsPart;

    @Option(names = "--oss", description = "Run the OSS part.")
    boolean ossPart;

    @Option(names = "--s3-endpoint", description = "A real S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com (env FERRY_S3_ENDPOINT).")
    @Nullable String s3Endpoint = env("FERRY_S3_ENDPOINT");

    @Option(names = "--s3-region", description = "Signing region for --s3-endpoint (env FERRY_S3_REGION; default us-east-1).")
    String s3Region = envOr("FERRY_S3_REGION", "us-east-1");

    @Option(names = "--s3-bucket", description = "An existing bucket to use on the real endpoint (env FERRY_S3_BUCKET); default: a new bucket, deleted afterwards.")
    @Nullable String s3Bucket = env("FERRY_S3_BUCKET");

    @Option(names = "--s3-path-style", description = "Use path-style addressing on the real endpoint.")
    boolean s3PathStyle;

    @Option(names = "--ews-tenant", description = "Microsoft Entra tenant for a REAL Exchange Online run (env FERRY_EWS_TENANT); "
            + "also needs --ews-client-id, --ews-mailbox and FERRY_EWS_CLIENT_SECRET in the environment.")
    @Nullable String ewsTenant = env("FERRY_EWS_TENANT");

    @Option(names = "--ews-client-id", description = "The app's client id, allowed to use EWS (env FERRY_EWS_CLIENT_ID).")
    @Nullable String ewsClientId = env("FERRY_EWS_CLIENT_ID");

    @Option(names = "--ews-mailbox", description = "The mailbox the app impersonates (env FERRY_EWS_MAILBOX).")
    @Nullable String ewsMailbox = env("FERRY_EWS_MAILBOX");

    @Option(names = "--ews-endpoint", description = "EWS endpoint (env FERRY_EWS_ENDPOINT; default Exchange Online's).")
    @Nullable String ewsEndpoint = env("FERRY_EWS_ENDPOINT");

    @Option(names = "--oss-bucket", description = "An existing bucket for a REAL OSS run (env FERRY_OSS_BUCKET); credentials from "
            + "OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN.")
    @Nullable String ossBucket = env("FERRY_OSS_BUCKET");

    @Option(names = "--oss-region", description = "OSS region id such as cn-hangzhou (env FERRY_OSS_REGION).")
    @Nullable String ossRegion = env("FERRY_OSS_REGION");

    @Option(names = "--oss-endpoint", description = "OSS endpoint override (env FERRY_OSS_ENDPOINT).")
    @Nullable String ossEndpoint = env("FERRY_OSS_ENDPOINT");

    @Option(names = "--oss-docx", description = "The .docx to convert (default: a one-paragraph document made in memory).")
    @Nullable Path ossDocx;

    @Spec
    @Nullable CommandSpec spec;

    private final PrintStream out;

    public TourCommand() {
        this(System.out);
    }

    TourCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        boolean all = !s3Part && !ewsPart && !ossPart;
        List<String> ran = new ArrayList<>();
        if (all || s3Part) {
            ran.add(runS3());
        }
        if (all || ewsPart) {
            ran.add(runEws());
        }
        if (all || ossPart) {
            ran.add(runOss());
        }
        out.printf("%nTour finished in %.1f s: %s.%n", (System.nanoTime() - started) / 1e9, String.join("; ", ran));
        return 0;
    }

    /** Runs the S3 part and says where it ran. */
    private String runS3() throws Exception {
        if (s3Endpoint != null) {
            out.printf("%n== S3, against a REAL endpoint: %s (region %s), credentials from the environment or ~/.aws ==%n",
                    s3Endpoint, s3Region);
            S3Client.Builder builder = S3Client.builder().endpoint(URI.create(s3Endpoint)).region(s3Region)
                    .credentials(CredentialsProvider.defaultChain());
            if (s3PathStyle) {
                builder.pathStyle(true);
            }
            try (S3Client s3 = builder.build()) {
                s3Scenarios(s3, s3Bucket);
            }
            return "S3 on " + s3Endpoint;
        }
        try (S3ProxyServer server = S3ProxyServer.start()) {
            out.printf("%n== S3, against an embedded S3Proxy at %s (it verifies every SigV4 signature and Content-MD5) ==%n",
                    server.endpoint());
            try (S3Client s3 = S3Client.builder().endpoint(server.endpoint()).region(server.region())
                    .credentials(CredentialsProvider.of(Credentials.of(server.accessKey(), server.secretKey()))).build()) {
                s3Scenarios(s3, null);
            }
        }
        return "S3 on embedded S3Proxy";
    }

    private void s3Scenarios(S3Client s3, @Nullable String existingBucket) throws Exception {
        String bucket = existingBucket != null ? existingBucket
                : "ferry-tour-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        if (existingBucket == null) {
            s3.blocking().createBucket(CreateBucketRequest.of(bucket));
            out.printf("  created bucket %s%n", bucket);
        }
        try {
            out.println("\n-- PutObject, synchronously (the blocking view)");
            PutObjectSample.run(s3, bucket, out);
            out.println("\n-- Begin/End: the four patterns of the AWS SDK for .NET's asynchronous guide");
            BeginEndSample.run(s3, bucket, out);
            out.println("\n-- Multipart upload: part numbers, Content-MD5, ETags, complete, and an abort");
            MultipartUploadSample.run(s3, bucket, out);
            out.println("\n-- Transfers: a stream of unknown length up in parts, down in ranges, with progress");
            TransferSample.run(s3, bucket, out);
        } finally {
            for (String key : S3_SAMPLE_KEYS) {
                s3.deleteObject(dev.ferry.s3.model.DeleteObjectRequest.of(bucket, key)).onErrorComplete().block();
            }
            if (existingBucket == null) {
                s3.deleteBucket(BucketRequest.of(bucket)).onErrorComplete().block();
            }
        }
    }

    /** Runs the EWS walk-through and says where it ran. */
    private String runEws() {
        if (ewsTenant != null || ewsClientId != null || ewsMailbox != null) {
            String secret = env("FERRY_EWS_CLIENT_SECRET");
            List<String> missing = new ArrayList<>();
            addIfMissing(missing, ewsTenant, "--ews-tenant");
            addIfMissing(missing, ewsClientId, "--ews-client-id");
            addIfMissing(missing, ewsMailbox, "--ews-mailbox");
            addIfMissing(missing, secret, "FERRY_EWS_CLIENT_SECRET (environment only, so the secret stays out of shell history)");
            if (!missing.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "A real EWS run needs " + String.join(", ", missing));
            }
            URI endpoint = ewsEndpoint != null ? URI.create(ewsEndpoint) : EwsClient.EXCHANGE_ONLINE;
            out.printf("%n== EWS, against a REAL server: %s as %s, app-only OAuth token from tenant %s ==%n", endpoint, ewsMailbox, ewsTenant);
            EwsWalkthroughSample.run(endpoint, EntraTokenProvider.builder(ewsTenant, ewsClientId, secret).build(), ewsMailbox, out);
            return "EWS on " + endpoint;
        }
        Optional<MockExchange> started = MockExchange.startWithSharedSchema();
        if (started.isEmpty()) {
            out.printf("%n== EWS: skipped. The mock Exchange validates every request against Microsoft's schema, "
                    + "which is read from ../shared/ews/schema, and that is not there ==%n");
            return "EWS skipped (no ../shared/ews/schema)";
        }
        try (MockExchange exchange = started.get()) {
            String mailbox = "sadie@contoso.com";
            exchange.mailbox(mailbox).registerApp("ferry-tour-app", "tour-secret");
            out.printf("%n== EWS, against an embedded mock Exchange at %s (it validates every request against "
                    + "Microsoft's schema and issues OAuth tokens like Entra) ==%n", exchange.endpoint());
            EntraTokenProvider tokens = EntraTokenProvider.builder("contoso.onmicrosoft.com", "ferry-tour-app", "tour-secret")
                    .authority(exchange.authority()).build();
            EwsWalkthroughSample.run(exchange.endpoint(), tokens, mailbox, out);
            out.printf("  the mock saw %d requests, every one schema-valid%n", exchange.requests().size());
        }
        return "EWS on the embedded mock Exchange";
    }

    /** Runs the OSS asynchronous-processing sample and says where it ran. */
    private String runOss() throws Exception {
        byte[] docx = ossDocx != null ? Files.readAllBytes(ossDocx) : MinimalDocx.withText("Hello from Ferry's tour.");
        String key = "ferry-tour-report.docx";
        if (ossBucket != null) {
            if (ossRegion == null) {
                throw new ParameterException(spec.commandLine(), "A real OSS run needs --oss-region (a region id such as cn-hangzhou)");
            }
            out.printf("%n== OSS, against the REAL service: bucket %s in %s, credentials from the OSS_* environment variables ==%n",
                    ossBucket, ossRegion);
            OssClient.Builder builder = OssClient.builder().region(ossRegion).credentialsFromEnvironment(System::getenv);
            if (ossEndpoint != null) {
                builder.endpoint(ossEndpoint);
            }
            try (OssClient oss = builder.build()) {
                AsyncProcessSample.run(oss, ossBucket, key, docx, out);
            }
            out.printf("  left in the bucket for you to look at: %s and process-%s%n", key, key);
            return "OSS on " + ossRegion;
        }
        String bucket = "ferry-tour";
        try (OssMockServer server = OssMockServer.start().createBucket(bucket)) {
            out.printf("%n== OSS, against an embedded mock OSS at %s (it verifies every V4 signature and runs the "
                    + "conversion as a stand-in for IMM) ==%n", server.endpoint());
            // The C# sample reads its credentials from the environment; here the environment is
            // simulated with the mock's key, so the tour needs no setup.
            Map<String, String> environment = Map.of("OSS_ACCESS_KEY_ID", OssMockServer.ACCESS_KEY_ID,
                    "OSS_ACCESS_KEY_SECRET", OssMockServer.ACCESS_KEY_SECRET);
            out.printf("  credentials from the environment (simulated: OSS_ACCESS_KEY_ID=%s), region %s%n",
                    OssMockServer.ACCESS_KEY_ID, OssMockServer.REGION);
            try (OssClient oss = OssClient.builder().region(OssMockServer.REGION).endpoint(server.endpoint())
                    .credentialsFromEnvironment(environment::get).build()) {
                AsyncProcessSample.run(oss, bucket, key, docx, out);
                oss.deleteObject(DeleteObjectRequest.of(bucket, key)).block();
            }
        }
        return "OSS on the embedded mock OSS";
    }

    private static void addIfMissing(List<String> missing, @Nullable String value, String what) {
        if (value == null) {
            missing.add(what);
        }
    }

    private static @Nullable String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value != null ? value : fallback;
    }
}
