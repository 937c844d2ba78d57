package dev.ferry.oss;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.call.CallViews;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.oss.internal.DefaultOssClient;
import dev.ferry.oss.internal.OssSettings;
import dev.ferry.oss.model.AbortMultipartUploadRequest;
import dev.ferry.oss.model.AsyncProcessObjectRequest;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import dev.ferry.oss.model.CompleteMultipartUploadRequest;
import dev.ferry.oss.model.CompleteMultipartUploadResponse;
import dev.ferry.oss.model.DeleteObjectRequest;
import dev.ferry.oss.model.DeleteObjectResponse;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.InitiateMultipartUploadRequest;
import dev.ferry.oss.model.InitiateMultipartUploadResponse;
import dev.ferry.oss.model.ListPartsRequest;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.oss.model.Part;
import dev.ferry.oss.model.PresignRequest;
import dev.ferry.oss.model.PresignedRequest;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.ProcessObjectRequest;
import dev.ferry.oss.model.ProcessObjectResponse;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.oss.model.PutObjectResponse;
import dev.ferry.oss.model.UploadPartRequest;
import dev.ferry.oss.model.UploadPartResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive client for Alibaba Cloud OSS. Nothing is sent until a returned publisher is
 * subscribed; cancelling the subscription cancels the exchange.
 *
 * <pre>{@code
 * OssClient oss = OssClient.builder()
 *         .region("cn-hangzhou")                    // credentials: OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET
 *         .build();
 * ProcessInstruction toPng = ProcessInstruction.builder()
 *         .action("doc/convert,target_png,source_docx")
 *         .saveAs("bucket", "pages/{index}.png")
 *         .build();
 * AsyncProcessObjectResponse task = oss.asyncProcessObject("bucket", "report.docx", toPng).block();
 * }</pre>
 *
 * <p>The same operations are offered as futures ({@link #futures()}), as Begin/End pairs with a
 * state object ({@link #callbacks()}, the shape of the C# SDK's {@code Begin/End} and of its
 * {@code AsyncProcessObjectAsync}) and blocking ({@link #blocking()}). A client is immutable and
 * thread-safe: build one per region and credentials, and share it.
 *
 * <p>Failed requests are retried as the official SDKs retry them (3 attempts in all, full-jitter
 * backoff from 200 ms capped at 20 s; 5xx, 408, 429, {@code RequestTimeTooSkewed} and I/O errors),
 * only when repeating them is safe, and each attempt is signed afresh.
 */
public interface OssClient extends AutoCloseable {

    /** Retries as the official OSS SDKs do: 3 attempts, full jitter from 200 ms, at most 20 s between two. */
    RetryPolicy DEFAULT_RETRY_POLICY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(20));

    static Builder builder() {
        return new Builder();
    }

    /**
     * Submits an asynchronous processing task ({@code x-oss-async-process}), such as converting a
     * document to images. Not retried once OSS may have received it: each submission starts a task.
     */
    Mono<AsyncProcessObjectResponse> asyncProcessObject(AsyncProcessObjectRequest request);

    /** {@link #asyncProcessObject(AsyncProcessObjectRequest)} with the instruction as a string, passed through untouched. */
    default Mono<AsyncProcessObjectResponse> asyncProcessObject(String bucket, String key, String process) {
        return Mono.defer(() -> asyncProcessObject(AsyncProcessObjectRequest.of(bucket, key, process)));
    }

    default Mono<AsyncProcessObjectResponse> asyncProcessObject(String bucket, String key, ProcessInstruction process) {
        return Mono.defer(() -> asyncProcessObject(AsyncProcessObjectRequest.of(bucket, key, process)));
    }

    /** Processes an object synchronously and saves the result ({@code x-oss-process} with {@code sys/saveas}). */
    Mono<ProcessObjectResponse> processObject(ProcessObjectRequest request);

    default Mono<ProcessObjectResponse> processObject(String bucket, String key, String process) {
        return Mono.defer(() -> processObject(ProcessObjectRequest.of(bucket, key, process)));
    }

    default Mono<ProcessObjectResponse> processObject(String bucket, String key, ProcessInstruction process) {
        return Mono.defer(() -> processObject(ProcessObjectRequest.of(bucket, key, process)));
    }

    /** Stores a whole object in one request (up to 5 GiB). */
    Mono<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body);

    /**
     * Reads an object; the reader decides where its content goes:
     * {@code oss.getObject(GetObjectRequest.of("bucket", "key"), BodyReader.toBytes())}.
     */
    <T> Mono<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    /** The object's metadata; a missing object fails with an {@link OssException} of status 404. */
    Mono<ObjectMetadata> headObject(HeadObjectRequest request);

    Mono<DeleteObjectResponse> deleteObject(DeleteObjectRequest request);

    Mono<InitiateMultipartUploadResponse> initiateMultipartUpload(InitiateMultipartUploadRequest request);

    Mono<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body);

    Mono<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request);

    Mono<Void> abortMultipartUpload(AbortMultipartUploadRequest request);

    /** Every part uploaded so far, fetching further pages as the subscriber asks for more. */
    Flux<Part> listParts(ListPartsRequest request);

    /**
     * A URL that performs the request without credentials until it expires: signature V4 query form
     * (at most 7 days), or V1 when the client signs with V1. Nothing is sent.
     */
    Mono<PresignedRequest> presign(PresignRequest request);

    /** The same operations returning {@code CompletableFuture}s; cancelling one cancels the exchange. */
    OssFutureClient futures();

    /** The same operations as Begin/End pairs with a callback and a state object. */
    OssCallbackClient callbacks();

    /** The same operations, blocking the calling thread (refused on an event loop). */
    OssBlockingClient blocking();

    /** A builder with this client's settings; clients built from it share its engine. */
    Builder toBuilder();

    /** Closes the engine if this client created it; a shared or given engine is left open. */
    @Override
    void close();

    /** Collects an OSS client's settings. Only the region is required. */
    final class Builder {
        /** The variables the official SDKs read credentials from. */
        public static final List<String> ENVIRONMENT_VARIABLES = List.of("OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN");
        private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

        private @Nullable String region;
        private @Nullable URI endpoint;
        private boolean internal;
        private boolean dualStack;
        private boolean accelerate;
        private @Nullable Addressing addressing;
        private CredentialsProvider credentials = environmentCredentials(System::getenv);
        private SignatureVersion signatureVersion = SignatureVersion.V4;
        private List<String> additionalHeaders = List.of();
        private @Nullable HttpEngine engine;
        private @Nullable EngineConfig engineConfig;
        private RetryPolicy retryPolicy = DEFAULT_RETRY_POLICY;
        private Clock clock = Clock.systemUTC();
        private @Nullable Executor callbackExecutor;
        private String product = "oss";

        Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.region = region;
            b.endpoint = endpoint;
            b.internal = internal;
            b.dualStack = dualStack;
            b.accelerate = accelerate;
            b.addressing = addressing;
            b.credentials = credentials;
            b.signatureVersion = signatureVersion;
            b.additionalHeaders = additionalHeaders;
            b.engine = engine;
            b.engineConfig = engineConfig;
            b.retryPolicy = retryPolicy;
            b.clock = clock;
            b.callbackExecutor = callbackExecutor;
            b.product = product;
            return b;
        }

        /**
         * The plain region id, {@code cn-hangzhou}: the endpoint is derived from it unless one is
         * given, and signature V4 signs it. {@code oss-cn-hangzhou} is the endpoint's prefix, not a
         * region, and is refused.
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            String r = region.trim();
            if (r.startsWith("oss-") || r.contains(".")) {
                String plain = r.replaceFirst("^oss-", "").replaceFirst("\\..*$", "").replaceFirst("-internal$", "");
                throw new IllegalArgumentException("region must be the plain region id such as 'cn-hangzhou', not '" + region
                        + "' (that is an endpoint or its prefix): pass region(\"" + plain + "\")"
                        + (r.contains(".") ? " and, if you need that exact host, endpoint(\"" + r + "\")" : ""));
            }
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("region must be a region id of lower-case letters, digits and hyphens"
                        + " such as 'cn-hangzhou', was '" + region + "'");
            }
            this.region = r;
            return this;
        }

        /**
         * The service endpoint, overriding the one derived from the region: {@code https://oss-cn-hangzhou.aliyuncs.com},
         * a custom domain for {@link Addressing#CNAME}, or a test server. Without a scheme, https is used.
         */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String e = endpoint.trim();
            return endpoint(URI.create(e.contains("://") ? e : "https://" + e));
        }

        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be http(s)://host[:port], was " + endpoint);
            }
            if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")) {
                throw new IllegalArgumentException("endpoint must not have a path (the bucket and key are given per request), was " + endpoint);
            }
            this.endpoint = URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority());
            return this;
        }

        /** Derives the endpoint for access from inside the region's network: {@code oss-<region>-internal.aliyuncs.com}. */
        public Builder internalEndpoint(boolean internal) {
            this.internal = internal;
            return this;
        }

        /** Derives the IPv4/IPv6 dual-stack endpoint: {@code <region>.oss.aliyuncs.com}. */
        public Builder dualStackEndpoint(boolean dualStack) {
            this.dualStack = dualStack;
            return this;
        }

        /** Uses the global transfer acceleration endpoint, {@code oss-accelerate.aliyuncs.com}. */
        public Builder accelerateEndpoint(boolean accelerate) {
            this.accelerate = accelerate;
            return this;
        }

        /**
         * Where requests name their bucket. Default: {@link Addressing#PATH_STYLE} for an endpoint that
         * is an IP address or {@code localhost}, {@link Addressing#VIRTUAL_HOSTED} otherwise.
         */
        public Builder addressing(Addressing addressing) {
            this.addressing = Objects.requireNonNull(addressing, "addressing");
            return this;
        }

        /** {@link Addressing#PATH_STYLE}. */
        public Builder pathStyle() {
            return addressing(Addressing.PATH_STYLE);
        }

        /** {@link Addressing#CNAME}: the endpoint is a custom domain bound to the buckets used. */
        public Builder cname() {
            return addressing(Addressing.CNAME);
        }

        /**
         * Where credentials come from. Default: the environment variables {@code OSS_ACCESS_KEY_ID},
         * {@code OSS_ACCESS_KEY_SECRET} and, for STS, {@code OSS_SESSION_TOKEN}, read for every request.
         * Chain sources with {@link CredentialsProvider#chain}.
         */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder credentials(String accessKeyId, String accessKeySecret) {
            return credentials(CredentialsProvider.of(Credentials.of(accessKeyId, accessKeySecret)));
        }

        /** STS credentials: a temporary key pair and its security token. */
        public Builder credentials(String accessKeyId, String accessKeySecret, String securityToken) {
            return credentials(CredentialsProvider.of(Credentials.of(accessKeyId, accessKeySecret, securityToken)));
        }

        /** The {@code OSS_*} variables looked up in {@code environment} (a map's {@code get}, say) instead of the process's. */
        public Builder credentialsFromEnvironment(UnaryOperator<String> environment) {
            return credentials(environmentCredentials(environment));
        }

        /** {@link SignatureVersion#V4} by default. */
        public Builder signatureVersion(SignatureVersion version) {
            this.signatureVersion = Objects.requireNonNull(version, "signatureVersion");
            return this;
        }

        /**
         * Headers that V4 signs besides {@code x-oss-*}, {@code Content-Type} and {@code Content-MD5}
         * when a request has them ({@code host}, say), so that nothing on the way can change them.
         */
        public Builder additionalSignedHeaders(String... names) {
            this.additionalHeaders = List.copyOf(Arrays.asList(names));
            return this;
        }

        /** Runs on this engine, which the caller owns and closes. Default: {@link HttpEngine#shared()}. */
        public Builder engine(HttpEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.engineConfig = null;
            return this;
        }

        /** Runs on an engine of its own with these settings, closed with the client. */
        public Builder engineConfig(EngineConfig config) {
            this.engineConfig = Objects.requireNonNull(config, "engineConfig");
            this.engine = null;
            return this;
        }

        /** Default: {@link OssClient#DEFAULT_RETRY_POLICY}; {@link RetryPolicy#none()} turns retries off. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The clock requests are signed with (tests). A clock OSS finds skewed is corrected on its own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where futures complete and Begin/End callbacks run. Default: Reactor's bounded elastic scheduler. */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The product V4 signs for: {@code oss}, or {@code oss-cloudbox} for a CloudBox, whose id is then
         * given as the region.
         */
        public Builder signingProduct(String product) {
            if (!"oss".equals(product) && !"oss-cloudbox".equals(product)) {
                throw new IllegalArgumentException("signing product must be 'oss' or 'oss-cloudbox', was '" + product + "'");
            }
            this.product = product;
            return this;
        }

        public OssClient build() {
            if (region == null && signatureVersion == SignatureVersion.V4) {
                throw new IllegalStateException("region is required: call region(\"cn-hangzhou\") (the plain region id"
                        + " of the bucket); signature V4 signs it");
            }
            if ((internal ? 1 : 0) + (dualStack ? 1 : 0) + (accelerate ? 1 : 0) > 1) {
                throw new IllegalStateException("choose at most one of internal, dual-stack and accelerate endpoints");
            }
            URI resolved = endpoint != null ? endpoint : derivedEndpoint();
            Addressing resolvedAddressing = addressing != null ? addressing
                    : isIpOrLocalhost(resolved.getHost()) ? Addressing.PATH_STYLE : Addressing.VIRTUAL_HOSTED;
            if (resolvedAddressing == Addressing.VIRTUAL_HOSTED && isIpOrLocalhost(resolved.getHost())) {
                throw new IllegalStateException("virtual-hosted addressing needs a host name, not " + resolved.getHost()
                        + ": use pathStyle() with an IP address or localhost");
            }
            boolean ownsEngine = engine == null && engineConfig != null;
            HttpEngine resolvedEngine = engine != null ? engine : engineConfig != null ? HttpEngine.create(engineConfig) : HttpEngine.shared();
            Builder snapshot = copy();
            if (ownsEngine) {
                snapshot.engine = resolvedEngine;
                snapshot.engineConfig = null;
            }
            OssSettings settings = new OssSettings(resolved, resolvedAddressing, region, product, credentials, signatureVersion,
                    new ArrayList<>(additionalHeaders), resolvedEngine, ownsEngine, retryPolicy, clock,
                    callbackExecutor != null ? callbackExecutor : CallViews.defaultExecutor(), snapshot::copy);
            return new DefaultOssClient(settings);
        }

        private URI derivedEndpoint() {
            if (region == null) {
                throw new IllegalStateException("give a region or an endpoint");
            }
            String host;
            if (internal) {
                host = "oss-" + region + "-internal.aliyuncs.com";
            } else if (dualStack) {
                host = region + ".oss.aliyuncs.com";
            } else if (accelerate) {
                host = "oss-accelerate.aliyuncs.com";
            } else {
                host = "oss-" + region + ".aliyuncs.com";
            }
            return URI.create("https://" + host);
        }

        private static boolean isIpOrLocalhost(String host) {
            if (host.equalsIgnoreCase("localhost") || host.startsWith("[")) {
                return true;
            }
            // A literal IPv4 address: digits and dots only (no lookup happens for it).
            return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') && host.chars().filter(c -> c == '.').count() == 3;
        }

        private static CredentialsProvider environmentCredentials(UnaryOperator<String> environment) {
            return CredentialsProvider.environment(ENVIRONMENT_VARIABLES.get(0), ENVIRONMENT_VARIABLES.get(1),
                    ENVIRONMENT_VARIABLES.get(2), environment);
        }

        @Override
        public String toString() {
            return "OssClient.Builder[region=" + region + ", endpoint=" + endpoint + ", addressing=" + addressing
                    + ", signature=" + signatureVersion + ", credentials=" + credentials + "]";
        }
    }
}
