package dev.ferry.oss.internal;

import dev.ferry.core.call.CallViews;
import dev.ferry.core.client.RequestPipeline;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.OssBlockingClient;
import dev.ferry.oss.OssCallbackClient;
import dev.ferry.oss.OssClient;
import dev.ferry.oss.OssFutureClient;
import dev.ferry.oss.SignatureVersion;
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
import dev.ferry.oss.model.ProcessObjectRequest;
import dev.ferry.oss.model.ProcessObjectResponse;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.oss.model.PutObjectResponse;
import dev.ferry.oss.model.UploadPartRequest;
import dev.ferry.oss.model.UploadPartResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one {@link OssClient}. Each operation builds an {@link HttpRequest}, hands it to a
 * {@link RequestPipeline} whose signer knows the request's bucket and key (OSS signs them whatever
 * the addressing), and decodes the answer or the error.
 */
public final class DefaultOssClient implements OssClient {
    private static final byte[] EMPTY = new byte[0];

    private final OssSettings settings;
    private final OssEndpoint endpoint;
    private final OssSigner signer;
    private final SigningClock clock;
    private final OssFutureClient futures;
    private final OssCallbackClient callbacks;
    private final OssBlockingClient blocking;

    public DefaultOssClient(OssSettings settings) {
        this.settings = settings;
        this.endpoint = new OssEndpoint(settings.endpoint(), settings.addressing());
        this.signer = settings.signatureVersion() == SignatureVersion.V4
                ? new OssV4Signer(settings.region(), settings.product(), settings.additionalHeaders())
                : new OssV1Signer();
        this.clock = new SigningClock(settings.clock());
        this.futures = CallViews.futures(OssFutureClient.class, OssClient.class, this, settings.callbackExecutor());
        this.callbacks = CallViews.callbacks(OssCallbackClient.class, OssClient.class, this, settings.callbackExecutor());
        this.blocking = CallViews.blocking(OssBlockingClient.class, OssClient.class, this);
    }

    @Override
    public Mono<AsyncProcessObjectResponse> asyncProcessObject(AsyncProcessObjectRequest request) {
        return Mono.defer(() -> {
            // The body is literally "x-oss-async-process=<instruction>", not form-encoded.
            byte[] body = ("x-oss-async-process=" + request.process()).getBytes(StandardCharsets.UTF_8);
            HttpRequest http = endpoint.request("POST", request.bucket(), request.key())
                    .query("x-oss-async-process", "")
                    .header("Content-MD5", Hashing.contentMd5(body))
                    .headerIfPresent("x-oss-request-payer", request.requestPayer() ? "requester" : null)
                    .body(RequestBody.fromBytes(body))
                    // Every accepted submission starts another task: never repeat one OSS may have received.
                    .idempotent(false)
                    .operation("AsyncProcessObject")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()), response -> readAll(response).map(bytes -> {
                Map<String, String> fields = OssDocuments.jsonFields(bytes);
                return new AsyncProcessObjectResponse(response.statusCode(), requestId(response),
                        new String(bytes, StandardCharsets.UTF_8), fields.get("EventId"), fields.get("TaskId"),
                        fields.get("RequestId"), response.headers());
            }));
        });
    }

    @Override
    public Mono<ProcessObjectResponse> processObject(ProcessObjectRequest request) {
        return Mono.defer(() -> {
            byte[] body = ("x-oss-process=" + request.process()).getBytes(StandardCharsets.UTF_8);
            HttpRequest http = endpoint.request("POST", request.bucket(), request.key())
                    .query("x-oss-process", "")
                    .header("Content-MD5", Hashing.contentMd5(body))
                    .headerIfPresent("x-oss-request-payer", request.requestPayer() ? "requester" : null)
                    .body(RequestBody.fromBytes(body))
                    // The same instruction on the same source writes the same target: repeating it is harmless.
                    .idempotent(true)
                    .operation("ProcessObject")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()), response -> readAll(response).map(bytes -> {
                Map<String, String> fields = OssDocuments.jsonFields(bytes);
                long size = -1;
                try {
                    size = fields.containsKey("fileSize") ? Long.parseLong(fields.get("fileSize")) : -1;
                } catch (NumberFormatException ignored) {
                    // Left at -1: the raw result is there for whoever needs it.
                }
                return new ProcessObjectResponse(response.statusCode(), requestId(response),
                        new String(bytes, StandardCharsets.UTF_8), fields.get("bucket"), fields.get("object"), size,
                        fields.get("status"), response.headers());
            }));
        });
    }

    @Override
    public Mono<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body) {
        return Mono.defer(() -> {
            HttpRequest.Builder b = endpoint.request("PUT", request.bucket(), request.key())
                    .headerIfPresent("Content-Type", request.contentType())
                    .headerIfPresent("Cache-Control", request.cacheControl())
                    .headerIfPresent("Content-Disposition", request.contentDisposition())
                    .headerIfPresent("Content-Encoding", request.contentEncoding())
                    .headerIfPresent("x-oss-storage-class", request.storageClass())
                    .headerIfPresent("x-oss-object-acl", request.acl())
                    .headerIfPresent("x-oss-forbid-overwrite", request.forbidOverwrite() ? "true" : null)
                    .body(body)
                    .operation("PutObject");
            request.metadata().forEach((name, value) -> b.header("x-oss-meta-" + name, value));
            Mono<HttpRequest> http = request.contentMd5() ? contentMd5(body).map(md5 -> b.header("Content-MD5", md5).build())
                    : Mono.just(b.build());
            OssResource resource = OssResource.object(request.bucket(), request.key());
            return http.flatMap(h -> send(h, resource, response -> response.body().discard().then(Mono.fromSupplier(() -> {
                HttpHeaders headers = response.headers();
                return new PutObjectResponse(requestId(response), OssDocuments.unquote(headers.first("ETag")),
                        headers.first("x-oss-version-id"), headers.first("x-oss-hash-crc64ecma"));
            }))));
        });
    }

    @Override
    public <T> Mono<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader) {
        return Mono.defer(() -> {
            HttpRequest http = endpoint.request("GET", request.bucket(), request.key())
                    .headerIfPresent("Range", request.range())
                    .queryIfPresent("versionId", request.versionId())
                    .queryIfPresent("x-oss-process", request.process())
                    .operation("GetObject")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()),
                    response -> reader.read(metadata(response), response.body()));
        });
    }

    @Override
    public Mono<ObjectMetadata> headObject(HeadObjectRequest request) {
        return Mono.defer(() -> {
            HttpRequest http = endpoint.request("HEAD", request.bucket(), request.key())
                    .queryIfPresent("versionId", request.versionId())
                    .operation("HeadObject")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()),
                    response -> response.body().discard().then(Mono.fromSupplier(() -> metadata(response))));
        });
    }

    @Override
    public Mono<DeleteObjectResponse> deleteObject(DeleteObjectRequest request) {
        return Mono.defer(() -> {
            HttpRequest http = endpoint.request("DELETE", request.bucket(), request.key())
                    .queryIfPresent("versionId", request.versionId())
                    .operation("DeleteObject")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()),
                    response -> response.body().discard().then(Mono.fromSupplier(() -> new DeleteObjectResponse(
                            requestId(response), response.headers().first("x-oss-version-id"),
                            "true".equalsIgnoreCase(response.headers().first("x-oss-delete-marker"))))));
        });
    }

    @Override
    public Mono<InitiateMultipartUploadResponse> initiateMultipartUpload(InitiateMultipartUploadRequest request) {
        return Mono.defer(() -> {
            HttpRequest.Builder b = endpoint.request("POST", request.bucket(), request.key())
                    .query("uploads", "")
                    .headerIfPresent("Content-Type", request.contentType())
                    .headerIfPresent("x-oss-storage-class", request.storageClass())
                    .headerIfPresent("x-oss-forbid-overwrite", request.forbidOverwrite() ? "true" : null)
                    // A repeat would start a second upload and leave the first one's parts behind.
                    .idempotent(false)
                    .operation("InitiateMultipartUpload");
            request.metadata().forEach((name, value) -> b.header("x-oss-meta-" + name, value));
            return send(b.build(), OssResource.object(request.bucket(), request.key()), response -> readAll(response).map(bytes -> {
                OssDocuments.InitiateResult r = OssDocuments.initiateResult(bytes, request.bucket(), request.key());
                return new InitiateMultipartUploadResponse(r.bucket(), r.key(), r.uploadId(), requestId(response));
            }));
        });
    }

    @Override
    public Mono<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body) {
        return Mono.defer(() -> {
            HttpRequest http = endpoint.request("PUT", request.bucket(), request.key())
                    .query("partNumber", Integer.toString(request.partNumber()))
                    .query("uploadId", request.uploadId())
                    .body(body)
                    .operation("UploadPart")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()),
                    response -> response.body().discard().then(Mono.fromSupplier(() -> {
                        String etag = OssDocuments.unquote(response.headers().first("ETag"));
                        if (etag == null || etag.isEmpty()) {
                            throw new dev.ferry.core.FerryException("UploadPart " + request.partNumber() + " of oss://"
                                    + request.bucket() + "/" + request.key() + " succeeded but returned no ETag");
                        }
                        return new UploadPartResponse(request.partNumber(), etag,
                                response.headers().first("x-oss-hash-crc64ecma"), requestId(response));
                    })));
        });
    }

    @Override
    public Mono<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request) {
        return Mono.defer(() -> {
            byte[] body = OssDocuments.completeBody(request.parts());
            HttpRequest http = endpoint.request("POST", request.bucket(), request.key())
                    .query("uploadId", request.uploadId())
                    .header("Content-Type", "application/xml")
                    .header("Content-MD5", Hashing.contentMd5(body))
                    .body(RequestBody.fromBytes(body))
                    // Completing with the same parts assembles the same object; the official SDKs retry it too.
                    .idempotent(true)
                    .operation("CompleteMultipartUpload")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()), response -> readAll(response).map(bytes -> {
                Map<String, String> f = OssDocuments.leafFields(bytes);
                return new CompleteMultipartUploadResponse(f.getOrDefault("Bucket", request.bucket()),
                        f.getOrDefault("Key", request.key()), OssDocuments.unquote(f.get("ETag")), f.get("Location"),
                        response.headers().first("x-oss-version-id"), response.headers().first("x-oss-hash-crc64ecma"),
                        requestId(response));
            }));
        });
    }

    @Override
    public Mono<Void> abortMultipartUpload(AbortMultipartUploadRequest request) {
        return Mono.defer(() -> {
            HttpRequest http = endpoint.request("DELETE", request.bucket(), request.key())
                    .query("uploadId", request.uploadId())
                    .operation("AbortMultipartUpload")
                    .build();
            return send(http, OssResource.object(request.bucket(), request.key()), response -> response.body().discard());
        });
    }

    @Override
    public Flux<Part> listParts(ListPartsRequest request) {
        return partsPage(request, 0)
                .expand(page -> page.truncated() && page.nextMarker() > 0 ? partsPage(request, page.nextMarker()) : Mono.empty())
                .concatMapIterable(OssDocuments.PartsPage::parts);
    }

    private Mono<OssDocuments.PartsPage> partsPage(ListPartsRequest request, int marker) {
        return Mono.defer(() -> {
            HttpRequest.Builder b = endpoint.request("GET", request.bucket(), request.key())
                    .query("uploadId", request.uploadId())
                    .query("max-parts", Integer.toString(request.pageSize()))
                    .operation("ListParts");
            if (marker > 0) {
                b.query("part-number-marker", Integer.toString(marker));
            }
            return send(b.build(), OssResource.object(request.bucket(), request.key()),
                    response -> readAll(response).map(OssDocuments::partsPage));
        });
    }

    @Override
    public Mono<PresignedRequest> presign(PresignRequest request) {
        return Mono.defer(() -> {
            HttpRequest.Builder b = endpoint.request(request.method(), request.bucket(), request.key()).operation("Presign");
            request.query().forEach(b::query);
            request.headers().forEach(b::header);
            HttpRequest unsigned = b.build();
            OssResource resource = OssResource.object(request.bucket(), request.key());
            return settings.credentials().resolve().map(credentials -> {
                Instant now = clock.now();
                Instant expiration = now.plus(request.expiresIn());
                SigningTrace trace = signer.presign(unsigned, resource, credentials, now, expiration);
                return new PresignedRequest(request.method(), URI.create(trace.request().uri()), expiration, trace.request().headers());
            });
        });
    }

    private <T> Mono<T> send(HttpRequest request, OssResource resource, Function<HttpResponse, Mono<T>> onSuccess) {
        RequestPipeline pipeline = new RequestPipeline(settings.engine(), settings.retryPolicy(),
                new OssRequestSigner(signer, settings.credentials(), clock, resource));
        return pipeline.execute(request, response -> response.isSuccessful()
                ? onSuccess.apply(response)
                : OssErrors.decode(response, resource, request.operation(), clock).flatMap(Mono::<T>error));
    }

    private static Mono<byte[]> readAll(HttpResponse response) {
        return response.body().asBytes().defaultIfEmpty(EMPTY);
    }

    private static @Nullable String requestId(HttpResponse response) {
        return response.headers().first("x-oss-request-id");
    }

    private static ObjectMetadata metadata(HttpResponse response) {
        HttpHeaders h = response.headers();
        Map<String, String> user = new LinkedHashMap<>();
        h.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-meta-")) {
                user.put(lower.substring("x-oss-meta-".length()), value);
            }
        });
        return new ObjectMetadata(response.statusCode(), requestId(response), OssDocuments.longHeader(h, "Content-Length", -1),
                h.first("Content-Type"), OssDocuments.unquote(h.first("ETag")), OssDocuments.httpDate(h.first("Last-Modified")),
                h.first("x-oss-version-id"), h.first("x-oss-object-type"), h.first("x-oss-storage-class"),
                h.first("x-oss-hash-crc64ecma"), user, h);
    }

    /** Base64 MD5 of a replayable body, read once more for it; OSS then rejects a body corrupted on the way. */
    private static Mono<String> contentMd5(RequestBody body) {
        if (!body.isReplayable()) {
            return Mono.error(new IllegalArgumentException("contentMd5 needs a body that can be read twice (bytes or a file);"
                    + " this one can be sent only once"));
        }
        return body.content().reduceWith(DefaultOssClient::md5, (md, buffer) -> {
            md.update(buffer.duplicate());
            return md;
        }).map(md -> Base64.getEncoder().encodeToString(md.digest()));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    @Override
    public OssFutureClient futures() {
        return futures;
    }

    @Override
    public OssCallbackClient callbacks() {
        return callbacks;
    }

    @Override
    public OssBlockingClient blocking() {
        return blocking;
    }

    @Override
    public OssClient.Builder toBuilder() {
        return settings.toBuilder().get();
    }

    @Override
    public void close() {
        if (settings.ownsEngine()) {
            settings.engine().close();
        }
    }

    @Override
    public String toString() {
        return "OssClient[" + settings.endpoint() + ", " + settings.addressing() + ", region " + settings.region() + ", "
                + settings.signatureVersion() + ", " + settings.credentials() + "]";
    }
}
