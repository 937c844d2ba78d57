package dev.ferry.samples.webflux;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.ResponseStream;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.S3Object;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.UploadRequest;
import dev.ferry.s3.transfer.UploadResult;
import dev.ferry.spring.DataBuffers;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Objects in one bucket ({@code app.bucket}). Uploads go through {@link S3Transfers}: the request's
 * network buffers are handed to it as they arrive, copied into its part buffers and released, so the
 * app holds at most {@code partSize x (partsInFlight + 1)} of an upload whatever its size. Downloads
 * stream S3's response to the client at the client's pace.
 */
@RestController
@RequestMapping("/objects")
class ObjectController {
    private final S3Client s3;
    private final S3Transfers transfers;
    private final String bucket;

    ObjectController(S3Client s3, S3Transfers transfers, @Value("${app.bucket:uploads}") String bucket) {
        this.s3 = s3;
        this.transfers = transfers;
        this.bucket = bucket;
    }

    /** The request body is the object: {@code curl -T big.iso http://localhost:8080/objects/big.iso}. */
    @PutMapping("/{*key}")
    Mono<StoredObject> put(@PathVariable String key, ServerHttpRequest request) {
        String k = checkedKey(key);
        MediaType type = request.getHeaders().getContentType();
        UploadRequest upload = UploadRequest.builder(bucket, k)
                .contentType(type != null ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE)
                .build();
        return transfers.upload(upload, DataBuffers.toCopyingConsumer(request.getBody())).map(StoredObject::of);
    }

    /** A form upload: the {@code file} part is streamed, named by the {@code key} field or else by its file name. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<StoredObject> postForm(@RequestPart("file") Mono<FilePart> file, @RequestPart(name = "key", required = false) @Nullable String key) {
        return file.switchIfEmpty(Mono.error(new ServerWebInputException("the form has no 'file' part")))
                .flatMap(part -> {
                    String k = checkedKey(key != null && !key.isBlank() ? key : part.filename());
                    MediaType type = part.headers().getContentType();
                    UploadRequest upload = UploadRequest.builder(bucket, k)
                            .contentType(type != null ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE)
                            .build();
                    return transfers.upload(upload, DataBuffers.toCopyingConsumer(part.content()));
                })
                .map(StoredObject::of);
    }

    /** The object's bytes, streamed as S3 sends them, with its length and type. */
    @GetMapping("/{*key}")
    Mono<ResponseEntity<Flux<DataBuffer>>> get(@PathVariable String key, ServerHttpResponse response) {
        String k = checkedKey(key);
        DataBufferFactory buffers = response.bufferFactory();
        return s3.getObject(GetObjectRequest.of(bucket, k), BodyReader.<ObjectMetadata>toPublisher())
                .map((ResponseStream<ObjectMetadata> stream) -> {
                    ObjectMetadata meta = stream.response();
                    HttpHeaders headers = new HttpHeaders();
                    headers.setContentLength(meta.contentLength());
                    headers.setContentType(meta.contentType() != null
                            ? MediaType.parseMediaType(meta.contentType()) : MediaType.APPLICATION_OCTET_STREAM);
                    if (meta.eTag() != null) {
                        headers.setETag(meta.eTag());
                    }
                    return ResponseEntity.ok().headers(headers).body(DataBuffers.fromResponse(stream, buffers));
                });
    }

    /** The bucket's objects, or those under {@code prefix}. */
    @GetMapping
    Flux<Listed> list(@RequestParam(required = false) @Nullable String prefix) {
        return s3.listObjects(ListObjectsRequest.builder(bucket).prefix(prefix).build()).map(Listed::of);
    }

    /** {@code /{*key}} captures with a leading slash; an empty key is the client's mistake. */
    private static String checkedKey(@Nullable String raw) {
        String key = raw == null ? "" : raw.startsWith("/") ? raw.substring(1) : raw;
        if (key.isBlank()) {
            throw new ServerWebInputException("an object key is required: /objects/{key}");
        }
        return key;
    }

    record StoredObject(String bucket, String key, String eTag, long size, int parts) {
        static StoredObject of(UploadResult r) {
            return new StoredObject(r.bucket(), r.key(), r.eTag(), r.size(), r.partCount());
        }
    }

    record Listed(String key, long size, @Nullable String eTag, @Nullable Instant lastModified) {
        static Listed of(S3Object o) {
            return new Listed(o.key(), o.size(), o.eTag(), o.lastModified());
        }
    }
}
