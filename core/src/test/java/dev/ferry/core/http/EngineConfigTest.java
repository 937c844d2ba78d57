package dev.ferry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EngineConfig c = EngineConfig.defaults();

        assertThat(c.maxConnectionsPerHost()).isEqualTo(128);
        assertThat(c.maxPendingAcquires()).isEqualTo(8192);
        assertThat(c.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxIdleTime()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.maxLifeTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.expectContinueThreshold()).isEqualTo(1024 * 1024);
        assertThat(c.expectContinueEveryTime()).isFalse();
        assertThat(c.expectContinueTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.eventLoopThreads()).isGreaterThanOrEqualTo(2);
        assertThat(c.tls()).isEqualTo(TlsConfig.defaults());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        EngineConfig c = EngineConfig.builder().name("x").maxConnectionsPerHost(3).readTimeout(Duration.ofMillis(5))
                .expectContinueThreshold(Long.MAX_VALUE).tls(TlsConfig.defaults().withoutHostnameVerification()).build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().maxConnectionsPerHost(4).build().readTimeout()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void nonsenseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> EngineConfig.builder().maxConnectionsPerHost(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnectionsPerHost must be > 0, was 0");
        assertThatThrownBy(() -> EngineConfig.builder().responseTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTimeout must be a positive duration");
        assertThatThrownBy(() -> EngineConfig.builder().readTimeout(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().expectContinueThreshold(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectContinueThreshold");
    }

    @Test
    void tlsSettingsDescribeThemselves() {
        assertThat(TlsConfig.defaults().toString()).contains("JDK trust store").contains("hostname verification on");
        assertThat(TlsConfig.defaults().withoutHostnameVerification().hostnameVerification()).isFalse();
        assertThat(TlsConfig.defaults().withoutHostnameVerification().toString()).contains("OFF");
    }
}
