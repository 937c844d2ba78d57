package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.ResponseBytes;
import dev.ferry.oss.model.DeleteObjectRequest;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.oss.model.PutObjectResponse;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.oss.RecordedRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ObjectOperationsIT {
    private static OssMockServer server;
    private static OssClient oss;

    @BeforeAll
    static void start() {
        server = MockOss.server();
        oss = MockOss.client(server).build();
    }

    @AfterAll
    static void stop() {
        oss.close();
        server.close();
    }

    @Test
    void putThenGetReturnsTheSameBytesAndMetadata() {
        byte[] content = "hello, OSS".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = oss.putObject(PutObjectRequest.builder(MockOss.BUCKET, "greetings/hello.txt")
                .contentType("text/plain").metadata("author", "alice").contentMd5(true).build(), RequestBody.fromBytes(content)).block();
        assertThat(put.etag()).isEqualTo(server.object(MockOss.BUCKET, "greetings/hello.txt").orElseThrow().etag());
        assertThat(put.requestId()).isNotBlank();

        ResponseBytes<ObjectMetadata> got = oss.getObject(GetObjectRequest.of(MockOss.BUCKET, "greetings/hello.txt"),
                BodyReader.<ObjectMetadata>toBytes()).block();
        assertThat(got.bytes()).isEqualTo(content);
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().userMetadata()).containsEntry("author", "alice");
        assertThat(got.response().etag()).isEqualTo(put.etag());
    }

    @Test
    void headOfAMissingObjectFailsWithTheErrorFromTheXOssErrHeader() {
        StepVerifier.create(oss.headObject(HeadObjectRequest.of(MockOss.BUCKET, "missing.txt")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(OssException.class);
                    OssException oe = (OssException) e;
                    assertThat(oe.statusCode()).isEqualTo(404);
                    assertThat(oe.errorCode()).isEqualTo("NoSuchKey");
                    assertThat(oe.ec()).isEqualTo("0026-00000001");
                    assertThat(oe.serviceMessage()).isEqualTo("The specified key does not exist.");
                    assertThat(oe.getMessage()).contains("HeadObject on oss://ferry-bucket/missing.txt");
                })
                .verify();
        RecordedRequest head = server.requests().stream().filter(r -> r.method().equals("HEAD")).reduce((a, b) -> b).orElseThrow();
        assertThat(head.status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesTheObject() {
        server.putObject(MockOss.BUCKET, "to-delete", new byte[] {1, 2, 3}, "application/octet-stream");
        oss.deleteObject(DeleteObjectRequest.of(MockOss.BUCKET, "to-delete")).block();
        assertThat(server.object(MockOss.BUCKET, "to-delete")).isEmpty();
        assertThatThrownBy(() -> oss.blocking().headObject(HeadObjectRequest.of(MockOss.BUCKET, "to-delete")))
                .isInstanceOf(OssException.class);
    }
}
