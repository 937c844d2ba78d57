package dev.ferry.samples.load;

import dev.ferry.samples.load.RunResult.OpenLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Decides when each operation starts, starts it, and records how it went.
 *
 * <p><b>Closed loop</b> (no rate): {@code concurrency} operations are in flight at all times; each
 * one that ends starts the next, like that many workers each waiting for its last answer.
 *
 * <p><b>Open loop</b> ({@code rate} operations per second): operation {@code i} is due at
 * {@code start + i / rate}, whatever happened to the others. At most {@code concurrency} are in
 * flight; one that falls due while that cap is reached starts as soon as a slot frees, and its
 * latency is still measured from when it was due (see {@link Metrics}). Operations still waiting when
 * the run ends are counted, never silently dropped. Waiting costs nothing per operation: the backlog
 * is the distance between the next operation's number and the clock, so an overloaded target cannot
 * make the harness run out of memory.
 *
 * <p>One drain loop does both: it starts every operation that is due while a slot is free, and runs
 * again when a slot frees or, in an open loop, when the next operation falls due (a timer). It is
 * never run by two threads at once, and it never blocks, so it may run on an event loop.
 */
final class LoadDriver {
    /**
     * @param rate operations per second for an open loop; 0 for a closed loop
     * @param warmupNanos operations due within this time from the start run but are not recorded
     * @param durationNanos how long to measure after warm-up; {@code Long.MAX_VALUE} for no limit
     * @param maxOps how many operations to measure; {@code Long.MAX_VALUE} for no limit
     */
    record Plan(int concurrency, double rate, long warmupNanos, long durationNanos, long maxOps) {
        Plan {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
            if (rate < 0 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("rate must be positive (or 0 for a closed loop), was " + rate);
            }
            if (durationNanos == Long.MAX_VALUE && maxOps == Long.MAX_VALUE) {
                throw new IllegalArgumentException("a run needs a duration or an operation count to end");
            }
        }

        boolean openLoop() {
            return rate > 0;
        }
    }

    /**
     * Runs operation number {@code index} of the given type, emitting the bytes it moved; completing
     * empty when it did not happen after all (nothing is recorded for it).
     */
    @FunctionalInterface
    interface Operations {
        Mono<Long> run(OpType type, long index);
    }

    /** Operations starting more than this late count as late. */
    private static final long LATE_NANOS = 1_000_000;

    private final Plan plan;
    private final Workload workload;
    private final long seed;
    private final Operations operations;
    private final Metrics metrics;
    private final LongSupplier clock;
    private final Scheduler timer;
    private final @Nullable Scheduler startOn;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Sinks.One<OpenLoop> done = Sinks.one();
    private volatile boolean stopRequested;

    // Owned by the drain loop.
    private long start;
    private long measureStart;
    private long deadline;
    private long next;
    private long measured;
    private boolean scheduling = true;
    private volatile boolean timerPending;
    private long startedLate;
    private long maxLag;
    private long notStarted;
    private int maxInFlight;

    /**
     * @param clock nanoseconds, monotonic ({@code System::nanoTime}; a virtual clock in tests)
     * @param timer wakes the open loop when the next operation falls due
     * @param startOn where open-loop operations are started, so that the work of starting one (a
     *                checksum of its body, say) never delays the schedule; null to start them
     *                on the thread that finds them due
     */
    LoadDriver(Plan plan, Workload workload, long seed, Operations operations, Metrics metrics, LongSupplier clock,
               Scheduler timer, @Nullable Scheduler startOn) {
        this.plan = plan;
        this.workload = workload;
        this.seed = seed;
        this.operations = operations;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
        this.startOn = startOn;
    }

    /**
     * Runs the plan. Completes when the last operation has ended, with how an open loop kept to its
     * schedule (null for a closed loop).
     */
    Mono<OpenLoop> run() {
        return Mono.defer(() -> {
            start = clock.getAsLong();
            measureStart = start + plan.warmupNanos();
            deadline = plan.durationNanos() == Long.MAX_VALUE ? Long.MAX_VALUE
                    : saturatedAdd(measureStart, plan.durationNanos());
            metrics.begin(measureStart);
            drain();
            return done.asMono();
        });
    }

    /** Starts no more operations; those in flight finish. */
    void stop() {
        stopRequested = true;
        drain();
    }

    /** When the clock says measurement began (after warm-up). */
    long measureStart() {
        return measureStart;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (scheduling) {
                startDue();
            }
            if (!scheduling && inFlight.get() == 0) {
                done.tryEmitValue(outcome());
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void startDue() {
        while (true) {
            long now = clock.getAsLong();
            if (stopRequested || now >= deadline) {
                finishScheduling(now, true);
                return;
            }
            long due = plan.openLoop() ? dueTime(next) : now;
            if (due >= deadline || measured >= plan.maxOps()) {
                finishScheduling(now, false);
                return;
            }
            if (due > now) {
                if (!timerPending) {
                    timerPending = true;
                    timer.schedule(() -> {
                        timerPending = false;
                        drain();
                    }, due - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            if (inFlight.get() >= plan.concurrency()) {
                return;
            }
            if (due >= measureStart) {
                measured++;
                long lag = now - due;
                if (lag > LATE_NANOS) {
                    startedLate++;
                }
                maxLag = Math.max(maxLag, lag);
            }
            maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
            start(next++, due);
        }
    }

    /** @param cutShort whether time ran out (or a stop came) before every operation due had started */
    private void finishScheduling(long now, boolean cutShort) {
        scheduling = false;
        if (plan.openLoop() && cutShort) {
            // Everything due before the end that did not start: the cap on requests in flight held it back.
            notStarted = Math.max(0, firstIndexAtOrAfter(Math.min(deadline, now)) - next);
        }
    }

    private void start(long index, long due) {
        OpType type = workload.pick(seed, index);
        Mono<Long> op = Mono.defer(() -> {
            long started = clock.getAsLong();
            return operations.run(type, index)
                    .doOnNext(bytes -> metrics.success(type, due, started, clock.getAsLong(), bytes))
                    .doOnError(error -> metrics.failure(type, due, error))
                    .onErrorResume(error -> Mono.empty());
        });
        if (startOn != null) {
            op = op.subscribeOn(startOn);
        }
        op.doFinally(signal -> {
            inFlight.decrementAndGet();
            drain();
        }).subscribe();
    }

    private long dueTime(long index) {
        return start + (long) (index * 1e9 / plan.rate());
    }

    private long firstIndexAtOrAfter(long time) {
        long i = (long) Math.ceil((time - start) * plan.rate() / 1e9);
        while (i > 0 && dueTime(i - 1) >= time) {
            i--;
        }
        while (dueTime(i) < time) {
            i++;
        }
        return i;
    }

    private @Nullable OpenLoop outcome() {
        if (!plan.openLoop()) {
            return null;
        }
        long scheduled = measured + notStarted;
        return new OpenLoop(plan.rate(), scheduled, startedLate, maxLag / 1e6, notStarted, maxInFlight);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
