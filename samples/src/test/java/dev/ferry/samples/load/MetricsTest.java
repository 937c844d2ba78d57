package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.samples.load.RunResult.OpSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class MetricsTest {
    private static final long MS = 1_000_000;

    /**
     * The recorders have a fixed range, so that recording never takes the lock a growing one takes
     * (operations end on event loops, where BlockHound refuses a contended lock): a latency beyond
     * the range must still be counted, as the longest it holds, not thrown out or thrown on.
     */
    @Test
    void latenciesFromAMicrosecondToBeyondTheRangeAreAllCountedFromANonBlockingThread() {
        Metrics metrics = new Metrics(List.of(OpType.GET), true);
        metrics.begin(0);
        long[] latencies = {1_000, 10 * MS, 1_000 * MS, TimeUnit.MINUTES.toNanos(5), TimeUnit.HOURS.toNanos(2)};

        Mono.fromRunnable(() -> {
            for (long latency : latencies) {
                metrics.success(OpType.GET, 0, 0, latency, 100);
            }
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        metrics.sample(TimeUnit.HOURS.toNanos(3));

        OpSummary get = metrics.summaries().get(0);
        assertThat(get.count()).isEqualTo(latencies.length);
        assertThat(get.errors()).isZero();
        assertThat(get.latency().max()).as("two hours count as the hour a recorder holds, in ms")
                .isCloseTo(TimeUnit.HOURS.toMillis(1), within(TimeUnit.HOURS.toMillis(1) / 500.0));
        assertThat(get.latency().p50()).as("the median of the five, in ms").isCloseTo(1_000, within(1.0));
    }
}
