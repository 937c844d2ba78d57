package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.internal.body.ByteBufferBody;
import dev.ferry.core.internal.body.BytesBody;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.internal.signing.AwsChunkedEncoder;
import dev.ferry.s3.internal.signing.SigV4Signer;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides, once per upload, how its body is vouched for (see {@link UploadIntegrity}) and writes
 * the decision into the request's headers: {@code x-amz-content-sha256} (a hash, UNSIGNED-PAYLOAD
 * or one of the aws-chunked modes), {@code x-amz-trailer}, {@code Content-MD5},
 * {@code x-amz-checksum-*}. Digests are computed here, once, not again on every retry; the
 * signer only reads the headers.
 *
 * <p>Trailing checksums (aws-chunked with {@code x-amz-trailer}: a checksum algorithm with a file or
 * stream, or any file or stream in {@link UploadIntegrity#UNSIGNED_PAYLOAD}) are refused by some
 * S3-compatible stores: Ceph RGW before 17 answers {@code 400 XAmzContentSHA256Mismatch}, having read
 * the body and stored nothing. On that answer this client stops sending trailers to its endpoint
 * for good, and {@link #send} resends a body that can be read twice (a file) with its digests
 * computed first and sent as headers, as bodies in memory always are. A one-time stream was used up
 * by the refused attempt and cannot be resent: that upload fails with an {@link S3Exception} that
 * says so, and the next one goes in signed chunks without a trailer.
 */
final class S3Payloads {
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    /** Bodies in memory up to this size are digested on the subscribing thread, larger ones on the parallel scheduler. */
    static final int HASH_INLINE_LIMIT = 128 * 1024;
    private static final Logger log = LoggerFactory.getLogger(S3Payloads.class);

    private final UploadIntegrity integrity;
    private final @Nullable ChecksumAlgorithm checksum;
    /** Learned from the endpoint's first refusal; never unset (a client talks to one endpoint). */
    private final AtomicBoolean trailersRefused = new AtomicBoolean();

    S3Payloads(UploadIntegrity integrity, @Nullable ChecksumAlgorithm checksum) {
        this.integrity = integrity;
        this.checksum = checksum;
    }

    @Nullable ChecksumAlgorithm checksum() {
        return checksum;
    }

    /** Whether this client's endpoint refused a trailing checksum, so that none is sent any more. */
    boolean trailersRefused() {
        return trailersRefused.get();
    }

    /**
     * Prepares the upload and sends it with {@code exchange}; when the endpoint refuses its trailing
     * checksum, remembers that and resends a replayable body without one (see the class comment).
     */
    <T> Mono<T> send(HttpRequest request, Function<HttpRequest, Mono<T>> exchange) {
        return prepare(request).flatMap(prepared -> exchange.apply(prepared).onErrorResume(S3Exception.class, e -> {
            if (!refusesTrailer(prepared, e)) {
                return Mono.error(e);
            }
            if (trailersRefused.compareAndSet(false, true)) {
                log.warn("{} refused a trailing checksum ({} {}): this client sends none to it from now on;"
                        + " files get their digests first and go as plain bodies, one-time streams go in signed chunks",
                        request.authority(), e.statusCode(), e.errorCode());
            }
            if (!request.body().isReplayable()) {
                return Mono.error(new S3Exception(e.getMessage() + "; the server refuses trailing checksums (x-amz-trailer),"
                        + " which this client sends no more, and stored nothing, but this body was a one-time stream that the"
                        + " refused attempt used up, so it could not be resent: upload it again", e.statusCode(),
                        e.errorCode(), e.serviceMessage(), e.resource(), e.requestId(), e.hostId(), true, false, null));
            }
            return prepare(request).flatMap(exchange);
        }));
    }

    /** The answer Ceph RGW 16 gives to an aws-chunked body with a trailer, which it does not understand. */
    static boolean refusesTrailer(HttpRequest sent, S3Exception e) {
        String payload = sent.headers().first(CONTENT_SHA256);
        return payload != null && payload.startsWith("STREAMING-") && payload.endsWith("-TRAILER")
                && e.statusCode() == 400 && "XAmzContentSHA256Mismatch".equals(e.errorCode());
    }

    Mono<HttpRequest> prepare(HttpRequest request) {
        RequestBody body = request.body();
        if (body.contentLength() == 0) {
            return Mono.just(request);
        }
        ByteBuffer inMemory = inMemory(body);
        if (inMemory != null) {
            Mono<HttpRequest> digested = Mono.fromCallable(() -> {
                Digests digests = digests(request);
                digests.update(inMemory);
                return digests.apply(request.toBuilder()).build();
            });
            // An operation is often subscribed on an event loop (the previous one's completion starts
            // it). Hashing a part there (8 MiB of SHA-256: milliseconds) stalls every connection on
            // that loop; a small body is hashed faster than a hop to another thread.
            return inMemory.remaining() > HASH_INLINE_LIMIT ? digested.subscribeOn(Schedulers.parallel()) : digested;
        }
        return switch (integrity) {
            case SIGNED_PAYLOAD -> checksum == null ? Mono.just(streaming(request, AwsChunkedEncoder.Mode.SIGNED))
                    : withTrailer(request, AwsChunkedEncoder.Mode.SIGNED_WITH_TRAILER);
            case UNSIGNED_PAYLOAD -> withTrailer(request, AwsChunkedEncoder.Mode.UNSIGNED_WITH_TRAILER);
            case PLAIN_BODY -> digestsFirst(request);
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

    /**
     * A trailer mode, unless the endpoint refused trailers: then what bodies in memory get (digests
     * first, as headers) for a replayable body, and signed chunks without the checksum, which
     * cannot be known before the body is sent, for a one-time stream.
     */
    private Mono<HttpRequest> withTrailer(HttpRequest request, AwsChunkedEncoder.Mode mode) {
        if (!trailersRefused.get()) {
            return Mono.just(streaming(request, mode));
        }
        return request.body().isReplayable() ? digestsFirst(request) : Mono.just(streaming(request, AwsChunkedEncoder.Mode.SIGNED));
    }

    private HttpRequest streaming(HttpRequest request, AwsChunkedEncoder.Mode mode) {
        HttpRequest.Builder b = request.toBuilder().setHeader(CONTENT_SHA256, mode.payloadHash());
        if (mode.hasTrailer()) {
            b.setHeader("x-amz-trailer", (checksum != null ? checksum : ChecksumAlgorithm.CRC32C).headerName());
        }
        return b.build();
    }

    /** A file whose digests go in headers: read it once first for them, then send it plain. */
    private Mono<HttpRequest> digestsFirst(HttpRequest request) {
        RequestBody body = request.body();
        if (!body.isReplayable()) {
            return Mono.error(new IllegalArgumentException(request.operation() + ": PLAIN_BODY needs the digests of the body"
                    + " before sending it, so the body must be readable twice (bytes, a buffer or a file); this one is a"
                    + " one-time stream: upload it in parts (the transfer upload buffers each part), or use SIGNED_PAYLOAD"));
        }
        Digests digests = digests(request);
        return body.content()
                .doOnNext(digests::update)
                .then(Mono.fromCallable(() -> digests.apply(request.toBuilder()).build()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The digests a body sent whole (not aws-chunked) carries in this client's mode. */
    private Digests digests(HttpRequest request) {
        boolean unsigned = integrity == UploadIntegrity.UNSIGNED_PAYLOAD;
        boolean md5 = integrity == UploadIntegrity.PLAIN_BODY && !request.headers().contains("Content-MD5");
        return new Digests(!unsigned, md5, checksum != null ? checksum : unsigned ? ChecksumAlgorithm.CRC32C : null);
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
            b.setHeader(CONTENT_SHA256, shaBytes != null ? HexFormat.of().formatHex(shaBytes) : SigV4Signer.UNSIGNED_PAYLOAD);
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
