package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.testkit.oss.Fault;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.oss.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorsAndRetriesIT {
    private OssMockServer server;

    @BeforeEach
    void start() {
        server = MockOss.server();
        server.putObject(MockOss.BUCKET, "k", new byte[] {42}, "application/octet-stream");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serverErrorsAreRetriedUntilTheyPassAndEachAttemptIsSigned() {
        server.inject(Fault.xml(503, "ServiceUnavailable", "Please reduce your request rate.").times(2).onMethod("PUT"));
        try (OssClient oss = MockOss.client(server).build()) {
            oss.putObject(PutObjectRequest.of(MockOss.BUCKET, "retried"), RequestBody.fromBytes(new byte[] {1, 2})).block();
        }
        List<RecordedRequest> puts = server.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(puts).allSatisfy(r -> assertThat(r.header("authorization")).startsWith("OSS4-HMAC-SHA256 Credential="));
        assertThat(server.object(MockOss.BUCKET, "retried")).isPresent();
    }

    @Test
    void theLastErrorIsReportedWithTheEarlierOnesSuppressedWhenRetriesRunOut() {
        server.inject(Fault.xml(500, "InternalError", "We encountered an internal error.").times(3));
        try (OssClient oss = MockOss.client(server).build()) {
            assertThatThrownBy(() -> oss.blocking().headObject(HeadObjectRequest.of(MockOss.BUCKET, "k")))
                    .isInstanceOfSatisfying(OssException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.getSuppressed()).hasSize(2);
                    });
        }
    }

    @Test
    void clientErrorsAreNotRetried() {
        try (OssClient oss = MockOss.client(server).build()) {
            assertThatThrownBy(() -> oss.blocking().getObject(GetObjectRequest.of(MockOss.BUCKET, "nope"), BodyReader.discarding()))
                    .isInstanceOf(OssException.class);
        }
        assertThat(server.requests().stream().filter(r -> r.status() == 404)).hasSize(1);
    }

    @Test
    void anEmptyBodyErrorIsReadFromTheXOssErrHeader() {
        server.inject(Fault.emptyBodyWithHeader(403, "AccessDenied", "You have no right to access this object.").withEc("0003-00000001"));
        try (OssClient oss = MockOss.client(server).build()) {
            assertThatThrownBy(() -> oss.blocking().getObject(GetObjectRequest.of(MockOss.BUCKET, "k"), BodyReader.discarding()))
                    .isInstanceOfSatisfying(OssException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.serviceMessage()).isEqualTo("You have no right to access this object.");
                        assertThat(e.ec()).isEqualTo("0003-00000001");
                        assertThat(e.requestId()).isNotBlank();
                        assertThat(e.hostId()).isEqualTo("127.0.0.1");
                        assertThat(e.getMessage()).contains("RAM policy");
                    });
        }
    }

    @Test
    void aWrongSecretFailsWithSignatureDoesNotMatchAndSaysWhatToCheck() {
        try (OssClient oss = MockOss.client(server).credentials(OssMockServer.ACCESS_KEY_ID, "wrong-secret").build()) {
            assertThatThrownBy(() -> oss.blocking().getObject(GetObjectRequest.of(MockOss.BUCKET, "k"), BodyReader.discarding()))
                    .isInstanceOfSatisfying(OssException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.ec()).isEqualTo("0002-00000040");
                        assertThat(e.details()).containsKeys("StringToSign", "SignatureProvided", "CanonicalRequest");
                        assertThat(e.getMessage()).contains("access key secret", "region", "endpoint");
                        assertThat(e.getMessage()).doesNotContain("wrong-secret");
                    });
        }
    }

    @Test
    void aSkewedClockIsCorrectedFromTheServersTimeAndTheRetrySucceeds() {
        server.serverClockOffset(Duration.ofMinutes(40));
        try (OssClient oss = MockOss.client(server).build()) {
            byte[] got = oss.getObject(GetObjectRequest.of(MockOss.BUCKET, "k"), BodyReader.toBytes()).block().bytes();
            assertThat(got).containsExactly(42);
            // The next request is signed with the corrected time at once.
            oss.headObject(HeadObjectRequest.of(MockOss.BUCKET, "k")).block();
        }
        assertThat(server.requests()).extracting(RecordedRequest::errorCode)
                .containsExactly("RequestTimeTooSkewed", "", "");
    }

    @Test
    void retriesCanBeTurnedOff() {
        server.inject(Fault.xml(503, "ServiceUnavailable", "busy"));
        try (OssClient oss = MockOss.client(server).retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> oss.blocking().headObject(HeadObjectRequest.of(MockOss.BUCKET, "k"))).isInstanceOf(OssException.class);
        }
        assertThat(server.requests()).hasSize(1);
    }
}
