package dev.ferry.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.model.ChecksumAlgorithm;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The payload mode of each upload, and the fallback when an endpoint refuses trailing checksums:
 * which attempts are made, with which headers, and what the client remembers.
 */
class S3PayloadsTest {
    private static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final String SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static byte[] data;
    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void write() throws Exception {
        data = new byte[200_000];
        new Random(8).nextBytes(data);
        file = Files.write(dir.resolve("body.bin"), data);
    }

    /** Stands in for the pipeline: records what is sent and answers like Ceph RGW 16 (or like S3). */
    private static final class Endpoint implements Function<HttpRequest, Mono<String>> {
        final List<HttpRequest> sent = new CopyOnWriteArrayList<>();
        final boolean refusesTrailers;
        S3Exception answer;

        Endpoint(boolean refusesTrailers) {
            this.refusesTrailers = refusesTrailers;
        }

        @Override
        public Mono<String> apply(HttpRequest request) {
            sent.add(request);
            // The server reads the whole body before it answers, as RGW does.
            return request.body().content().then(Mono.defer(() -> {
                String payload = request.headers().first("x-amz-content-sha256");
                if (answer != null) {
                    return Mono.error(answer);
                }
                if (refusesTrailers && payload != null && payload.endsWith("-TRAILER")) {
                    return Mono.error(error(400, "XAmzContentSHA256Mismatch"));
                }
                return Mono.just("stored");
            }));
        }

        String payload(int attempt) {
            return sent.get(attempt).headers().first("x-amz-content-sha256");
        }
    }

    private static S3Exception error(int status, String code) {
        return new S3Exception("PutObject s3://b/k failed: " + status + " " + code, status, code, null, null, "req-1", null,
                false, false, null);
    }

    private static HttpRequest put(RequestBody body) {
        return HttpRequest.builder("PUT", URI.create("http://127.0.0.1:1")).path("/b/k").operation("PutObject").body(body).build();
    }

    private static RequestBody oneTimeStream() {
        return RequestBody.fromPublisher(Flux.range(0, 4).map(i -> ByteBuffer.wrap(data, i * 50_000, 50_000)), data.length);
    }

    @Test
    void signedPayloadWithoutAChecksumNeverSendsATrailer() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, null);

        assertThat(payloads.prepare(put(RequestBody.fromFile(file))).block().headers().first("x-amz-content-sha256"))
                .isEqualTo(SIGNED_CHUNKS);
        assertThat(payloads.prepare(put(oneTimeStream())).block().headers().first("x-amz-content-sha256"))
                .isEqualTo(SIGNED_CHUNKS);
        assertThat(payloads.prepare(put(RequestBody.fromBytes(data))).block().headers().first("x-amz-content-sha256"))
                .isEqualTo(sha256Hex(data));
    }

    @Test
    void aFileRefusedWithItsSignedTrailerIsResentOnceWithDigestsInHeaders() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint rgw = new Endpoint(true);

        StepVerifier.create(payloads.send(put(RequestBody.fromFile(file)), rgw)).expectNext("stored").verifyComplete();

        assertThat(rgw.sent).hasSize(2);
        assertThat(rgw.payload(0)).isEqualTo(SIGNED_TRAILER);
        HttpRequest resent = rgw.sent.get(1);
        assertThat(resent.headers().first("x-amz-content-sha256")).isEqualTo(sha256Hex(data));
        assertThat(resent.headers().first("x-amz-checksum-crc32c")).isEqualTo(crc32c(data));
        assertThat(resent.headers().contains("x-amz-trailer")).isFalse();
        assertThat(resent.body().contentLength()).isEqualTo(data.length);
        assertThat(payloads.trailersRefused()).isTrue();
    }

    @Test
    void afterARefusalTheClientSendsNoTrailerToThatEndpointAgain() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.SHA256);
        Endpoint rgw = new Endpoint(true);
        payloads.send(put(RequestBody.fromFile(file)), rgw).block();
        rgw.sent.clear();

        payloads.send(put(RequestBody.fromFile(file)), rgw).block();
        payloads.send(put(oneTimeStream()), rgw).block();

        assertThat(rgw.sent).hasSize(2);
        assertThat(rgw.payload(0)).isEqualTo(sha256Hex(data));
        assertThat(rgw.sent.get(0).headers().first("x-amz-checksum-sha256"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex(data))));
        assertThat(rgw.payload(1)).isEqualTo(SIGNED_CHUNKS);
        assertThat(rgw.sent.get(1).headers().contains("x-amz-trailer")).isFalse();
    }

    @Test
    void aOneTimeStreamIsNotResentAndTheErrorSaysWhyAndThatNothingWasStored() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint rgw = new Endpoint(true);

        StepVerifier.create(payloads.send(put(oneTimeStream()), rgw))
                .expectErrorSatisfies(e -> {
                    S3Exception s3e = (S3Exception) e;
                    assertThat(s3e.statusCode()).isEqualTo(400);
                    assertThat(s3e.errorCode()).isEqualTo("XAmzContentSHA256Mismatch");
                    assertThat(s3e.requestId()).isEqualTo("req-1");
                    assertThat(s3e.isRetryable()).isTrue();
                    assertThat(s3e.getMessage()).contains("refuses trailing checksums", "stored nothing", "one-time stream",
                            "upload it again");
                })
                .verify();

        assertThat(rgw.sent).hasSize(1);
        assertThat(payloads.trailersRefused()).isTrue();
        StepVerifier.create(payloads.send(put(oneTimeStream()), rgw)).expectNext("stored").verifyComplete();
        assertThat(rgw.payload(1)).isEqualTo(SIGNED_CHUNKS);
    }

    @Test
    void unsignedPayloadFallsBackToAnUnsignedPlainBodyWithItsChecksumInAHeader() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.UNSIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint rgw = new Endpoint(true);

        payloads.send(put(RequestBody.fromFile(file)), rgw).block();

        assertThat(rgw.payload(0)).isEqualTo(UNSIGNED_TRAILER);
        assertThat(rgw.sent.get(0).headers().first("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertThat(rgw.payload(1)).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(rgw.sent.get(1).headers().first("x-amz-checksum-crc32c")).isEqualTo(crc32c(data));
        assertThat(rgw.sent).hasSize(2);
    }

    @Test
    void anEndpointThatTakesTrailersKeepsGettingThem() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint s3 = new Endpoint(false);

        payloads.send(put(RequestBody.fromFile(file)), s3).block();
        payloads.send(put(oneTimeStream()), s3).block();

        assertThat(s3.sent).extracting(r -> r.headers().first("x-amz-content-sha256")).containsExactly(SIGNED_TRAILER, SIGNED_TRAILER);
        assertThat(payloads.trailersRefused()).isFalse();
    }

    @Test
    void otherRefusalsOfATrailerAreNotMistakenForIt() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint endpoint = new Endpoint(false);
        endpoint.answer = error(403, "SignatureDoesNotMatch");

        StepVerifier.create(payloads.send(put(RequestBody.fromFile(file)), endpoint))
                .expectErrorSatisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("SignatureDoesNotMatch"))
                .verify();

        assertThat(endpoint.sent).hasSize(1);
        assertThat(payloads.trailersRefused()).isFalse();
    }

    @Test
    void aSha256MismatchOfABodyWithoutTrailerIsTheBodysFaultAndNotResent() {
        S3Payloads payloads = new S3Payloads(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        Endpoint endpoint = new Endpoint(false);
        endpoint.answer = error(400, "XAmzContentSHA256Mismatch");

        StepVerifier.create(payloads.send(put(RequestBody.fromBytes(data)), endpoint))
                .expectError(S3Exception.class)
                .verify();

        assertThat(endpoint.sent).hasSize(1);
        assertThat(payloads.trailersRefused()).isFalse();
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String crc32c(byte[] bytes) {
        var crc = ChecksumAlgorithm.CRC32C.newChecksum();
        crc.update(bytes);
        return crc.base64();
    }
}
