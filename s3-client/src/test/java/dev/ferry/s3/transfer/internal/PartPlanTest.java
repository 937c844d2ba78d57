package dev.ferry.s3.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.s3.transfer.TransferConfig;
import org.junit.jupiter.api.Test;

class PartPlanTest {
    private static final long MIB = TransferConfig.MIB;
    private static final TransferConfig DEFAULTS = TransferConfig.defaults();

    @Test
    void aFileThatFitsInTenThousandPartsKeepsTheConfiguredPartSize() {
        PartPlan plan = PartPlan.forSize(10_000 * 8 * MIB, DEFAULTS);

        assertThat(plan.partSize()).isEqualTo(8 * MIB);
        assertThat(plan.partCount()).isEqualTo(10_000);
        assertThat(plan.length(10_000)).isEqualTo(8 * MIB);
    }

    @Test
    void aLargerFileGetsPartsRaisedToWholeMebibytesSoItFitsInTenThousand() {
        long size = 10_000 * 8 * MIB + 1;

        PartPlan plan = PartPlan.forSize(size, DEFAULTS);

        assertThat(plan.partSize()).isEqualTo(9 * MIB);
        assertThat(plan.partCount()).isLessThanOrEqualTo(10_000);
        assertThat(plan.offset(plan.partCount()) + plan.length(plan.partCount())).isEqualTo(size);
    }

    @Test
    void aFiveTebibyteFileFitsWithPartsUnderFiveGibibytes() {
        PartPlan plan = PartPlan.forSize(5L << 40, DEFAULTS);

        assertThat(plan.partCount()).isLessThanOrEqualTo(10_000);
        assertThat(plan.partSize()).isLessThanOrEqualTo(TransferConfig.MAX_PART_SIZE).isEqualTo(525 * MIB);
    }

    @Test
    void theLastPartTakesWhatIsLeft() {
        PartPlan plan = PartPlan.forSize(17 * MIB + 3, TransferConfig.builder().partSize(5 * MIB).build());

        assertThat(plan.partCount()).isEqualTo(4);
        assertThat(plan.offset(4)).isEqualTo(15 * MIB);
        assertThat(plan.length(4)).isEqualTo(2 * MIB + 3);
    }

    @Test
    void anEmptyObjectIsOneEmptyPart() {
        PartPlan plan = PartPlan.forSize(0, DEFAULTS);

        assertThat(plan.partCount()).isEqualTo(1);
        assertThat(plan.length(1)).isZero();
    }

    @Test
    void anObjectNoTenThousandPartsCanHoldIsRefused() {
        assertThatThrownBy(() -> PartPlan.forSize(10_000 * TransferConfig.MAX_PART_SIZE + 1, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parts larger than 5 GiB");
    }
}
