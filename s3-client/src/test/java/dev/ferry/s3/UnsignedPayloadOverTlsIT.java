package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.TlsConfig;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNSIGNED_PAYLOAD, which Ferry allows only over TLS, against S3Proxy serving HTTPS. The Ceph RGW
 * the tests start serves plain HTTP, so this mode is not tested there; its fallback from a refused
 * trailer is proven in {@code S3PayloadsTest}.
 */
class UnsignedPayloadOverTlsIT {
    private static S3ProxyServer tlsServer;
    private static HttpEngine engine;
    private static byte[] data;
    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        tlsServer = S3ProxyServer.startTls();
        engine = HttpEngine.create(EngineConfig.builder().name("unsigned-tls").tls(TlsConfig.trusting(tlsServer.certificate())).build());
        data = new byte[700_000];
        new Random(42).nextBytes(data);
        file = Files.write(dir.resolve("payload.bin"), data);
    }

    @AfterAll
    static void stop() {
        engine.close();
        tlsServer.close();
    }

    @Test
    void unsignedPayloadOverTlsSendsAChecksumHeaderOrTrailer() {
        RecordingEngine recorder = new RecordingEngine(engine);
        S3Client s3 = S3TestClients.builder(tlsServer).engine(recorder).uploadIntegrity(UploadIntegrity.UNSIGNED_PAYLOAD).build();
        String bucket = S3TestClients.newBucket(s3, tlsServer, "unsigned");

        s3.putObject(PutObjectRequest.of(bucket, "bytes"), RequestBody.fromBytes(data)).block();
        HttpRequest bytesPut = recorder.last("PutObject");
        s3.putObject(PutObjectRequest.of(bucket, "file"), RequestBody.fromFile(file)).block();
        HttpRequest filePut = recorder.last("PutObject");

        assertThat(bytesPut.headers().first("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(bytesPut.headers().first("x-amz-checksum-crc32c")).isEqualTo(crc32c(data));
        assertThat(filePut.headers().first("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(filePut.headers().first("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        for (String key : new String[] {"bytes", "file"}) {
            byte[] back = s3.getObject(GetObjectRequest.of(bucket, key), BodyReader.toBytes()).block().bytes();
            assertThat(Arrays.equals(back, data)).as("stored bytes of " + key).isTrue();
        }
    }

    private static String crc32c(byte[] bytes) {
        var crc = ChecksumAlgorithm.CRC32C.newChecksum();
        crc.update(bytes);
        return crc.base64();
    }
}
