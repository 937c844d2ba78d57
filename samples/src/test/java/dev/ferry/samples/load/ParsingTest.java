package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizes, durations, size distributions and mixes as people type them, and the messages when they are wrong. */
class ParsingTest {

    @Test
    void sizesTakeBinaryAndDecimalUnits() {
        assertThat(Units.parseSize("4096")).isEqualTo(4096);
        assertThat(Units.parseSize("4KiB")).isEqualTo(4096);
        assertThat(Units.parseSize("4kib")).isEqualTo(4096);
        assertThat(Units.parseSize("1MiB")).isEqualTo(1 << 20);
        assertThat(Units.parseSize("1.5GiB")).isEqualTo(3L << 29);
        assertThat(Units.parseSize("64k")).isEqualTo(65536);
        assertThat(Units.parseSize("1MB")).isEqualTo(1_000_000);
        assertThat(Units.parseSize("0")).isZero();
    }

    @Test
    void aWrongSizeSaysWhatASizeLooksLike() {
        assertThatThrownBy(() -> Units.parseSize("big")).hasMessageContaining("'big' is not a size").hasMessageContaining("1MiB");
        assertThatThrownBy(() -> Units.parseSize("4XB")).hasMessageContaining("unknown size unit 'XB'");
        assertThatThrownBy(() -> Units.parseSize("-1KiB")).hasMessageContaining("is not a size");
    }

    @Test
    void sizesFormatExactlyWhenWhole() {
        assertThat(Units.formatSize(0)).isEqualTo("0 B");
        assertThat(Units.formatSize(4096)).isEqualTo("4 KiB");
        assertThat(Units.formatSize(3L << 29)).isEqualTo("1.5 GiB");
        assertThat(Units.formatSize(1000)).isEqualTo("1000 B");
    }

    @Test
    void durationsTakeUnitsAndCombinations() {
        assertThat(Units.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Units.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.parseDuration("0s")).isZero();
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Units.parseDuration("30")).hasMessageContaining("'30' has no unit: write 30s");
        assertThatThrownBy(() -> Units.parseDuration("30 sec")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Units.parseDuration("2d")).hasMessageContaining("is not a duration");
    }

    @Test
    void sizeDistributionsParse() {
        assertThat(SizeDistribution.parse("1MiB")).isEqualTo(new SizeDistribution.Fixed(1 << 20));
        assertThat(SizeDistribution.parse("uniform:4KiB:1MiB")).isEqualTo(new SizeDistribution.Uniform(4096, 1 << 20));
        assertThat(SizeDistribution.parse("lognormal:64KiB")).isEqualTo(new SizeDistribution.LogNormal(65536, 1.0, 64 * 65536));
        assertThat(SizeDistribution.parse("lognormal:64KiB:0.5:4MiB")).isEqualTo(new SizeDistribution.LogNormal(65536, 0.5, 4 << 20));
    }

    @Test
    void aWrongDistributionSaysWhichFormsExist() {
        assertThatThrownBy(() -> SizeDistribution.parse("uniform:1MiB:4KiB")).hasMessageContaining("smallest size (1 MiB) is larger");
        assertThatThrownBy(() -> SizeDistribution.parse("uniform:4KiB")).hasMessageContaining("uniform:MIN:MAX");
        assertThatThrownBy(() -> SizeDistribution.parse("lognormal:64KiB:x")).hasMessageContaining("sigma must be a number");
        assertThatThrownBy(() -> SizeDistribution.parse("normal:1:2")).hasMessageContaining("lognormal:MEDIAN");
    }

    @Test
    void sizesAreSeededAndWithinTheirBounds() {
        SizeDistribution uniform = SizeDistribution.parse("uniform:1000:2000");
        SizeDistribution logNormal = SizeDistribution.parse("lognormal:64KiB:1:1MiB");
        long below = 0;
        for (long i = 0; i < 20_000; i++) {
            assertThat(uniform.sizeFor(7, i)).isBetween(1000L, 2000L).isEqualTo(uniform.sizeFor(7, i));
            long size = logNormal.sizeFor(7, i);
            assertThat(size).isBetween(1L, 1L << 20);
            if (size < 65536) {
                below++;
            }
        }
        // Half of a log-normal lies below its median.
        assertThat(below / 20_000.0).isBetween(0.47, 0.53);
        assertThat(uniform.sizeFor(7, 1)).isNotEqualTo(uniform.sizeFor(8, 1));
    }

    @Test
    void workloadsAreASingleOperationOrWeights() {
        assertThat(Workload.parse("put").weights()).isEqualTo(Map.of(OpType.PUT, 1));
        assertThat(Workload.parse("mix").describe()).isEqualTo("put=3,get=6,delete=1");
        Workload w = Workload.parse("put=3, GET=6,delete=1,list=0");
        assertThat(w.weights()).containsOnlyKeys(OpType.PUT, OpType.GET, OpType.DELETE);
        assertThat(w.needsObjects()).isTrue();
        assertThat(w.writes()).isTrue();
    }

    @Test
    void aWrongWorkloadNamesTheProblem() {
        assertThatThrownBy(() -> Workload.parse("pot")).hasMessageContaining("'pot' in workload 'pot' is not an operation")
                .hasMessageContaining("put, get, head, delete, list, multipart");
        assertThatThrownBy(() -> Workload.parse("put=x")).hasMessageContaining("the weight of put must be a whole number");
        assertThatThrownBy(() -> Workload.parse("put=1,put=2")).hasMessageContaining("gives put twice");
        assertThatThrownBy(() -> Workload.parse("put=0,get=0")).hasMessageContaining("every weight is 0");
        assertThatThrownBy(() -> Workload.parse("put=1,,get=1")).hasMessageContaining("op=weight pairs");
    }

    @Test
    void theMixIsFollowedInProportionAndRepeatsForASeed() {
        Workload w = Workload.parse("put=3,get=6,delete=1");
        Map<OpType, Integer> counts = new EnumMap<>(OpType.class);
        for (long i = 0; i < 100_000; i++) {
            OpType op = w.pick(42, i);
            assertThat(op).isEqualTo(w.pick(42, i));
            counts.merge(op, 1, Integer::sum);
        }
        assertThat(counts.get(OpType.PUT) / 100_000.0).isBetween(0.29, 0.31);
        assertThat(counts.get(OpType.GET) / 100_000.0).isBetween(0.59, 0.61);
        assertThat(counts.get(OpType.DELETE) / 100_000.0).isBetween(0.09, 0.11);
    }
}
