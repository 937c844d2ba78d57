package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.OpenLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The driver on a virtual clock: operations that "take" 50 ms take exactly that, so what the
 * driver schedules and what the metrics record can be checked to the millisecond.
 */
class LoadDriverTest {
    private static final long MS = 1_000_000;
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private record Run(OpSummary summary, OpenLoop openLoop, AtomicInteger maxInFlight, int started) {
    }

    private Run run(LoadDriver.Plan plan, Duration opTime) {
        Metrics metrics = new Metrics(List.of(OpType.PUT), plan.openLoop());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        LoadDriver.Operations ops = (type, index) -> Mono.defer(() -> {
            started.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // doOnTerminate, not doFinally: the count must drop before the driver hears of the end and starts the next.
            return Mono.delay(opTime, clock).thenReturn(100L).doOnTerminate(inFlight::decrementAndGet);
        });
        LoadDriver driver = new LoadDriver(plan, Workload.of(OpType.PUT), 1, ops, metrics,
                () -> clock.now(TimeUnit.NANOSECONDS), clock, null);
        AtomicReference<OpenLoop> outcome = new AtomicReference<>();
        AtomicInteger completed = new AtomicInteger();
        driver.run().doOnSuccess(o -> {
            // As the command does: the last interval closes when the last operation has ended.
            metrics.sample(clock.now(TimeUnit.NANOSECONDS));
            completed.incrementAndGet();
        }).subscribe(outcome::set);
        clock.advanceTimeBy(Duration.ofSeconds(30));
        assertThat(completed).as("the run completed").hasValue(1);
        return new Run(metrics.summaries().get(0), outcome.get(), maxInFlight, started.get());
    }

    @Test
    void anOpenLoopMeasuresLatencyFromTheScheduledStartNotFromWhenTheOperationGotASlot() {
        // 100 ops/s are due, but one slot and 50 ms per operation serve only 20 a second.
        Run r = run(new LoadDriver.Plan(1, 100, 0, 1000 * MS, Long.MAX_VALUE), Duration.ofMillis(50));

        // Operation k is due at 10k ms, starts at 50k ms (when the slot frees) and ends 50 ms later.
        assertThat(r.summary().count()).isEqualTo(20);
        assertThat(r.summary().serviceTime().max()).isCloseTo(50, within(0.1));
        assertThat(r.summary().serviceTime().p50()).isCloseTo(50, within(0.1));
        assertThat(r.summary().latency().max()).as("the last one waited 760 ms for its slot").isCloseTo(810, within(1.0));
        assertThat(r.summary().latency().p50()).isCloseTo(410, within(1.0));
        // The 80 operations due before the end that never got a slot are reported, not dropped silently.
        assertThat(r.openLoop().scheduled()).isEqualTo(100);
        assertThat(r.openLoop().notStarted()).isEqualTo(80);
        assertThat(r.openLoop().startedLate()).isEqualTo(19);
        assertThat(r.openLoop().maxStartLagMs()).isCloseTo(760, within(0.01));
        assertThat(r.openLoop().maxInFlight()).isEqualTo(1);
    }

    @Test
    void anOpenLoopWithCapacityToSpareKeepsToItsSchedule() {
        Run r = run(new LoadDriver.Plan(10, 100, 0, 1000 * MS, Long.MAX_VALUE), Duration.ofMillis(5));

        assertThat(r.summary().count()).isEqualTo(100);
        assertThat(r.openLoop().startedLate()).isZero();
        assertThat(r.openLoop().notStarted()).isZero();
        assertThat(r.summary().latency().max()).isCloseTo(5, within(0.01));
        assertThat(r.summary().serviceTime().max()).isCloseTo(5, within(0.01));
        assertThat(r.maxInFlight()).hasValue(1);
    }

    @Test
    void aClosedLoopKeepsExactlyConcurrencyOperationsInFlight() {
        Run r = run(new LoadDriver.Plan(4, 0, 0, 1000 * MS, Long.MAX_VALUE), Duration.ofMillis(50));

        assertThat(r.maxInFlight()).hasValue(4);
        // Four workers, 50 ms an operation, one second: 20 rounds.
        assertThat(r.summary().count()).isEqualTo(80);
        assertThat(r.summary().latency().max()).isCloseTo(50, within(0.1));
        assertThat(r.summary().serviceTime()).as("one latency in a closed loop").isNull();
        assertThat(r.openLoop()).isNull();
        assertThat(r.summary().bytes()).isEqualTo(80 * 100);
    }

    @Test
    void warmUpOperationsRunButAreNotRecorded() {
        Run r = run(new LoadDriver.Plan(1, 0, 500 * MS, 1000 * MS, Long.MAX_VALUE), Duration.ofMillis(50));

        assertThat(r.started()).isEqualTo(30);
        assertThat(r.summary().count()).isEqualTo(20);
        assertThat(r.summary().seconds()).isCloseTo(1.0, within(0.001));
    }

    @Test
    void anOperationCountEndsTheRun() {
        Run r = run(new LoadDriver.Plan(3, 0, 0, Long.MAX_VALUE, 10), Duration.ofMillis(20));

        assertThat(r.started()).isEqualTo(10);
        assertThat(r.summary().count()).isEqualTo(10);
    }

    @Test
    void failuresAreCountedByKindAndTheRunGoesOn() {
        Metrics metrics = new Metrics(List.of(OpType.GET), false);
        AtomicInteger calls = new AtomicInteger();
        LoadDriver.Operations ops = (type, index) -> calls.incrementAndGet() % 2 == 0
                ? Mono.error(new LoadException.NoObject("nothing to read"))
                : Mono.delay(Duration.ofMillis(10), clock).thenReturn(1L);
        LoadDriver driver = new LoadDriver(new LoadDriver.Plan(1, 0, 0, Long.MAX_VALUE, 10), Workload.of(OpType.GET), 1,
                ops, metrics, () -> clock.now(TimeUnit.NANOSECONDS), clock, null);
        driver.run().subscribe();
        clock.advanceTimeBy(Duration.ofSeconds(5));
        metrics.sample(clock.now(TimeUnit.NANOSECONDS));

        OpSummary s = metrics.summaries().get(0);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.errors()).isEqualTo(5);
        assertThat(s.errorsByType()).containsOnlyKeys("NoObject");
        assertThat(s.errorsByType().get("NoObject").example()).isEqualTo("nothing to read");
    }

    @Test
    void stopEndsSchedulingAndTheRunCompletesOnceInFlightOperationsEnd() {
        Metrics metrics = new Metrics(List.of(OpType.PUT), true);
        LoadDriver.Operations ops = (type, index) -> Mono.delay(Duration.ofMillis(5), clock).thenReturn(1L);
        LoadDriver driver = new LoadDriver(new LoadDriver.Plan(4, 100, 0, 60_000 * MS, Long.MAX_VALUE),
                Workload.of(OpType.PUT), 1, ops, metrics, () -> clock.now(TimeUnit.NANOSECONDS), clock, null);
        AtomicReference<OpenLoop> outcome = new AtomicReference<>();
        driver.run().subscribe(outcome::set);
        clock.advanceTimeBy(Duration.ofMillis(305));
        driver.stop();
        clock.advanceTimeBy(Duration.ofMillis(10));

        assertThat(outcome.get()).isNotNull();
        assertThat(outcome.get().scheduled()).isEqualTo(31);
    }
}
