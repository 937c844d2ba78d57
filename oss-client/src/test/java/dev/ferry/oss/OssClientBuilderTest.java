package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.CallViews;
import dev.ferry.oss.model.PresignRequest;
import dev.ferry.oss.model.PresignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OssClientBuilderTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"oss-cn-hangzhou", "oss-cn-hangzhou.aliyuncs.com", "oss-cn-hangzhou-internal"})
    void anEndpointPrefixGivenAsRegionIsRefusedSayingWhatToPass(String wrong) {
        assertThatThrownBy(() -> OssClient.builder().region(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain region id")
                .hasMessageContaining("region(\"cn-hangzhou\")");
    }

    @Test
    void aRegionIsRequiredForSignatureV4() {
        assertThatThrownBy(() -> OssClient.builder().credentials("ak", "sk").build()).hasMessageContaining("region is required");
    }

    @Test
    void endpointsAreDerivedFromTheRegion() {
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou"))).isEqualTo("bucket.oss-cn-hangzhou.aliyuncs.com");
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou").internalEndpoint(true))).isEqualTo("bucket.oss-cn-hangzhou-internal.aliyuncs.com");
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou").dualStackEndpoint(true))).isEqualTo("bucket.cn-hangzhou.oss.aliyuncs.com");
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou").accelerateEndpoint(true))).isEqualTo("bucket.oss-accelerate.aliyuncs.com");
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou").pathStyle())).isEqualTo("oss-cn-hangzhou.aliyuncs.com");
        assertThat(presignedHost(OssClient.builder().region("cn-hangzhou").endpoint("static.example.com").cname())).isEqualTo("static.example.com");
    }

    @Test
    void virtualHostedPutsTheBucketInTheHostAndTheKeyInThePath() {
        PresignedRequest p = presign(OssClient.builder().region("cn-hangzhou"), "dir/a b+c.txt");
        assertThat(p.url().getRawPath()).isEqualTo("/dir/a%20b%2Bc.txt");
        PresignedRequest path = presign(OssClient.builder().region("cn-hangzhou").endpoint("http://127.0.0.1:9000"), "dir/a b+c.txt");
        assertThat(path.url().getRawPath()).isEqualTo("/bucket/dir/a%20b%2Bc.txt");
        assertThat(path.url().getScheme()).isEqualTo("http");
    }

    @Test
    void anIpEndpointCannotBeVirtualHosted() {
        assertThatThrownBy(() -> OssClient.builder().region("cn-hangzhou").endpoint("http://127.0.0.1:9000")
                .addressing(Addressing.VIRTUAL_HOSTED).credentials("ak", "sk").build()).hasMessageContaining("pathStyle");
    }

    @Test
    void credentialsComeFromTheOssEnvironmentVariables() {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", "env-ak", "OSS_ACCESS_KEY_SECRET", "env-sk", "OSS_SESSION_TOKEN", "env-token");
        try (OssClient oss = OssClient.builder().region("cn-hangzhou").credentialsFromEnvironment(env::get).clock(FIXED).build()) {
            PresignedRequest p = oss.presign(PresignRequest.builder("GET", "bucket", "k").build()).block();
            assertThat(p.url().getRawQuery()).contains("x-oss-credential=env-ak%2F20240501%2Fcn-hangzhou%2Foss%2Faliyun_v4_request")
                    .contains("x-oss-security-token=env-token");
        }
        try (OssClient oss = OssClient.builder().region("cn-hangzhou").credentialsFromEnvironment(name -> null).build()) {
            assertThatThrownBy(() -> oss.presign(PresignRequest.builder("GET", "bucket", "k").build()).block())
                    .hasMessageContaining("OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET are not set");
        }
    }

    @Test
    void presigningRefusesMoreThanSevenDaysWithV4() {
        try (OssClient oss = OssClient.builder().region("cn-hangzhou").credentials("ak", "sk").build()) {
            assertThatThrownBy(() -> oss.presign(PresignRequest.builder("GET", "bucket", "k").expiresIn(Duration.ofDays(8)).build()).block())
                    .hasMessageContaining("7 days");
        }
    }

    @Test
    void everyViewMethodHasAReactiveCounterpart() {
        assertThat(CallViews.unmatchedFutures(OssFutureClient.class, OssClient.class)).isEmpty();
        assertThat(CallViews.unmatchedCallbacks(OssCallbackClient.class, OssClient.class)).isEmpty();
        assertThat(CallViews.unmatchedBlocking(OssBlockingClient.class, OssClient.class)).isEmpty();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        try (OssClient oss = OssClient.builder().region("cn-hangzhou").credentials("my-ak", "my-very-secret", "my-token").build()) {
            assertThat(oss.toString()).contains("my-ak").doesNotContain("my-very-secret").doesNotContain("my-token");
            PresignedRequest p = oss.presign(PresignRequest.builder("GET", "bucket", "k").build()).block();
            assertThat(p.toString()).doesNotContain("my-token").doesNotContain("x-oss-signature");
        }
    }

    private static String presignedHost(OssClient.Builder builder) {
        return presign(builder, "k").url().getHost();
    }

    private static PresignedRequest presign(OssClient.Builder builder, String key) {
        try (OssClient oss = builder.credentials("ak", "sk").clock(FIXED).build()) {
            return oss.presign(PresignRequest.builder("GET", "bucket", key).build()).block();
        }
    }
}
