package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.IntegrityException;
import dev.ferry.core.http.BodyReader;
import dev.ferry.s3.model.GetObjectRequest;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * Downloads are checked against what vouches for them. A small server that lies about its bodies
 * (the ETag or checksum of other bytes) stands in for corruption, which S3Proxy cannot produce.
 */
class DownloadVerificationTest {
    private static final byte[] BODY = "the bytes that actually arrive".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, Map<String, String>> HEADERS = new ConcurrentHashMap<>();
    private static DisposableServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        String honestMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY));
        String otherMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("other bytes".getBytes(StandardCharsets.UTF_8)));
        HEADERS.put("/b/honest", Map.of("ETag", "\"" + honestMd5 + "\""));
        HEADERS.put("/b/wrong-etag", Map.of("ETag", "\"" + otherMd5 + "\""));
        HEADERS.put("/b/multipart-etag", Map.of("ETag", "\"" + otherMd5 + "-3\""));
        HEADERS.put("/b/wrong-crc", Map.of("ETag", "\"" + honestMd5 + "\"", "x-amz-checksum-crc32c", "AAAAAA=="));
        HEADERS.put("/b/kms", Map.of("ETag", "\"" + otherMd5 + "\"", "x-amz-server-side-encryption", "aws:kms"));
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    Map<String, String> h = HEADERS.getOrDefault(req.path().startsWith("/") ? req.path() : "/" + req.path(), Map.of());
                    h.forEach(res::header);
                    return res.header("Content-Type", "text/plain").send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(BODY)));
                })
                .bindNow();
        s3 = S3Client.builder().endpoint("http://127.0.0.1:" + server.port()).credentials("id", "secret").pathStyle(true).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.disposeNow();
    }

    @Test
    void aBodyMatchingItsMd5ETagIsAccepted() {
        assertThat(s3.getObject(GetObjectRequest.of("b", "honest"), BodyReader.toBytes()).block().bytes()).isEqualTo(BODY);
    }

    @Test
    void aBodyThatDoesNotMatchItsETagFailsLoudly() {
        StepVerifier.create(s3.getObject(GetObjectRequest.of("b", "wrong-etag"), BodyReader.toBytes()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("GetObject s3://b/wrong-etag").hasMessageContaining("MD5 (the ETag)"))
                .verify();
    }

    @Test
    void aBodyThatDoesNotMatchItsChecksumHeaderFailsLoudly() {
        StepVerifier.create(s3.getObject(GetObjectRequest.of("b", "wrong-crc"), BodyReader.toPublisher())
                        .flatMapMany(stream -> stream.body()))
                .thenConsumeWhile(b -> true)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("x-amz-checksum-crc32c"))
                .verify();
    }

    @Test
    void aCorruptDownloadToAFileLeavesNoFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.txt");

        StepVerifier.create(s3.getObject(GetObjectRequest.of("b", "wrong-etag"), BodyReader.toFile(target)))
                .expectError(IntegrityException.class)
                .verify();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void etagsThatAreNotAnMd5OfTheBytesAreNotChecked() {
        assertThat(s3.getObject(GetObjectRequest.of("b", "multipart-etag"), BodyReader.toBytes()).block().bytes()).isEqualTo(BODY);
        assertThat(s3.getObject(GetObjectRequest.of("b", "kms"), BodyReader.toBytes()).block().bytes()).isEqualTo(BODY);
    }

    @Test
    void rangedReadsAndDisabledVerificationAreNotChecked() {
        assertThat(s3.getObject(GetObjectRequest.builder("b", "wrong-etag").range(0, 4).build(), BodyReader.toBytes()).block().bytes())
                .isEqualTo(BODY);
        try (S3Client unverified = s3.toBuilder().verifyDownloads(false).build()) {
            assertThat(unverified.getObject(GetObjectRequest.of("b", "wrong-etag"), BodyReader.toBytes()).block().bytes()).isEqualTo(BODY);
        }
    }
}
