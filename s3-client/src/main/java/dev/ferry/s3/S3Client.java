package dev.ferry.s3;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.call.CallViews;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.s3.internal.DefaultS3Client;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.Bucket;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.s3.model.CopyObjectRequest;
import dev.ferry.s3.model.CopyObjectResponse;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.DeleteObjectsResponse;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsPage;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.s3.model.PresignedRequest;
import dev.ferry.s3.model.S3Object;
import dev.ferry.s3.model.UploadPartCopyRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadResponse;
import dev.ferry.s3.model.DeleteObjectRequest;
import dev.ferry.s3.model.DeleteObjectResponse;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.HeadBucketResponse;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ListPartsRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.Part;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive client for Amazon S3 and S3-compatible stores. Nothing happens until a returned
 * publisher is subscribed; cancelling the subscription cancels the exchange.
 *
 * <pre>{@code
 * S3Client s3 = S3Client.builder()
 *         .endpoint("http://127.0.0.1:9000")        // omit for AWS
 *         .region("us-east-1")
 *         .credentials(CredentialsProvider.environment())
 *         .build();
 * s3.putObject(PutObjectRequest.of("bucket", "hello.txt"), RequestBody.fromString("hello")).block();
 * }</pre>
 *
 * <p>The same operations are offered as futures ({@link #futures()}), as Begin/End calls with a
 * state object ({@link #callbacks()}) and blocking ({@link #blocking()}). A client is immutable and
 * thread-safe; build one per endpoint and share it.
 */
public interface S3Client extends AutoCloseable {

    static Builder builder() {
        return new Builder();
    }

    /** Stores a whole object in one request. The body's length must be known. */
    Mono<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body);

    Mono<CreateMultipartUploadResponse> createMultipartUpload(CreateMultipartUploadRequest request);

    /** Uploads one part. Its length must be known; parts other than the last must be at least 5 MiB. */
    Mono<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body);

    /** Completes the upload. An error S3 reports inside a 200 answer fails the Mono like any other. */
    Mono<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request);

    Mono<Void> abortMultipartUpload(AbortMultipartUploadRequest request);

    /** Every part of the upload, fetching further pages as the subscriber asks for more. */
    Flux<Part> listParts(ListPartsRequest request);

    /**
     * Reads an object; the reader decides where its content goes:
     * {@code s3.getObject(request, BodyReader.toBytes())}.
     */
    <T> Mono<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    /** The object's metadata; a missing object fails with an {@link S3Exception} of status 404. */
    Mono<ObjectMetadata> headObject(HeadObjectRequest request);

    Mono<DeleteObjectResponse> deleteObject(DeleteObjectRequest request);

    Mono<Void> createBucket(CreateBucketRequest request);

    Mono<HeadBucketResponse> headBucket(BucketRequest request);

    /** Deletes an empty bucket. */
    Mono<Void> deleteBucket(BucketRequest request);

    /** Every bucket the credentials own. */
    Flux<Bucket> listBuckets();

    /** Every object matching the request, fetching further pages as the subscriber asks for more. */
    Flux<S3Object> listObjects(ListObjectsRequest request);

    /** The listing page by page, with the common prefixes a delimiter groups keys into. */
    Flux<ListObjectsPage> listObjectsPages(ListObjectsRequest request);

    /** Uploads neither completed nor aborted: what is still costing storage. */
    Flux<MultipartUpload> listMultipartUploads(ListMultipartUploadsRequest request);

    /**
     * Deletes up to 1,000 objects in one request (with the Content-MD5 S3 requires). Keys that could
     * not be deleted are listed in the response; they do not fail the Mono.
     */
    Mono<DeleteObjectsResponse> deleteObjects(DeleteObjectsRequest request);

    /** Copies an object of up to 5 GiB server-side. An error S3 reports inside a 200 answer fails the Mono. */
    Mono<CopyObjectResponse> copyObject(CopyObjectRequest request);

    /** Copies a range of an existing object into a part of a multipart upload (objects over 5 GiB). */
    Mono<UploadPartResponse> uploadPartCopy(UploadPartCopyRequest request);

    /**
     * A URL that reads the object without credentials until it expires (1 second to 7 days). Conditions
     * and ranges of the request are not part of the URL: whoever uses it sends those.
     */
    Mono<PresignedRequest> presignGetObject(GetObjectRequest request, Duration expiresIn);

    /**
     * A URL that stores an object without credentials until it expires. The uploader must send the
     * returned {@link PresignedRequest#headers()} (content type, metadata) exactly.
     */
    Mono<PresignedRequest> presignPutObject(PutObjectRequest request, Duration expiresIn);

    /** The same operations returning {@code CompletableFuture}s; cancelling one cancels the exchange. */
    S3FutureClient futures();

    /** The same operations as Begin/End pairs with a callback and a state object. */
    S3CallbackClient callbacks();

    /** The same operations, blocking the calling thread (never an event loop). */
    S3BlockingClient blocking();

    /** A builder with this client's settings; clients built from it share its engine. */
    Builder toBuilder();

    /** Closes the engine if this client created it; a shared or given engine is left open. */
    @Override
    void close();

    /** Collects an S3 client's settings. */
    final class Builder {
        @Nullable URI endpoint;
        String region = defaultRegion();
        CredentialsProvider credentials = CredentialsProvider.defaultChain();
        @Nullable Boolean pathStyle;
        @Nullable HttpEngine engine;
        @Nullable EngineConfig engineConfig;
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        Clock clock = Clock.systemUTC();
        @Nullable Executor callbackExecutor;
        UploadIntegrity uploadIntegrity = UploadIntegrity.SIGNED_PAYLOAD;
        @Nullable ChecksumAlgorithm checksumAlgorithm;
        boolean verifyDownloads = true;
        boolean unsignedPayloadOverHttp;

        Builder() {
        }

        private static String defaultRegion() {
            String env = System.getenv("AWS_REGION");
            return env == null || env.isBlank() ? "us-east-1" : env.trim();
        }

        /** The service endpoint, for S3-compatible stores: {@code http://127.0.0.1:9000}. Omit for AWS. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder endpoint(String endpoint) {
            return endpoint(URI.create(endpoint));
        }

        /** The signing region (and, without an endpoint, the AWS region to talk to). Default: AWS_REGION, else us-east-1. */
        public Builder region(String region) {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank");
            }
            this.region = region.trim();
            return this;
        }

        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(CredentialsProvider.of(Credentials.of(accessKeyId, secretAccessKey)));
        }

        /**
         * Path-style addressing ({@code host/bucket/key}) instead of virtual-hosted ({@code bucket.host/key}).
         * Default: path style for an endpoint given as an IP address or {@code localhost}, virtual-hosted otherwise.
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
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

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The clock requests are signed with (tests); S3's clock-skew errors adjust for drift on their own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where futures complete and Begin/End callbacks run. Default: Reactor's bounded elastic scheduler. */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How uploads vouch for their bytes; see {@link UploadIntegrity}. Default: {@link UploadIntegrity#SIGNED_PAYLOAD}. */
        public Builder uploadIntegrity(UploadIntegrity integrity) {
            this.uploadIntegrity = Objects.requireNonNull(integrity, "integrity");
            return this;
        }

        /**
         * Lets {@link UploadIntegrity#UNSIGNED_PAYLOAD} run over plain {@code http://}, which is refused
         * otherwise. The body is then vouched for only by its flexible checksum (CRC32C unless another is
         * chosen): that catches corruption, but not a body changed on purpose by someone on the path, since
         * nothing signs it and nothing encrypts it. For a loopback or otherwise trusted network (a local
         * store, a benchmark), never across one you do not control. Default: off.
         */
        public Builder allowUnsignedPayloadOverHttp(boolean allow) {
            this.unsignedPayloadOverHttp = allow;
            return this;
        }

        /**
         * A flexible checksum to send with every upload and store with the object ({@code x-amz-checksum-*}).
         * Default: none (CRC32C with {@link UploadIntegrity#UNSIGNED_PAYLOAD}).
         */
        public Builder checksumAlgorithm(@Nullable ChecksumAlgorithm algorithm) {
            this.checksumAlgorithm = algorithm;
            return this;
        }

        /**
         * Whether GetObject checks what it reads against the object's checksum header or MD5 ETag when
         * there is one, failing with {@link dev.ferry.core.IntegrityException} on a mismatch. Default: on.
         */
        public Builder verifyDownloads(boolean verify) {
            this.verifyDownloads = verify;
            return this;
        }

        /** Takes every setting of {@code config}. */
        public Builder config(S3ClientConfig config) {
            this.endpoint = config.endpoint();
            this.region = config.region();
            this.credentials = config.credentials();
            this.pathStyle = config.pathStyle();
            this.retryPolicy = config.retryPolicy();
            this.clock = config.clock();
            this.callbackExecutor = config.callbackExecutor();
            this.uploadIntegrity = config.uploadIntegrity();
            this.checksumAlgorithm = config.checksumAlgorithm();
            this.verifyDownloads = config.verifyDownloads();
            this.unsignedPayloadOverHttp = config.unsignedPayloadOverHttp();
            return this;
        }

        public S3Client build() {
            URI resolved = endpoint != null ? endpoint : URI.create("https://s3." + region + ".amazonaws.com");
            boolean path = pathStyle != null ? pathStyle : S3ClientConfig.impliesPathStyle(resolved);
            S3ClientConfig config = new S3ClientConfig(resolved, region, credentials, path, retryPolicy, clock,
                    callbackExecutor != null ? callbackExecutor : CallViews.defaultExecutor(), uploadIntegrity,
                    checksumAlgorithm, verifyDownloads, unsignedPayloadOverHttp);
            if (engine != null) {
                return DefaultS3Client.create(config, engine, false);
            }
            if (engineConfig != null) {
                return DefaultS3Client.create(config, HttpEngine.create(engineConfig), true);
            }
            return DefaultS3Client.create(config, HttpEngine.shared(), false);
        }
    }
}
