package dev.ferry.samples;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.DeleteObjectRequest;
import dev.ferry.samples.s3.BeginEndSample;
import dev.ferry.samples.s3.MultipartUploadSample;
import dev.ferry.samples.s3.PutObjectSample;
import dev.ferry.samples.s3.TransferSample;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ferry tour}: runs every sample against embedded servers, or against a real S3 endpoint
 * when one is given (flags or FERRY_S3_* environment variables), and says which it is doing.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = {"Walks through Ferry's operations, printing what happens.",
                "Without an endpoint it starts embedded servers (S3Proxy, verifying every signature) and needs no setup."})
public final class TourCommand implements Callable<Integer> {
    /** The keys the S3 samples write, so a tour against a real bucket cleans up after itself. */
    private static final List<String> S3_SAMPLE_KEYS = List.of("hello/ferry.txt", "apm/no-callback.txt",
            "apm/simple-callback.txt", "apm/client-as-state.txt", "apm/state-object.txt", "multipart/12mib.bin",
            TransferSample.KEY);

    @Option(names = "--s3", description = "Run the S3 part (default: every part).")
    boolean s3Only;

    @Option(names = "--s3-endpoint", description = "A real S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com (env FERRY_S3_ENDPOINT).")
    @Nullable String s3Endpoint = env("FERRY_S3_ENDPOINT");

    @Option(names = "--s3-region", description = "Signing region for --s3-endpoint (env FERRY_S3_REGION; default us-east-1).")
    String s3Region = envOr("FERRY_S3_REGION", "us-east-1");

    @Option(names = "--s3-bucket", description = "An existing bucket to use on the real endpoint (env FERRY_S3_BUCKET); default: a new bucket, deleted afterwards.")
    @Nullable String s3Bucket = env("FERRY_S3_BUCKET");

    @Option(names = "--s3-path-style", description = "Use path-style addressing on the real endpoint.")
    boolean s3PathStyle;

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
        boolean all = !s3Only;
        if (all || s3Only) {
            runS3();
        }
        out.printf("%nTour finished in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void runS3() throws Exception {
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
            return;
        }
        try (S3ProxyServer server = S3ProxyServer.start()) {
            out.printf("%n== S3, against an embedded S3Proxy at %s (it verifies every SigV4 signature and Content-MD5) ==%n",
                    server.endpoint());
            try (S3Client s3 = S3Client.builder().endpoint(server.endpoint()).region(server.region())
                    .credentials(CredentialsProvider.of(Credentials.of(server.accessKey(), server.secretKey()))).build()) {
                s3Scenarios(s3, null);
            }
        }
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
                s3.deleteObject(DeleteObjectRequest.of(bucket, key)).onErrorComplete().block();
            }
            if (existingBucket == null) {
                s3.deleteBucket(BucketRequest.of(bucket)).onErrorComplete().block();
            }
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
