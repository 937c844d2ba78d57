package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.PresignRequest;
import dev.ferry.oss.model.PresignedRequest;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.oss.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressingAndSigningIT {
    private static OssMockServer server;

    @BeforeAll
    static void start() {
        server = MockOss.server().addStsCredentials("STS.temp", "temp-secret", "token/with+reserved=chars");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "dir/sub dir/文件?.png", "a+b=c&d;e@f$g,h", "100%/~tilde/#hash", "😀/ü/ß", "a//double/slash"})
    void keysWithReservedAndUnicodeCharactersRoundTripWithV4(String key) {
        try (OssClient oss = MockOss.client(server).build()) {
            roundTrip(oss, key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/plain.txt", "v1/dir/文件 name+1.txt"})
    void signatureV1IsAcceptedByTheServer(String key) {
        try (OssClient oss = MockOss.client(server).signatureVersion(SignatureVersion.V1).build()) {
            roundTrip(oss, key);
        }
        assertThat(last().header("authorization")).startsWith("OSS " + OssMockServer.ACCESS_KEY_ID + ":");
    }

    @Test
    void stsCredentialsSendTheirTokenAndAreAccepted() {
        try (OssClient oss = MockOss.client(server).credentials("STS.temp", "temp-secret", "token/with+reserved=chars").build()) {
            roundTrip(oss, "sts/object");
        }
        assertThat(last().header("x-oss-security-token")).isEqualTo("token/with+reserved=chars");
    }

    @Test
    void cnameAddressingPutsOnlyTheKeyInThePathAndStillSignsTheBucket() {
        server.bindCname("127.0.0.1", "cname-bucket").createBucket("cname-bucket");
        try (OssClient oss = MockOss.client(server).cname().build()) {
            roundTrip(oss, "cname-bucket", "via/cname.txt");
            assertThat(last().uri()).startsWith("/via/cname.txt");
            // The bucket is part of what V4 signs: naming another one than the domain's is refused.
            assertThatThrownBy(() -> oss.blocking().headObject(HeadObjectRequest.of(MockOss.BUCKET, "via/cname.txt")))
                    .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch"));
        } finally {
            server.unbindCname("127.0.0.1");
        }
        assertThat(server.object("cname-bucket", "via/cname.txt")).isPresent();
    }

    @Test
    void additionalSignedHeadersAreSignedAndVerified() {
        try (OssClient oss = MockOss.client(server).additionalSignedHeaders("Cache-Control").build()) {
            oss.putObject(PutObjectRequest.builder(MockOss.BUCKET, "cached").cacheControl("max-age=60").build(),
                    RequestBody.fromBytes(new byte[] {1})).block();
        }
        assertThat(last().header("authorization")).contains("AdditionalHeaders=cache-control,");
    }

    @Test
    void presignedUrlsWorkWithoutCredentials() throws Exception {
        server.putObject(MockOss.BUCKET, "shared/report 1.pdf", "pdf bytes".getBytes(StandardCharsets.UTF_8), "application/pdf");
        HttpClient http = HttpClient.newHttpClient();
        for (SignatureVersion version : SignatureVersion.values()) {
            try (OssClient oss = MockOss.client(server).signatureVersion(version).build()) {
                PresignedRequest get = oss.presign(PresignRequest.builder("GET", MockOss.BUCKET, "shared/report 1.pdf")
                        .expiresIn(Duration.ofMinutes(5)).build()).block();
                HttpResponse<String> got = http.send(HttpRequest.newBuilder(get.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(got.statusCode()).as(version + " " + got.body()).isEqualTo(200);
                assertThat(got.body()).isEqualTo("pdf bytes");

                PresignedRequest put = oss.presign(PresignRequest.builder("PUT", MockOss.BUCKET, "uploads/" + version)
                        .contentType("text/plain").build()).block();
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(put.url()).header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofString("via url")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(stored.statusCode()).as(version + " " + stored.body()).isEqualTo(200);
                assertThat(server.object(MockOss.BUCKET, "uploads/" + version).orElseThrow().content())
                        .isEqualTo("via url".getBytes(StandardCharsets.UTF_8));

                HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(put.url()).header("Content-Type", "text/html")
                        .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(tampered.statusCode()).isEqualTo(403);
                assertThat(tampered.body()).contains("SignatureDoesNotMatch");
            }
        }
    }

    @Test
    void anExpiredPresignedUrlIsRefused() throws Exception {
        try (OssClient oss = MockOss.client(server).clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(-20))).build()) {
            PresignedRequest get = oss.presign(PresignRequest.builder("GET", MockOss.BUCKET, "whatever")
                    .expiresIn(Duration.ofMinutes(5)).build()).block();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(get.url()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("Request has expired");
        }
    }

    private static void roundTrip(OssClient oss, String key) {
        roundTrip(oss, MockOss.BUCKET, key);
    }

    private static void roundTrip(OssClient oss, String bucket, String key) {
        byte[] content = ("content of " + key).getBytes(StandardCharsets.UTF_8);
        oss.putObject(PutObjectRequest.of(bucket, key), RequestBody.fromBytes(content)).block();
        assertThat(oss.getObject(GetObjectRequest.of(bucket, key), BodyReader.toBytes()).block().bytes()).isEqualTo(content);
        assertThat(oss.headObject(HeadObjectRequest.of(bucket, key)).block().contentLength()).isEqualTo(content.length);
        assertThat(server.object(bucket, key).orElseThrow().content()).isEqualTo(content);
    }

    private static RecordedRequest last() {
        List<RecordedRequest> all = server.requests();
        return all.get(all.size() - 1);
    }
}
