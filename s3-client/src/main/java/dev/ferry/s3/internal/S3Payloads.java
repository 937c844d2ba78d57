package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.internal.body.ByteBufferBody;
import dev.ferry.core.internal.body.BytesBody;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.internal.signing.AwsChunkedEncoder;
import dev.ferry.s3.internal.signing.SigV4Signer;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides, once per upload, how its body is vouched for (see {@link UploadIntegrity}) and writes
 * the decision into the request's headers: {@code x-amz-content-sha256} (a hash, UNSIGNED-PAYLOAD
 * or one of the aws-chunked modes), {@code x-amz-trailer}, {@code Content-MD5},
 * {@code x-amz-checksum-*}. Digests are computed here, once, not again on every retry; the
 * signer only reads the headers.
 */
final class S3Payloads {
    static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final UploadIntegrity integrity;
    private final @Nullable ChecksumAlgorithm checksum;

    S3Payloads(UploadIntegrity integrity, @Nullable ChecksumAlgorithm checksum) {
        this.integrity = integrity;
        this.checksum = checksum;
    }

    @Nullable ChecksumAlgorithm checksum() {
        return checksum;
    }

    Mono<HttpRequest> prepare(HttpRequest request) {
        RequestBody body = request.body();
        if (body.contentLength() == 0) {
            return Mono.just(request);
        }
        ByteBuffer inMemory = inMemory(body);
        if (inMemory != null) {
            return Mono.fromCallable(() -> withDigests(request, new ByteBuffer[] {inMemory}));
        }
        return switch (integrity) {
            case SIGNED_PAYLOAD -> Mono.just(streaming(request, checksum == null
                    ? AwsChunkedEncoder.Mode.SIGNED : AwsChunkedEncoder.Mode.SIGNED_WITH_TRAILER));
            case UNSIGNED_PAYLOAD -> Mono.just(streaming(request, AwsChunkedEncoder.Mode.UNSIGNED_WITH_TRAILER));
            case PLAIN_BODY -> plainFromStream(request);
        };
    }

    private static @Nullable ByteBuffer inMemory(RequestBody body) {
        if (body instanceof BytesBody bytes) {
            return bytes.buffer();
        }
        if (body instanceof ByteBufferBody buffer) {
            return buffer.buffer();
        }
        return null;
    }

    private HttpRequest streaming(HttpRequest request, AwsChunkedEncoder.Mode mode) {
        HttpRequest.Builder b = request.toBuilder().setHeader(CONTENT_SHA256, mode.payloadHash());
        if (mode.hasTrailer()) {
            b.setHeader("x-amz-trailer", (checksum != null ? checksum : ChecksumAlgorithm.CRC32C).headerName());
        }
        return b.build();
    }

    /** PLAIN_BODY for a file: read it once first for its digests, then send it plain. */
    private Mono<HttpRequest> plainFromStream(HttpRequest request) {
        RequestBody body = request.body();
        if (!body.isReplayable()) {
            return Mono.error(new IllegalArgumentException(request.operation() + ": PLAIN_BODY needs the digests of the body"
                    + " before sending it, so the body must be readable twice (bytes, a buffer or a file); this one is a"
                    + " one-time stream: upload it in parts (the transfer upload buffers each part), or use SIGNED_PAYLOAD"));
        }
        Digests digests = new Digests(true, !request.headers().contains("Content-MD5"), checksum);
        return body.content()
                .doOnNext(digests::update)
                .then(Mono.fromCallable(() -> digests.apply(request.toBuilder()).build()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private HttpRequest withDigests(HttpRequest request, ByteBuffer[] buffers) {
        boolean unsigned = integrity == UploadIntegrity.UNSIGNED_PAYLOAD;
        boolean md5 = integrity == UploadIntegrity.PLAIN_BODY && !request.headers().contains("Content-MD5");
        Digests digests = new Digests(!unsigned, md5, checksum != null ? checksum : unsigned ? ChecksumAlgorithm.CRC32C : null);
        for (ByteBuffer b : buffers) {
            digests.update(b);
        }
        HttpRequest.Builder builder = digests.apply(request.toBuilder());
        if (unsigned) {
            builder.setHeader(CONTENT_SHA256, SigV4Signer.UNSIGNED_PAYLOAD);
        }
        return builder.build();
    }

    /** The digests one pass over the body computes, and the headers they become. */
    private static final class Digests {
        private final @Nullable IncrementalChecksum sha256;
        private final @Nullable IncrementalChecksum md5;
        private final @Nullable ChecksumAlgorithm algorithm;
        private final @Nullable IncrementalChecksum flexible;

        Digests(boolean sha256, boolean md5, @Nullable ChecksumAlgorithm algorithm) {
            this.sha256 = sha256 ? ChecksumAlgorithm.SHA256.newChecksum() : null;
            this.md5 = md5 ? ContentMd5.newChecksum() : null;
            this.algorithm = algorithm;
            this.flexible = algorithm == null ? null : algorithm == ChecksumAlgorithm.SHA256 && sha256
                    ? null : algorithm.newChecksum();
        }

        void update(ByteBuffer buffer) {
            if (sha256 != null) {
                sha256.update(buffer);
            }
            if (md5 != null) {
                md5.update(buffer);
            }
            if (flexible != null) {
                flexible.update(buffer);
            }
        }

        HttpRequest.Builder apply(HttpRequest.Builder b) {
            byte[] shaBytes = sha256 != null ? sha256.digest() : null;
            if (shaBytes != null) {
                b.setHeader(CONTENT_SHA256, HexFormat.of().formatHex(shaBytes));
            }
            if (md5 != null) {
                b.setHeader("Content-MD5", java.util.Base64.getEncoder().encodeToString(md5.digest()));
            }
            if (algorithm != null) {
                // SHA-256 as the flexible checksum reuses the payload hash computed anyway.
                byte[] value = flexible != null ? flexible.digest() : shaBytes;
                b.setHeader(algorithm.headerName(), java.util.Base64.getEncoder().encodeToString(value));
            }
            return b;
        }
    }
}
