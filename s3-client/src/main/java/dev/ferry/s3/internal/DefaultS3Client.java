package dev.ferry.s3.internal;

import dev.ferry.core.call.CallViews;
import dev.ferry.core.client.RequestPipeline;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3BlockingClient;
import dev.ferry.s3.S3CallbackClient;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3ClientConfig;
import dev.ferry.s3.S3FutureClient;
import dev.ferry.core.http.UriEncoding;
import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.Bucket;
import dev.ferry.s3.model.CopyObjectRequest;
import dev.ferry.s3.model.CopyObjectResponse;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.DeleteObjectsResponse;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsPage;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.s3.model.ObjectChecksum;
import dev.ferry.s3.model.PresignedRequest;
import dev.ferry.s3.model.S3Object;
import dev.ferry.s3.model.UploadPartCopyRequest;
import java.time.Duration;
import dev.ferry.s3.model.BucketRequest;
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
import dev.ferry.s3.model.ObjectWriteOptions;
import dev.ferry.s3.model.Part;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The S3 client. Each operation builds an {@link HttpRequest}, runs it through the
 * {@link RequestPipeline} (sign per attempt, send, retry) and decodes the answer; the views are the
 * generic adapters of {@link CallViews} over this class.
 */
public final class DefaultS3Client implements S3Client {
    private final S3ClientConfig config;
    private final HttpEngine engine;
    private final boolean ownsEngine;
    private final S3Addressing addressing;
    private final S3RequestSigner signer;
    private final S3Payloads payloads;
    private final RequestPipeline pipeline;
    /** Server clock minus ours, learned from RequestTimeTooSkewed answers; signing adds it. */
    private final AtomicLong clockSkewMillis = new AtomicLong();
    private final S3FutureClient futures;
    private final S3CallbackClient callbacks;
    private final S3BlockingClient blocking;

    private DefaultS3Client(S3ClientConfig config, HttpEngine engine, boolean ownsEngine) {
        this.config = config;
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.addressing = new S3Addressing(config.endpoint(), config.pathStyle());
        this.payloads = new S3Payloads(config.uploadIntegrity(), config.effectiveChecksum());
        this.signer = new S3RequestSigner(config.credentials(), config.region(), config.clock(), clockSkewMillis);
        this.pipeline = new RequestPipeline(engine, config.retryPolicy(), signer);
        this.futures = CallViews.futures(S3FutureClient.class, S3Client.class, this, config.callbackExecutor());
        this.callbacks = CallViews.callbacks(S3CallbackClient.class, S3Client.class, this, config.callbackExecutor());
        this.blocking = CallViews.blocking(S3BlockingClient.class, S3Client.class, this);
    }

    public static S3Client create(S3ClientConfig config, HttpEngine engine, boolean ownsEngine) {
        return new DefaultS3Client(config, engine, ownsEngine);
    }

    public S3ClientConfig config() {
        return config;
    }

    @Override
    public Mono<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body) {
        return Mono.defer(() -> {
            String subject = subject("PutObject", request.bucket(), request.key());
            requireKnownLength(body, subject);
            HttpRequest http = addressing.object("PUT", request.bucket(), request.key(), "PutObject")
                    .headers(writeHeaders(request.options()))
                    .headerIfPresent("Content-MD5", request.contentMd5())
                    .headerIfPresent("If-None-Match", request.ifNoneMatch())
                    .body(body)
                    .build();
            return payloads.send(http, prepared -> pipeline.execute(prepared, response -> expect(response, subject, () -> new PutObjectResponse(
                    eTag(response, subject), response.headers().first("x-amz-version-id"),
                    S3Documents.checksum(response.headers()), response.headers().first("x-amz-request-id")))));
        });
    }

    @Override
    public Mono<CreateMultipartUploadResponse> createMultipartUpload(CreateMultipartUploadRequest request) {
        return Mono.defer(() -> {
            String subject = subject("CreateMultipartUpload", request.bucket(), request.key());
            HttpRequest http = addressing.object("POST", request.bucket(), request.key(), "CreateMultipartUpload")
                    .query("uploads", "")
                    .headers(writeHeaders(request.options()))
                    .headerIfPresent("x-amz-checksum-algorithm", request.checksumAlgorithm() != null
                            ? request.checksumAlgorithm().algorithmValue()
                            : payloads.checksum() == null ? null : payloads.checksum().algorithmValue())
                    // Repeating a create makes a second, unused upload at worst: retrying beats failing.
                    .idempotent(true)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, subject,
                    body -> S3Documents.initiateResult(body, request.bucket(), request.key())));
        });
    }

    @Override
    public Mono<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body) {
        return Mono.defer(() -> {
            String subject = subject("UploadPart " + request.partNumber() + " of", request.bucket(), request.key());
            requireKnownLength(body, subject);
            HttpRequest http = addressing.object("PUT", request.bucket(), request.key(), "UploadPart")
                    .query("partNumber", Integer.toString(request.partNumber()))
                    .query("uploadId", request.uploadId())
                    .headerIfPresent("Content-MD5", request.contentMd5())
                    .body(body)
                    .build();
            return payloads.send(http, prepared -> pipeline.execute(prepared, response -> expect(response, subject,
                    () -> new UploadPartResponse(request.partNumber(), eTag(response, subject), partChecksum(prepared, response)))));
        });
    }

    @Override
    public Mono<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request) {
        return Mono.defer(() -> {
            String subject = subject("CompleteMultipartUpload", request.bucket(), request.key());
            HttpRequest http = addressing.object("POST", request.bucket(), request.key(), "CompleteMultipartUpload")
                    .query("uploadId", request.uploadId())
                    .header("Content-Type", "application/xml")
                    .body(RequestBody.fromBytes(S3Documents.completeDocument(request.parts())))
                    // Completing the same parts again is harmless, so a lost answer may be retried.
                    .idempotent(true)
                    .build();
            return pipeline.execute(http, response -> response.isSuccessful()
                    ? response.body().asBytes().map(body -> withETag(S3Documents.completeResult(body, response.statusCode(),
                            response.headers(), request.bucket(), request.key(), subject), request))
                    : S3Errors.fail(response, subject, clockSkewMillis::set));
        });
    }

    /** Ceph RGW 16 completes with an empty ETag: derive S3's from the parts when they allow it. */
    private static CompleteMultipartUploadResponse withETag(CompleteMultipartUploadResponse done, CompleteMultipartUploadRequest request) {
        if (!done.eTag().isBlank()) {
            return done;
        }
        String derived = S3Documents.multipartETag(request.parts());
        return derived == null ? done : new CompleteMultipartUploadResponse(done.location(), done.bucket(), done.key(), derived,
                done.versionId(), done.requestId());
    }

    @Override
    public Mono<Void> abortMultipartUpload(AbortMultipartUploadRequest request) {
        return Mono.defer(() -> {
            String subject = subject("AbortMultipartUpload", request.bucket(), request.key());
            HttpRequest http = addressing.object("DELETE", request.bucket(), request.key(), "AbortMultipartUpload")
                    .query("uploadId", request.uploadId())
                    .build();
            return pipeline.execute(http, response -> expectNothing(response, subject));
        });
    }

    @Override
    public Flux<Part> listParts(ListPartsRequest request) {
        return listPartsFrom(request, null);
    }

    private Flux<Part> listPartsFrom(ListPartsRequest request, @Nullable String marker) {
        return Mono.defer(() -> {
            String subject = subject("ListParts", request.bucket(), request.key());
            HttpRequest http = addressing.object("GET", request.bucket(), request.key(), "ListParts")
                    .query("uploadId", request.uploadId())
                    .query("max-parts", Integer.toString(request.pageSize()))
                    .queryIfPresent("part-number-marker", marker)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, subject, S3Documents::partsPage));
        }).flatMapMany(page -> {
            Flux<Part> parts = Flux.fromIterable(page.parts());
            if (page.truncated() && page.nextMarker() != null && !page.nextMarker().equals(marker)) {
                return parts.concatWith(Flux.defer(() -> listPartsFrom(request, page.nextMarker())));
            }
            return parts;
        });
    }

    @Override
    public <T> Mono<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader) {
        return Mono.defer(() -> {
            String subject = subject("GetObject", request.bucket(), request.key());
            HttpRequest http = addressing.object("GET", request.bucket(), request.key(), "GetObject")
                    .queryIfPresent("versionId", request.versionId())
                    .headerIfPresent("Range", request.range())
                    .headerIfPresent("x-amz-checksum-mode", config.verifyDownloads() ? "ENABLED" : null)
                    .headerIfPresent("If-Match", request.ifMatch())
                    .headerIfPresent("If-None-Match", request.ifNoneMatch())
                    .headerIfPresent("If-Modified-Since", request.ifModifiedSince() == null ? null : S3Documents.httpDate(request.ifModifiedSince()))
                    .headerIfPresent("If-Unmodified-Since", request.ifUnmodifiedSince() == null ? null : S3Documents.httpDate(request.ifUnmodifiedSince()))
                    .build();
            return pipeline.executeStreaming(http, response -> response.isSuccessful()
                    ? reader.read(S3Documents.metadata(response.headers()), config.verifyDownloads()
                            ? VerifyingBody.wrap(response.body(), response.headers(), request.range() != null, subject)
                            : response.body())
                    : S3Errors.fail(response, subject, clockSkewMillis::set));
        });
    }

    @Override
    public Mono<ObjectMetadata> headObject(HeadObjectRequest request) {
        return Mono.defer(() -> {
            String subject = subject("HeadObject", request.bucket(), request.key());
            HttpRequest http = addressing.object("HEAD", request.bucket(), request.key(), "HeadObject")
                    .queryIfPresent("versionId", request.versionId())
                    .build();
            return pipeline.execute(http, response -> expect(response, subject, () -> S3Documents.metadata(response.headers())));
        });
    }

    @Override
    public Mono<DeleteObjectResponse> deleteObject(DeleteObjectRequest request) {
        return Mono.defer(() -> {
            String subject = subject("DeleteObject", request.bucket(), request.key());
            HttpRequest http = addressing.object("DELETE", request.bucket(), request.key(), "DeleteObject")
                    .queryIfPresent("versionId", request.versionId())
                    .build();
            return pipeline.execute(http, response -> expect(response, subject, () -> new DeleteObjectResponse(
                    response.headers().first("x-amz-version-id"),
                    "true".equals(response.headers().first("x-amz-delete-marker")))));
        });
    }

    @Override
    public Mono<Void> createBucket(CreateBucketRequest request) {
        return Mono.defer(() -> {
            String subject = "CreateBucket " + request.bucket();
            HttpRequest.Builder http = addressing.bucket("PUT", request.bucket(), "CreateBucket");
            if (request.locationConstraint() != null) {
                http.header("Content-Type", "application/xml")
                        .body(RequestBody.fromBytes(S3Documents.createBucketDocument(request.locationConstraint())));
            }
            return pipeline.execute(http.build(), response -> expectNothing(response, subject));
        });
    }

    @Override
    public Mono<HeadBucketResponse> headBucket(BucketRequest request) {
        return Mono.defer(() -> {
            String subject = "HeadBucket " + request.bucket();
            HttpRequest http = addressing.bucket("HEAD", request.bucket(), "HeadBucket").build();
            return pipeline.execute(http, response -> expect(response, subject,
                    () -> new HeadBucketResponse(response.headers().first("x-amz-bucket-region"))));
        });
    }

    @Override
    public Mono<Void> deleteBucket(BucketRequest request) {
        return Mono.defer(() -> {
            String subject = "DeleteBucket " + request.bucket();
            HttpRequest http = addressing.bucket("DELETE", request.bucket(), "DeleteBucket").build();
            return pipeline.execute(http, response -> expectNothing(response, subject));
        });
    }

    @Override
    public Flux<Bucket> listBuckets() {
        return listBucketsFrom(null);
    }

    private Flux<Bucket> listBucketsFrom(@Nullable String token) {
        return Mono.defer(() -> {
            HttpRequest http = HttpRequest.builder("GET", config.endpoint()).path("/").operation("ListBuckets")
                    .queryIfPresent("continuation-token", token)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, "ListBuckets", S3Documents::bucketsPage));
        }).flatMapMany(page -> {
            Flux<Bucket> buckets = Flux.fromIterable(page.buckets());
            return page.continuationToken() != null && !page.continuationToken().equals(token)
                    ? buckets.concatWith(Flux.defer(() -> listBucketsFrom(page.continuationToken())))
                    : buckets;
        });
    }

    @Override
    public Flux<S3Object> listObjects(ListObjectsRequest request) {
        return listObjectsPages(request).concatMapIterable(ListObjectsPage::objects);
    }

    @Override
    public Flux<ListObjectsPage> listObjectsPages(ListObjectsRequest request) {
        return listObjectsFrom(request, null);
    }

    private Flux<ListObjectsPage> listObjectsFrom(ListObjectsRequest request, @Nullable String token) {
        return Mono.defer(() -> {
            String subject = "ListObjectsV2 s3://" + request.bucket() + "/" + (request.prefix() == null ? "" : request.prefix());
            HttpRequest http = addressing.bucket("GET", request.bucket(), "ListObjectsV2")
                    .query("list-type", "2")
                    // Keys may hold characters XML 1.0 cannot carry; url encoding brings them through.
                    .query("encoding-type", "url")
                    .query("max-keys", Integer.toString(request.pageSize()))
                    .queryIfPresent("prefix", request.prefix())
                    .queryIfPresent("delimiter", request.delimiter())
                    .queryIfPresent("start-after", token == null ? request.startAfter() : null)
                    .queryIfPresent("continuation-token", token)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, subject, S3Documents::objectsPage));
        }).flatMapMany(result -> {
            String next = result.continuationToken();
            Mono<ListObjectsPage> page = Mono.just(result.page());
            return next != null && !next.equals(token)
                    ? page.concatWith(Flux.defer(() -> listObjectsFrom(request, next)))
                    : page.flux();
        });
    }

    @Override
    public Flux<MultipartUpload> listMultipartUploads(ListMultipartUploadsRequest request) {
        return listUploadsFrom(request, null, null);
    }

    private Flux<MultipartUpload> listUploadsFrom(ListMultipartUploadsRequest request, @Nullable String keyMarker,
                                                  @Nullable String uploadIdMarker) {
        return Mono.defer(() -> {
            String subject = "ListMultipartUploads s3://" + request.bucket();
            HttpRequest http = addressing.bucket("GET", request.bucket(), "ListMultipartUploads")
                    .query("uploads", "")
                    .query("max-uploads", Integer.toString(request.pageSize()))
                    .queryIfPresent("prefix", request.prefix())
                    .queryIfPresent("key-marker", keyMarker)
                    .queryIfPresent("upload-id-marker", uploadIdMarker)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, subject, S3Documents::uploadsPage));
        }).flatMapMany(page -> {
            Flux<MultipartUpload> uploads = Flux.fromIterable(page.uploads());
            boolean advances = page.nextKeyMarker() != null
                    && !(page.nextKeyMarker().equals(keyMarker) && java.util.Objects.equals(page.nextUploadIdMarker(), uploadIdMarker));
            return page.truncated() && advances
                    ? uploads.concatWith(Flux.defer(() -> listUploadsFrom(request, page.nextKeyMarker(), page.nextUploadIdMarker())))
                    : uploads;
        });
    }

    @Override
    public Mono<DeleteObjectsResponse> deleteObjects(DeleteObjectsRequest request) {
        return Mono.defer(() -> {
            String subject = "DeleteObjects s3://" + request.bucket() + " (" + request.objects().size() + " keys)";
            byte[] document = S3Documents.deleteDocument(request);
            HttpRequest http = addressing.bucket("POST", request.bucket(), "DeleteObjects")
                    .query("delete", "")
                    .header("Content-Type", "application/xml")
                    // S3 refuses a batch delete without a digest of its document.
                    .header("Content-MD5", ContentMd5.of(document))
                    .body(RequestBody.fromBytes(document))
                    .idempotent(true)
                    .build();
            return pipeline.execute(http, response -> expectDocument(response, subject, S3Documents::deleteResult));
        });
    }

    @Override
    public Mono<CopyObjectResponse> copyObject(CopyObjectRequest request) {
        return Mono.defer(() -> {
            String subject = "CopyObject s3://" + request.sourceBucket() + "/" + request.sourceKey()
                    + " to s3://" + request.bucket() + "/" + request.key();
            HttpRequest.Builder http = addressing.object("PUT", request.bucket(), request.key(), "CopyObject")
                    .header("x-amz-copy-source", copySource(request.sourceBucket(), request.sourceKey(), request.sourceVersionId()))
                    .headerIfPresent("x-amz-copy-source-if-match", request.ifMatch());
            if (request.replaceMetadata()) {
                http.header("x-amz-metadata-directive", "REPLACE").headers(writeHeaders(request.options()));
            } else {
                ObjectWriteOptions o = request.options();
                http.headerIfPresent("x-amz-storage-class", o.storageClass());
                if (o.serverSideEncryption() != null) {
                    http.header("x-amz-server-side-encryption", o.serverSideEncryption().algorithm());
                }
            }
            return pipeline.execute(http.build(), response -> response.isSuccessful()
                    ? response.body().asBytes().map(body -> {
                        S3Documents.CopyResult result = S3Documents.copyResult(body, response.statusCode(), response.headers(), subject);
                        return new CopyObjectResponse(result.eTag(), result.lastModified(), response.headers().first("x-amz-version-id"));
                    })
                    : S3Errors.fail(response, subject, clockSkewMillis::set));
        });
    }

    @Override
    public Mono<UploadPartResponse> uploadPartCopy(UploadPartCopyRequest request) {
        return Mono.defer(() -> {
            String subject = subject("UploadPartCopy " + request.partNumber() + " of", request.bucket(), request.key());
            HttpRequest http = addressing.object("PUT", request.bucket(), request.key(), "UploadPartCopy")
                    .query("partNumber", Integer.toString(request.partNumber()))
                    .query("uploadId", request.uploadId())
                    .header("x-amz-copy-source", copySource(request.sourceBucket(), request.sourceKey(), request.sourceVersionId()))
                    .headerIfPresent("x-amz-copy-source-range", request.rangeHeader())
                    .headerIfPresent("x-amz-copy-source-if-match", request.sourceIfMatch())
                    .build();
            return pipeline.execute(http, response -> response.isSuccessful()
                    ? response.body().asBytes().map(body -> new UploadPartResponse(request.partNumber(),
                            S3Documents.copyResult(body, response.statusCode(), response.headers(), subject).eTag(), null))
                    : S3Errors.fail(response, subject, clockSkewMillis::set));
        });
    }

    /** {@code x-amz-copy-source}: the source bucket and key, URL-encoded, with the version as a query. */
    private static String copySource(String bucket, String key, @Nullable String versionId) {
        String source = "/" + UriEncoding.encode(bucket) + "/" + UriEncoding.encodePath(key);
        return versionId == null ? source : source + "?versionId=" + UriEncoding.encode(versionId);
    }

    @Override
    public Mono<PresignedRequest> presignGetObject(GetObjectRequest request, Duration expiresIn) {
        return Mono.defer(() -> signer.presign(addressing.object("GET", request.bucket(), request.key(), "GetObject")
                .queryIfPresent("versionId", request.versionId()).build(), expiresIn));
    }

    @Override
    public Mono<PresignedRequest> presignPutObject(PutObjectRequest request, Duration expiresIn) {
        return Mono.defer(() -> signer.presign(addressing.object("PUT", request.bucket(), request.key(), "PutObject")
                .headers(writeHeaders(request.options()))
                .headerIfPresent("Content-MD5", request.contentMd5())
                .build(), expiresIn));
    }

    // ---- decoding helpers shared by the operations

    private <T> Mono<T> expect(HttpResponse response, String subject, java.util.function.Supplier<T> value) {
        if (!response.isSuccessful()) {
            return S3Errors.fail(response, subject, clockSkewMillis::set);
        }
        return response.body().discard().then(Mono.fromSupplier(value));
    }

    private Mono<Void> expectNothing(HttpResponse response, String subject) {
        return response.isSuccessful() ? response.body().discard() : S3Errors.fail(response, subject, clockSkewMillis::set);
    }

    private <T> Mono<T> expectDocument(HttpResponse response, String subject, Function<byte[], T> parse) {
        if (!response.isSuccessful()) {
            return S3Errors.fail(response, subject, clockSkewMillis::set);
        }
        return response.body().asBytes().map(parse);
    }

    /**
     * The part's checksum, for Complete: the server's echo when it sends one, else the value this
     * client computed and sent (S3 checks it either way).
     */
    private static @Nullable ObjectChecksum partChecksum(HttpRequest sent, HttpResponse response) {
        ObjectChecksum echoed = S3Documents.checksum(response.headers());
        return echoed != null ? echoed : S3Documents.checksum(sent.headers());
    }

    private static String eTag(HttpResponse response, String subject) {
        String eTag = response.headers().first("ETag");
        if (eTag == null) {
            throw new IllegalStateException(subject + ": the server answered " + response.statusCode() + " without an ETag");
        }
        return eTag;
    }

    private static void requireKnownLength(RequestBody body, String subject) {
        if (!body.hasKnownLength()) {
            throw new IllegalArgumentException(subject + ": S3 needs the length of the body up front (it refuses chunked"
                    + " transfer encoding); give a body of known length, or upload a stream of unknown length with a multipart upload");
        }
    }

    private static String subject(String operation, String bucket, String key) {
        return operation + " s3://" + bucket + "/" + key;
    }

    static HttpHeaders writeHeaders(ObjectWriteOptions o) {
        HttpHeaders.Builder h = HttpHeaders.builder();
        if (o.contentType() != null) {
            h.add("Content-Type", o.contentType());
        }
        if (o.cacheControl() != null) {
            h.add("Cache-Control", o.cacheControl());
        }
        if (o.contentDisposition() != null) {
            h.add("Content-Disposition", o.contentDisposition());
        }
        if (o.contentEncoding() != null) {
            h.add("Content-Encoding", o.contentEncoding());
        }
        if (o.contentLanguage() != null) {
            h.add("Content-Language", o.contentLanguage());
        }
        for (Map.Entry<String, String> e : o.metadata().entrySet()) {
            h.add("x-amz-meta-" + e.getKey(), e.getValue());
        }
        if (o.storageClass() != null) {
            h.add("x-amz-storage-class", o.storageClass());
        }
        if (o.serverSideEncryption() != null) {
            h.add("x-amz-server-side-encryption", o.serverSideEncryption().algorithm());
            if (o.serverSideEncryption().kmsKeyId() != null) {
                h.add("x-amz-server-side-encryption-aws-kms-key-id", o.serverSideEncryption().kmsKeyId());
            }
        }
        if (o.tagging() != null) {
            h.add("x-amz-tagging", o.tagging());
        }
        return h.build();
    }

    @Override
    public S3FutureClient futures() {
        return futures;
    }

    @Override
    public S3CallbackClient callbacks() {
        return callbacks;
    }

    @Override
    public S3BlockingClient blocking() {
        return blocking;
    }

    @Override
    public Builder toBuilder() {
        return S3Client.builder().config(config).engine(engine);
    }

    @Override
    public void close() {
        if (ownsEngine) {
            engine.close();
        }
    }

    @Override
    public String toString() {
        return "S3Client[" + config + "]";
    }
}
