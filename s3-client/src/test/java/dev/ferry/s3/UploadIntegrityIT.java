package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.TlsConfig;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Each upload integrity mode against S3Proxy, which verifies SHA-256 payload hashes, signed chunks,
 * Content-MD5 and x-amz-checksum-* headers. S3Proxy accepts trailing checksums but does not check
 * them: for those modes this proves the server takes the encoding, and the encoder's own tests
 * prove the trailer's value.
 */
class UploadIntegrityIT {
    private static S3ProxyServer server;
    private static S3ProxyServer tlsServer;
    private static HttpEngine engine;
    private static byte[] data;
    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.startInMemory();
        tlsServer = S3ProxyServer.startTls();
        engine = HttpEngine.create(EngineConfig.builder().name("integrity").tls(TlsConfig.trusting(tlsServer.certificate())).build());
        data = new byte[700_000];
        new Random(42).nextBytes(data);
        file = Files.write(dir.resolve("payload.bin"), data);
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.close();
        tlsServer.close();
    }

    private record Client(S3Client s3, RecordingEngine recorder, String bucket) {
    }

    private static Client client(S3ProxyServer target, UploadIntegrity integrity, ChecksumAlgorithm checksum) {
        RecordingEngine recorder = new RecordingEngine(engine);
        S3Client s3 = S3TestClients.builder(target).engine(recorder).uploadIntegrity(integrity).checksumAlgorithm(checksum).build();
        return new Client(s3, recorder, S3TestClients.newBucket(s3, target, "integrity"));
    }

    private static void assertStoredExactly(Client c, String key) {
        byte[] back = c.s3().getObject(GetObjectRequest.of(c.bucket(), key), BodyReader.toBytes()).block().bytes();
        assertThat(Arrays.equals(back, data)).as("stored bytes of " + key).isTrue();
    }

    @Test
    void signedPayloadHashesBytesAndSignsChunksOfFiles() {
        Client c = client(server, UploadIntegrity.SIGNED_PAYLOAD, null);

        c.s3().putObject(PutObjectRequest.of(c.bucket(), "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest bytesPut = c.recorder().last("PutObject");
        c.s3().putObject(PutObjectRequest.of(c.bucket(), "file"), RequestBody.fromFile(file)).block();
        HttpRequest filePut = c.recorder().last("PutObject");

        assertThat(bytesPut.headers().first("x-amz-content-sha256")).matches("[0-9a-f]{64}");
        assertThat(filePut.headers().first("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(filePut.headers().first("x-amz-decoded-content-length")).isEqualTo(String.valueOf(data.length));
        assertThat(filePut.body().contentLength()).isGreaterThan(data.length);
        assertStoredExactly(c, "bytes");
        assertStoredExactly(c, "file");
    }

    @Test
    void signedPayloadWithAChecksumSendsItAsHeaderOrSignedTrailer() {
        Client c = client(server, UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C);
        String expected = crc32c(data);

        PutObjectResponse fromBytes = c.s3().putObject(PutObjectRequest.of(c.bucket(), "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest bytesPut = c.recorder().last("PutObject");
        c.s3().putObject(PutObjectRequest.of(c.bucket(), "file"), RequestBody.fromFile(file)).block();
        HttpRequest filePut = c.recorder().last("PutObject");

        assertThat(bytesPut.headers().first("x-amz-checksum-crc32c")).isEqualTo(expected);
        assertThat(fromBytes.eTag()).isNotBlank();
        assertThat(filePut.headers().first("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(filePut.headers().first("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertStoredExactly(c, "bytes");
        assertStoredExactly(c, "file");
    }

    /**
     * The proof that each mode is checked: an engine that flips one byte of the body after the
     * client computed its hashes and signatures, as a faulty network or disk would. S3Proxy must refuse
     * every such upload, and nothing may be stored under the key.
     */
    @Test
    void aBodyCorruptedAfterSigningIsRefusedInEveryVerifiedMode() {
        record Case(UploadIntegrity integrity, ChecksumAlgorithm checksum, boolean fromFile) {
        }
        List<Case> cases = List.of(
                new Case(UploadIntegrity.SIGNED_PAYLOAD, null, false),
                new Case(UploadIntegrity.SIGNED_PAYLOAD, null, true),
                new Case(UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.CRC32C, false),
                new Case(UploadIntegrity.PLAIN_BODY, null, false),
                new Case(UploadIntegrity.PLAIN_BODY, null, true));
        for (Case k : cases) {
            TamperingEngine tampering = new TamperingEngine(engine);
            S3Client s3 = S3TestClients.builder(server).engine(tampering).uploadIntegrity(k.integrity())
                    .checksumAlgorithm(k.checksum()).retryPolicy(dev.ferry.core.retry.RetryPolicy.none()).build();
            String bucket = S3TestClients.newBucket(s3, server, "tamper");
            tampering.armed = true;
            RequestBody body = k.fromFile() ? RequestBody.fromFile(file) : RequestBody.fromBytes(data);

            // S3Proxy refuses a bad chunk signature as soon as it reads the chunk, answering and closing
            // while the rest is still being sent: the client may see the answer or only the close.
            StepVerifier.create(s3.putObject(PutObjectRequest.of(bucket, "corrupted"), body))
                    .expectErrorSatisfies(e -> {
                        if (e instanceof S3Exception s3e) {
                            assertThat(s3e.statusCode()).as(k + ": " + e.getMessage()).isIn(400, 403);
                        } else {
                            assertThat(e).as(k.toString()).isInstanceOf(dev.ferry.core.TransportException.class);
                            assertThat(k.fromFile()).as("only a streamed body can be cut off: " + e).isTrue();
                        }
                    })
                    .verify();
            tampering.armed = false;
            StepVerifier.create(s3.getObject(GetObjectRequest.of(bucket, "corrupted"), BodyReader.toBytes()))
                    .expectErrorSatisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("NoSuchKey"))
                    .verify();
        }
    }

    @Test
    void plainBodySendsContentMd5AndPayloadHashForBytesAndFiles() {
        Client c = client(server, UploadIntegrity.PLAIN_BODY, null);

        c.s3().putObject(PutObjectRequest.of(c.bucket(), "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest bytesPut = c.recorder().last("PutObject");
        c.s3().putObject(PutObjectRequest.of(c.bucket(), "file"), RequestBody.fromFile(file)).block();
        HttpRequest filePut = c.recorder().last("PutObject");

        for (HttpRequest sent : List.of(bytesPut, filePut)) {
            assertThat(sent.headers().first("Content-MD5")).isEqualTo(dev.ferry.s3.internal.checksum.ContentMd5.of(data));
            assertThat(sent.headers().first("x-amz-content-sha256")).matches("[0-9a-f]{64}");
            assertThat(sent.headers().contains("Content-Encoding")).isFalse();
            assertThat(sent.body().contentLength()).isEqualTo(data.length);
        }
        assertStoredExactly(c, "bytes");
        assertStoredExactly(c, "file");
    }

    @Test
    void plainBodyRefusesAOneTimeStreamWithAClearMessage() {
        Client c = client(server, UploadIntegrity.PLAIN_BODY, null);

        StepVerifier.create(c.s3().putObject(PutObjectRequest.of(c.bucket(), "stream"),
                        RequestBody.fromPublisher(Flux.just(ByteBuffer.wrap(data)), data.length)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("PLAIN_BODY").hasMessageContaining("upload it in parts"))
                .verify();
    }

    @Test
    void unsignedPayloadIsRefusedOverPlainHttp() {
        assertThatThrownBy(() -> S3TestClients.builder(server).uploadIntegrity(UploadIntegrity.UNSIGNED_PAYLOAD).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an https endpoint");
    }

    @Test
    void unsignedPayloadOverPlainHttpRunsOnlyWhenExplicitlyAllowed() {
        RecordingEngine recorder = new RecordingEngine(engine);
        S3Client s3 = S3TestClients.builder(server).engine(recorder).uploadIntegrity(UploadIntegrity.UNSIGNED_PAYLOAD)
                .allowUnsignedPayloadOverHttp(true).build();
        Client c = new Client(s3, recorder, S3TestClients.newBucket(s3, server, "integrity"));

        c.s3().putObject(PutObjectRequest.of(c.bucket(), "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest put = c.recorder().last("PutObject");

        assertThat(put.headers().first("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(put.headers().first("x-amz-checksum-crc32c")).isEqualTo(crc32c(data));
        assertThat(s3.toBuilder().build().toString()).contains("unsignedPayloadOverHttp");
        assertStoredExactly(c, "bytes");
    }

    @Test
    void unsignedPayloadOverTlsSendsAChecksumHeaderOrTrailer() {
        Client c = client(tlsServer, UploadIntegrity.UNSIGNED_PAYLOAD, null);

        c.s3().putObject(PutObjectRequest.of(c.bucket(), "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest bytesPut = c.recorder().last("PutObject");
        c.s3().putObject(PutObjectRequest.of(c.bucket(), "file"), RequestBody.fromFile(file)).block();
        HttpRequest filePut = c.recorder().last("PutObject");

        assertThat(bytesPut.headers().first("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(bytesPut.headers().first("x-amz-checksum-crc32c")).isEqualTo(crc32c(data));
        assertThat(filePut.headers().first("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(filePut.headers().first("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertStoredExactly(c, "bytes");
        assertStoredExactly(c, "file");
    }

    @Test
    void multipartPartsCarryTheClientChecksumIntoComplete() {
        Client c = client(server, UploadIntegrity.SIGNED_PAYLOAD, ChecksumAlgorithm.SHA256);
        String uploadId = c.s3().createMultipartUpload(CreateMultipartUploadRequest.of(c.bucket(), "parts")).block().uploadId();
        assertThat(c.recorder().last("CreateMultipartUpload").headers().first("x-amz-checksum-algorithm")).isEqualTo("SHA256");
        byte[] first = Arrays.copyOf(data, 5 * 1024 * 1024);

        UploadPartResponse p1 = c.s3().uploadPart(UploadPartRequest.of(c.bucket(), "parts", uploadId, 1), RequestBody.fromBytes(first)).block();
        UploadPartResponse p2 = c.s3().uploadPart(UploadPartRequest.of(c.bucket(), "parts", uploadId, 2), RequestBody.fromBytes(data)).block();

        assertThat(p1.checksum()).isNotNull();
        assertThat(p1.checksum().algorithm()).isEqualTo("SHA256");
        c.s3().completeMultipartUpload(new CompleteMultipartUploadRequest(c.bucket(), "parts", uploadId,
                List.of(p1.toCompletedPart(), p2.toCompletedPart()))).block();
        assertThat(c.recorder().last("CompleteMultipartUpload").body().contentLength()).isPositive();
        byte[] back = c.s3().getObject(GetObjectRequest.of(c.bucket(), "parts"), BodyReader.toBytes()).block().bytes();
        assertThat(back).hasSize(first.length + data.length);
    }

    private static String crc32c(byte[] bytes) {
        var crc = ChecksumAlgorithm.CRC32C.newChecksum();
        crc.update(bytes);
        return crc.base64();
    }
}
