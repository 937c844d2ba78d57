package dev.ferry.s3.internal;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.client.RequestSigner;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.internal.body.ByteBufferBody;
import dev.ferry.core.internal.body.BytesBody;
import dev.ferry.s3.internal.signing.AwsChunkedEncoder;
import dev.ferry.s3.internal.signing.SigV4Signer;
import dev.ferry.s3.internal.signing.SignedRequest;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.PresignedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Signs each attempt of an S3 request with SigV4. How the payload is covered was decided once by
 * {@link S3Payloads} and written in {@code x-amz-content-sha256}; this signer follows it, encoding
 * the body as aws-chunked (chunks chained from this attempt's signature) when it says so. Requests
 * that did not pass through S3Payloads (small documents, empty bodies) get the hash of their body.
 * The clock is corrected by the skew S3 reported in a RequestTimeTooSkewed answer.
 */
final class S3RequestSigner implements RequestSigner {
    private final CredentialsProvider credentials;
    private final SigV4Signer signer;
    private final Clock clock;
    private final AtomicLong clockSkewMillis;

    S3RequestSigner(CredentialsProvider credentials, String region, Clock clock, AtomicLong clockSkewMillis) {
        this.credentials = credentials;
        this.signer = SigV4Signer.forS3(region);
        this.clock = clock;
        this.clockSkewMillis = clockSkewMillis;
    }

    @Override
    public Mono<HttpRequest> sign(HttpRequest request) {
        return credentials.resolve().map(c -> sign(request, c));
    }

    HttpRequest sign(HttpRequest request, Credentials c) {
        Instant now = clock.instant().plusMillis(clockSkewMillis.get());
        String payload = request.headers().first(S3Payloads.CONTENT_SHA256);
        if (payload != null) {
            // S3Payloads decided: a hash computed once, UNSIGNED-PAYLOAD, or an aws-chunked mode.
            return payload.startsWith("STREAMING-") ? signStreaming(request, c, now, payload)
                    : signer.sign(request, c, now, payload).request();
        }
        RequestBody body = request.body();
        if (body.contentLength() == 0) {
            return signer.sign(request, c, now, SigV4Signer.EMPTY_PAYLOAD_SHA256).request();
        }
        if (body instanceof BytesBody bytes) {
            return signer.sign(request, c, now, SigV4Signer.sha256Hex(bytes.buffer())).request();
        }
        if (body instanceof ByteBufferBody buffer) {
            return signer.sign(request, c, now, SigV4Signer.sha256Hex(buffer.buffer())).request();
        }
        return signStreaming(request, c, now, AwsChunkedEncoder.Mode.SIGNED.payloadHash());
    }

    /** Presigns the request for {@code expiresIn}: the URL and the headers its user must send. */
    Mono<PresignedRequest> presign(HttpRequest request, Duration expiresIn) {
        return credentials.resolve().map(c -> {
            Instant now = clock.instant().plusMillis(clockSkewMillis.get());
            SignedRequest signed = signer.presign(request, c, now, expiresIn);
            HttpHeaders.Builder mustSend = HttpHeaders.builder();
            request.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    mustSend.add(name, value);
                }
            });
            return new PresignedRequest(request.method(), URI.create(signed.request().uri()), mustSend.build(),
                    now.plusSeconds(expiresIn.getSeconds()));
        });
    }

    private HttpRequest signStreaming(HttpRequest request, Credentials c, Instant now, String payload) {
        RequestBody body = request.body();
        AwsChunkedEncoder.Mode mode = modeOf(payload);
        String trailerHeader = request.headers().first("x-amz-trailer");
        ChecksumAlgorithm trailer = mode.hasTrailer() ? ChecksumAlgorithm.of(trailerHeader != null ? trailerHeader : "CRC32C") : null;
        int chunkSize = AwsChunkedEncoder.DEFAULT_CHUNK_SIZE;
        HttpRequest.Builder b = request.toBuilder();
        String userEncoding = request.headers().first("Content-Encoding");
        AwsChunkedEncoder.headers(body.contentLength(), chunkSize, mode, trailer).forEach(b::setHeader);
        if (userEncoding != null && !userEncoding.startsWith(AwsChunkedEncoder.CONTENT_ENCODING)) {
            // The object keeps its own encoding; aws-chunked only describes the transfer.
            b.setHeader("Content-Encoding", AwsChunkedEncoder.CONTENT_ENCODING + "," + userEncoding);
        }
        SignedRequest seed = signer.sign(b.build(), c, now, mode.payloadHash());
        // The seed request's body is still the decoded one: encode that, not an earlier attempt's encoding.
        return seed.request().toBuilder()
                .body(AwsChunkedEncoder.body(body, chunkSize, mode, mode.isSigned() ? seed : null, trailer))
                .build();
    }

    private static AwsChunkedEncoder.Mode modeOf(String payload) {
        for (AwsChunkedEncoder.Mode mode : AwsChunkedEncoder.Mode.values()) {
            if (mode.payloadHash().equals(payload)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown streaming payload '" + payload + "'");
    }
}
