package dev.ferry.s3.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferConfigTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        TransferConfig c = TransferConfig.defaults();

        assertThat(c.partSize()).isEqualTo(8 * MIB);
        assertThat(c.multipartThreshold()).isEqualTo(8 * MIB);
        assertThat(c.partsInFlight()).isEqualTo(4);
        assertThat(c.progressInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.maxBufferedBytes()).isEqualTo(40 * MIB);
        assertThat(c.maxStreamSize()).isEqualTo(80_000 * MIB);
    }

    @Test
    void aPartSizeOutsideS3sLimitsIsRefused() {
        assertThatThrownBy(() -> TransferConfig.builder().partSize(5 * MIB - 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize must be 5 MiB..5 GiB");
        assertThatThrownBy(() -> TransferConfig.builder().partSize(5 * 1024 * MIB + 1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherNonsenseIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> TransferConfig.builder().partsInFlight(0).build()).hasMessageContaining("partsInFlight");
        assertThatThrownBy(() -> TransferConfig.builder().multipartThreshold(0).build()).hasMessageContaining("multipartThreshold");
        assertThatThrownBy(() -> TransferConfig.builder().progressInterval(Duration.ofMillis(-1)).build())
                .hasMessageContaining("progressInterval");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        TransferConfig c = TransferConfig.builder().partSize(16 * MIB).multipartThreshold(100).partsInFlight(7)
                .progressInterval(Duration.ZERO).build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
