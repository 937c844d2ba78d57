package dev.ferry.s3.internal.signing;

import static dev.ferry.s3.internal.signing.AwsChunkedEncoder.Mode.SIGNED;
import static dev.ferry.s3.internal.signing.AwsChunkedEncoder.Mode.SIGNED_WITH_TRAILER;
import static dev.ferry.s3.internal.signing.AwsChunkedEncoder.Mode.UNSIGNED_WITH_TRAILER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.internal.signing.AwsChunkedEncoder.Mode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class AwsChunkedEncoderTest {
    private static final Credentials EXAMPLE = SigV4SignerTest.EXAMPLE;
    private static final Instant EXAMPLE_TIME = SigV4SignerTest.EXAMPLE_TIME;
    private static final URI S3_ENDPOINT = URI.create("https://s3.amazonaws.com");
    private static final int KIB64 = 64 * 1024;
    private static final byte[] DOC_DATA = filled(66560, 'a');

    /** Signs like the documented chunked examples: S3 rules, every header but hop-by-hop ones. */
    private static final SigV4Signer DOCS = new SigV4Signer("s3", "us-east-1", SigningRules.S3, HeaderPolicy.ALL_EXCEPT_HOP_BY_HOP);

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    // ---- the S3 documentation's examples ----------------------------------------------------------

    @Test
    void documentedSignedChunksExample() {
        HttpRequest put = HttpRequest.builder("PUT", S3_ENDPOINT).path("/examplebucket/chunkObject.txt")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .headers(AwsChunkedEncoder.headers(66560, KIB64, SIGNED, null))
                .build();
        assertThat(put.headers().first("Content-Length")).isEqualTo("66824");
        SignedRequest signed = DOCS.sign(put, EXAMPLE, EXAMPLE_TIME, SIGNED.payloadHash());
        assertThat(signed.request().headers().first("Authorization")).contains("SignedHeaders=content-encoding;content-length;"
                + "host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,");
        assertThat(signed.signature()).isEqualTo("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");

        byte[] expected = concat(
                "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n",
                filled(65536, 'a'),
                "\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n",
                filled(1024, 'a'),
                "\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n");
        assertThat(expected).hasSize(66824);
        for (int piece : new int[] {66560, 65536, 70000, 1000, 8191, 1}) {
            byte[] encoded = join(AwsChunkedEncoder.encode(split(DOC_DATA, piece), 66560, KIB64, SIGNED, signed, null));
            assertThat(encoded).as("input in %d-byte buffers", piece).isEqualTo(expected);
        }
    }

    @Test
    void documentedSignedChunksWithSignedTrailerExample() {
        HttpRequest put = HttpRequest.builder("PUT", S3_ENDPOINT).path("/examplebucket/chunkObject.txt")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .headers(AwsChunkedEncoder.headers(66560, KIB64, SIGNED_WITH_TRAILER, ChecksumAlgorithm.CRC32C))
                // The documented seed was computed without Content-Length among the signed headers.
                .removeHeader("Content-Length")
                .build();
        SignedRequest signed = DOCS.sign(put, EXAMPLE, EXAMPLE_TIME, SIGNED_WITH_TRAILER.payloadHash());
        assertThat(signed.signature()).isEqualTo("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e");

        byte[] expected = concat(
                "10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n",
                filled(65536, 'a'),
                "\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n",
                filled(1024, 'a'),
                "\r\n0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"
                        + "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                        + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n"
                        + "\r\n");
        byte[] encoded = join(AwsChunkedEncoder.encode(split(DOC_DATA, 4096), 66560, KIB64, SIGNED_WITH_TRAILER, signed,
                ChecksumAlgorithm.CRC32C));
        assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo(new String(expected, StandardCharsets.US_ASCII));
        assertThat((long) encoded.length).isEqualTo(AwsChunkedEncoder.encodedLength(66560, KIB64, SIGNED_WITH_TRAILER,
                ChecksumAlgorithm.CRC32C));

        // The trailer signature again, from its definition, without the code under test.
        String trailerStringToSign = "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\n"
                + sha256("x-amz-checksum-crc32c:sOO8/Q==\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(hmacHex(exampleKey(), trailerStringToSign)).isEqualTo("d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435");
    }

    // ---- every mode, decoded and checked independently -------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 8192, 8193, 3 * 8192, 100_000})
    void signedTrailerEncodingDecodesAndVerifies(int length) {
        checkRoundTrip(SIGNED_WITH_TRAILER, ChecksumAlgorithm.CRC32C, length, 8192);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8192, 100_000})
    void unsignedTrailerEncodingDecodesAndVerifies(int length) {
        checkRoundTrip(UNSIGNED_WITH_TRAILER, ChecksumAlgorithm.CRC32C, length, 8192);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 65536, 200_000})
    void signedEncodingDecodesAndVerifies(int length) {
        checkRoundTrip(SIGNED, null, length, KIB64);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void everyChecksumCanBeTheTrailer(ChecksumAlgorithm algorithm) {
        checkRoundTrip(SIGNED_WITH_TRAILER, algorithm, 20_000, 8192);
        checkRoundTrip(UNSIGNED_WITH_TRAILER, algorithm, 20_000, 8192);
    }

    private void checkRoundTrip(Mode mode, @Nullable ChecksumAlgorithm trailer, int length, int chunkSize) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        HttpRequest put = HttpRequest.builder("PUT", S3_ENDPOINT).path("/bucket/key")
                .headers(AwsChunkedEncoder.headers(length, chunkSize, mode, trailer)).build();
        SignedRequest signed = SigV4Signer.forS3("us-east-1").sign(put, EXAMPLE, EXAMPLE_TIME, mode.payloadHash());

        // Buffers of irregular sizes, some larger than a chunk, some direct, some read-only.
        List<ByteBuffer> inputs = irregularBuffers(data, new Random(length + 1L), chunkSize);
        List<ByteBuffer> snapshot = inputs.stream().map(ByteBuffer::duplicate).toList();
        byte[] encoded = join(AwsChunkedEncoder.encode(Flux.fromIterable(inputs), length, chunkSize, mode, signed, trailer));

        assertThat((long) encoded.length).isEqualTo(AwsChunkedEncoder.encodedLength(length, chunkSize, mode, trailer));
        assertThat(put.headers().first("Content-Length")).isEqualTo(Integer.toString(encoded.length));
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(inputs.get(i)).as("input buffer %d untouched", i).isEqualTo(snapshot.get(i));
            assertThat(inputs.get(i).position()).isEqualTo(snapshot.get(i).position());
        }

        Decoded d = Decoded.parse(encoded);
        assertThat(d.data()).isEqualTo(data);
        for (int i = 0; i < d.chunks().size(); i++) {
            int expectedSize = i < d.chunks().size() - 1 ? chunkSize : length - chunkSize * i;
            assertThat(d.chunks().get(i).length).as("chunk %d", i).isEqualTo(expectedSize);
        }
        assertThat(d.chunks()).hasSize((length + chunkSize - 1) / chunkSize);

        if (mode.isSigned()) {
            String previous = signed.signature();
            List<byte[]> all = new ArrayList<>(d.chunks());
            all.add(new byte[0]);
            List<String> signatures = new ArrayList<>(d.signatures());
            signatures.add(d.finalSignature());
            for (int i = 0; i < all.size(); i++) {
                String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                        + previous + "\n" + SigV4Signer.EMPTY_PAYLOAD_SHA256 + "\n" + sha256(all.get(i));
                previous = hmacHex(exampleKey(), stringToSign);
                assertThat(signatures.get(i)).as("signature of chunk %d", i).isEqualTo(previous);
            }
        } else {
            assertThat(d.signatures()).allMatch(s -> s == null);
            assertThat(d.finalSignature()).isNull();
        }

        if (trailer == null) {
            assertThat(d.trailers()).isEmpty();
            return;
        }
        String value = d.trailers().get(trailer.headerName());
        assertThat(value).isEqualTo(independentChecksum(trailer, data));
        if (mode.isSigned()) {
            assertThat(d.trailers().keySet()).containsExactly(trailer.headerName(), "x-amz-trailer-signature");
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                    + d.finalSignature() + "\n"
                    + sha256((trailer.headerName() + ":" + value + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(d.trailers().get("x-amz-trailer-signature")).isEqualTo(hmacHex(exampleKey(), stringToSign));
        } else {
            assertThat(d.trailers().keySet()).containsExactly(trailer.headerName());
        }
    }

    private static String independentChecksum(ChecksumAlgorithm algorithm, byte[] data) {
        try {
            byte[] digest = switch (algorithm) {
                case CRC32C -> {
                    CRC32C crc = new CRC32C();
                    crc.update(data);
                    yield ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
                }
                case CRC32 -> {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    yield ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
                }
                case SHA1 -> MessageDigest.getInstance("SHA-1").digest(data);
                case SHA256 -> MessageDigest.getInstance("SHA-256").digest(data);
                // Checked against the catalogue and a bitwise reference in Crc64NvmeTest.
                case CRC64NVME -> {
                    var crc = new dev.ferry.s3.internal.checksum.Crc64Nvme();
                    crc.update(data, 0, data.length);
                    yield ByteBuffer.allocate(8).putLong(crc.getValue()).array();
                }
            };
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    // ---- streaming behaviour ----------------------------------------------------------------------

    @Test
    void asksForOneInputBufferAtATimeAndHoldsAtMostAChunk() {
        int chunkSize = 16 * 1024;
        int piece = 3000;
        int length = 1024 * 1024;
        AtomicLong produced = new AtomicLong();
        List<Long> requests = new ArrayList<>();
        Flux<ByteBuffer> source = Flux.range(0, (length + piece - 1) / piece)
                .map(i -> ByteBuffer.wrap(new byte[Math.min(piece, length - i * piece)]))
                .doOnNext(b -> produced.addAndGet(b.remaining()))
                .doOnRequest(requests::add)
                // A fusable source would be polled, not asked: hide it, as a network or file source is.
                .hide();
        long[] received = {0};
        long[] worstAhead = {0};
        Flux<ByteBuffer> encoded = AwsChunkedEncoder.encode(source, length, chunkSize, UNSIGNED_WITH_TRAILER, null,
                ChecksumAlgorithm.CRC32);
        encoded.subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(ByteBuffer value) {
                received[0] += value.remaining();
                worstAhead[0] = Math.max(worstAhead[0], produced.get() - received[0]);
                request(1);
            }
        });
        assertThat(received[0]).isEqualTo(AwsChunkedEncoder.encodedLength(length, chunkSize, UNSIGNED_WITH_TRAILER, ChecksumAlgorithm.CRC32));
        assertThat(requests).isNotEmpty().allMatch(n -> n == 1L);
        assertThat(worstAhead[0]).isLessThanOrEqualTo(chunkSize + piece);
    }

    @Test
    void aBufferCoveringWholeChunksIsSentWithoutCopying() {
        byte[] data = new byte[3 * 8192 + 100];
        List<ByteBuffer> out = AwsChunkedEncoder.encode(Flux.just(ByteBuffer.wrap(data)), data.length, 8192, UNSIGNED_WITH_TRAILER,
                null, ChecksumAlgorithm.CRC32C).collectList().block();
        assertThat(out).isNotNull();
        assertThat(out.stream().filter(b -> b.hasArray() && b.array() == data)).hasSize(4);
    }

    @Test
    void cancellingMidwayStopsTheSource() {
        AtomicLong produced = new AtomicLong();
        Flux<ByteBuffer> source = Flux.range(0, 1000).map(i -> ByteBuffer.wrap(new byte[8192]))
                .doOnNext(b -> produced.incrementAndGet());
        StepVerifier.create(AwsChunkedEncoder.encode(source, 1000 * 8192L, 8192, UNSIGNED_WITH_TRAILER, null,
                        ChecksumAlgorithm.CRC32C), 0)
                .thenRequest(3)
                .expectNextCount(3)
                .thenCancel()
                .verify();
        assertThat(produced.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void eachSubscriptionEncodesAfreshAsAReplayableBody() {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        HttpRequest put = HttpRequest.builder("PUT", S3_ENDPOINT).path("/b/k")
                .headers(AwsChunkedEncoder.headers(data.length, 8192, SIGNED_WITH_TRAILER, ChecksumAlgorithm.SHA256)).build();
        SignedRequest signed = SigV4Signer.forS3("us-east-1").sign(put, EXAMPLE, EXAMPLE_TIME, SIGNED_WITH_TRAILER.payloadHash());
        RequestBody body = AwsChunkedEncoder.body(RequestBody.fromBytes(data), 8192, SIGNED_WITH_TRAILER, signed,
                ChecksumAlgorithm.SHA256);
        assertThat(body.isReplayable()).isTrue();
        byte[] first = join(body.content());
        assertThat(join(body.content())).isEqualTo(first);
        assertThat(body.contentLength()).isEqualTo(first.length);
        assertThat(Decoded.parse(first).data()).isEqualTo(data);
        assertThat(body.toString()).contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "x-amz-checksum-sha256");
    }

    @Test
    void aBodyLongerOrShorterThanDeclaredFailsClearly() {
        StepVerifier.create(AwsChunkedEncoder.encode(Flux.just(ByteBuffer.allocate(10_000)), 9_999, 8192,
                        UNSIGNED_WITH_TRAILER, null, ChecksumAlgorithm.CRC32C))
                .thenConsumeWhile(b -> true)
                .expectErrorMessage("the request body produced more than the 9999 bytes it declared; the aws-chunked "
                        + "encoding and its Content-Length were computed for 9999")
                .verify();
        StepVerifier.create(AwsChunkedEncoder.encode(Flux.just(ByteBuffer.allocate(10_000)), 10_001, 8192,
                        UNSIGNED_WITH_TRAILER, null, ChecksumAlgorithm.CRC32C))
                .thenConsumeWhile(b -> true)
                .expectErrorMessage("the request body ended after 10000 of the 10001 bytes it declared; the aws-chunked "
                        + "encoding and its Content-Length were computed for 10001")
                .verify();
    }

    @Test
    void refusesWhatS3WouldRefuse() {
        assertThatThrownBy(() -> AwsChunkedEncoder.encodedLength(1, 8191, SIGNED, null))
                .hasMessageContaining("chunk size must be 8192..");
        assertThatThrownBy(() -> AwsChunkedEncoder.encodedLength(1, KIB64, SIGNED_WITH_TRAILER, null))
                .hasMessageContaining("ends with a trailer");
        assertThatThrownBy(() -> AwsChunkedEncoder.encodedLength(1, KIB64, SIGNED, ChecksumAlgorithm.CRC32))
                .hasMessageContaining("has no trailer");
        assertThatThrownBy(() -> AwsChunkedEncoder.encode(Flux.empty(), 0, KIB64, SIGNED, null, null))
                .hasMessageContaining("give the signed request");
        assertThatThrownBy(() -> AwsChunkedEncoder.body(RequestBody.fromPublisher(Flux.empty()), KIB64, UNSIGNED_WITH_TRAILER,
                null, ChecksumAlgorithm.CRC32)).hasMessageContaining("needs its length up front");
    }

    @Test
    void headersAnnounceTheEncoding() {
        HttpHeaders h = AwsChunkedEncoder.headers(100, KIB64, UNSIGNED_WITH_TRAILER, ChecksumAlgorithm.CRC64NVME);
        assertThat(h.first("Content-Encoding")).isEqualTo("aws-chunked");
        assertThat(h.first("x-amz-decoded-content-length")).isEqualTo("100");
        assertThat(h.first("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(h.first("x-amz-trailer")).isEqualTo("x-amz-checksum-crc64nvme");
        // "64\r\n" + 100 + "\r\n" + "0\r\n" + "x-amz-checksum-crc64nvme:" + 12 + "\r\n" + "\r\n"
        assertThat(h.first("Content-Length")).isEqualTo(Integer.toString(4 + 100 + 2 + 3 + 25 + 12 + 2 + 2));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Flux<ByteBuffer> split(byte[] data, int piece) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += piece) {
            out.add(ByteBuffer.wrap(data, off, Math.min(piece, data.length - off)));
        }
        return Flux.fromIterable(out);
    }

    private static List<ByteBuffer> irregularBuffers(byte[] data, Random random, int chunkSize) {
        List<ByteBuffer> out = new ArrayList<>();
        int off = 0;
        int kind = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, random.nextInt(5) == 0 ? chunkSize * 2 + random.nextInt(100) : 1 + random.nextInt(3000));
            ByteBuffer b = switch (kind++ % 4) {
                case 0 -> ByteBuffer.allocateDirect(n).put(data, off, n).flip();
                case 1 -> ByteBuffer.wrap(data, off, n).asReadOnlyBuffer();
                case 2 -> ByteBuffer.allocate(n + 7).position(3).put(data, off, n).flip().position(3);
                default -> ByteBuffer.wrap(data, off, n);
            };
            out.add(b);
            off += n;
            if (random.nextInt(10) == 0) {
                out.add(ByteBuffer.allocate(0));
            }
        }
        return out;
    }

    private static byte[] join(Flux<ByteBuffer> flux) {
        List<ByteBuffer> buffers = flux.collectList().block();
        assertThat(buffers).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) p);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String hmacHex(byte[] key, String data) {
        return HexFormat.of().formatHex(hmac(key, data));
    }

    /** The example credentials' signing key for 20130524/us-east-1/s3, derived here from the definition. */
    private static byte[] exampleKey() {
        byte[] k = hmac(("AWS4" + EXAMPLE.secretAccessKey()).getBytes(StandardCharsets.UTF_8), "20130524");
        k = hmac(k, "us-east-1");
        k = hmac(k, "s3");
        return hmac(k, "aws4_request");
    }

    /** An aws-chunked body taken apart, strictly: any framing error fails the parse. */
    private record Decoded(List<byte[]> chunks, List<@Nullable String> signatures, @Nullable String finalSignature,
                           Map<String, String> trailers) {

        byte[] data() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.forEach(out::writeBytes);
            return out.toByteArray();
        }

        static Decoded parse(byte[] body) {
            int[] at = {0};
            List<byte[]> chunks = new ArrayList<>();
            List<@Nullable String> signatures = new ArrayList<>();
            while (true) {
                String sizeLine = line(body, at);
                int semicolon = sizeLine.indexOf(';');
                String hex = semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon);
                assertThat(hex).matches("[0-9a-f]+");
                int size = Integer.parseInt(hex, 16);
                String signature = null;
                if (semicolon >= 0) {
                    assertThat(sizeLine.substring(semicolon)).matches(";chunk-signature=[0-9a-f]{64}");
                    signature = sizeLine.substring(semicolon + ";chunk-signature=".length());
                }
                if (size == 0) {
                    Map<String, String> trailers = new LinkedHashMap<>();
                    for (String t = line(body, at); !t.isEmpty(); t = line(body, at)) {
                        int colon = t.indexOf(':');
                        assertThat(colon).as("trailer line '%s'", t).isPositive();
                        trailers.put(t.substring(0, colon), t.substring(colon + 1));
                    }
                    assertThat(at[0]).as("bytes after the final CRLF").isEqualTo(body.length);
                    return new Decoded(chunks, signatures, signature, trailers);
                }
                chunks.add(Arrays.copyOfRange(body, at[0], at[0] + size));
                signatures.add(signature);
                at[0] += size;
                assertThat(line(body, at)).as("CRLF after chunk data").isEmpty();
            }
        }

        private static String line(byte[] body, int[] at) {
            for (int i = at[0]; i + 1 < body.length; i++) {
                if (body[i] == '\r' && body[i + 1] == '\n') {
                    String s = new String(body, at[0], i - at[0], StandardCharsets.US_ASCII);
                    at[0] = i + 2;
                    return s;
                }
            }
            throw new AssertionError("no CRLF after byte " + at[0]);
        }
    }
}
