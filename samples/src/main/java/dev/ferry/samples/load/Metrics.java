package dev.ferry.samples.load;

import dev.ferry.samples.load.RunResult.ErrorCount;
import dev.ferry.samples.load.RunResult.Latency;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Records what operations took, per type, while the load runs, and turns it into a time series and
 * totals.
 *
 * <p>Operations record from any thread (event loops included) into HdrHistogram {@link Recorder}s
 * of a fixed range, which are wait-free. (A recorder that grows its range as values come takes a lock
 * to grow: on an event loop that is a blocking call, and under BlockHound it broke the lock and
 * failed the operation being recorded.) Once a second {@link #sample} swaps each recorder's interval
 * histogram out, adds it to the totals and appends a point to the time series; only the sampling
 * thread touches the totals. Latencies are kept in microseconds, with three significant digits, up
 * to an hour; a longer one counts as an hour.
 *
 * <p>Two latencies per operation: the <em>response time</em>, from when the operation should have
 * started to when it ended, and the <em>service time</em>, from when it did start. They are the
 * same in a closed loop. In an open loop an operation that had to wait for a free slot counts its
 * wait in its response time: that is what its caller would have seen, and leaving it out is the
 * coordinated omission that makes an overloaded server look fast.
 */
final class Metrics {
    /** The longest latency told apart, in microseconds. */
    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final boolean openLoop;
    private final Map<OpType, OpStats> stats = new EnumMap<>(OpType.class);
    private final Histogram allTotal = new Histogram(3);
    private final List<Sample> series = new ArrayList<>();
    private volatile long measureStart = Long.MAX_VALUE;
    private long lastSample;
    private long end = Long.MIN_VALUE;
    private @Nullable Progress latest;

    /** The figures of the live progress line: the last interval's rates, the percentiles so far. */
    record Progress(double seconds, double opsPerSecond, double mibPerSecond, double p50, double p99, long ops,
                    long errors) {
    }

    Metrics(Iterable<OpType> ops, boolean openLoop) {
        this.openLoop = openLoop;
        for (OpType op : ops) {
            stats.put(op, new OpStats(openLoop));
        }
    }

    /** Operations meant to start before {@code nanos} are warm-up: they run but are not recorded. */
    void begin(long nanos) {
        synchronized (this) {
            lastSample = nanos;
        }
        measureStart = nanos;
    }

    boolean measuring(long intendedStart) {
        return intendedStart >= measureStart;
    }

    void success(OpType op, long intendedStart, long started, long ended, long bytes) {
        if (!measuring(intendedStart)) {
            return;
        }
        OpStats s = stats.get(op);
        s.response.recordValue(micros(ended - intendedStart));
        if (s.service != null) {
            s.service.recordValue(micros(ended - started));
        }
        s.bytes.add(bytes);
    }

    void failure(OpType op, long intendedStart, Throwable error) {
        if (!measuring(intendedStart)) {
            return;
        }
        OpStats s = stats.get(op);
        s.errors.increment();
        s.errorKinds.computeIfAbsent(ErrorKinds.kind(error), k -> new Tally(ErrorKinds.message(error))).count.increment();
    }

    /**
     * Closes the interval ending at {@code now}: adds it to the totals and the time series.
     * Does nothing during warm-up.
     */
    synchronized void sample(long now) {
        long start = measureStart;
        if (now <= start || now <= lastSample) {
            return;
        }
        double seconds = (now - lastSample) / 1e9;
        double at = (now - start) / 1e9;
        Histogram all = new Histogram(3);
        long allBytes = 0;
        long allErrors = 0;
        for (Map.Entry<OpType, OpStats> e : stats.entrySet()) {
            OpStats s = e.getValue();
            Histogram interval = s.response.getIntervalHistogram();
            s.responseTotal.add(interval);
            if (s.service != null && s.serviceTotal != null) {
                s.serviceTotal.add(s.service.getIntervalHistogram());
            }
            long bytes = s.bytes.sumThenReset();
            long errors = s.errors.sumThenReset();
            s.bytesTotal += bytes;
            s.errorsTotal += errors;
            all.add(interval);
            allBytes += bytes;
            allErrors += errors;
            series.add(point(at, seconds, e.getKey().label(), interval, bytes, errors));
        }
        allTotal.add(all);
        if (stats.size() > 1) {
            series.add(point(at, seconds, "all", all, allBytes, allErrors));
        }
        lastSample = now;
        end = now;
        long totalErrors = stats.values().stream().mapToLong(s -> s.errorsTotal).sum();
        latest = new Progress(at, all.getTotalCount() / seconds, allBytes / seconds / (1 << 20),
                allTotal.getValueAtPercentile(50) / 1000.0, allTotal.getValueAtPercentile(99) / 1000.0,
                allTotal.getTotalCount(), totalErrors);
    }

    private static Sample point(double at, double seconds, String op, Histogram h, long bytes, long errors) {
        boolean any = h.getTotalCount() > 0;
        return new Sample(at, seconds, op, h.getTotalCount(), bytes, errors,
                any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(99) / 1000.0 : 0,
                any ? h.getMaxValue() / 1000.0 : 0);
    }

    synchronized @Nullable Progress latest() {
        return latest;
    }

    /** Seconds from the start of measurement to the last sample. */
    synchronized double measuredSeconds() {
        return end > measureStart ? (end - measureStart) / 1e9 : 0;
    }

    synchronized List<Sample> series() {
        return List.copyOf(series);
    }

    /** Per operation type, in the order of {@link OpType}, for the types the workload ran. */
    synchronized List<OpSummary> summaries() {
        double seconds = measuredSeconds();
        List<OpSummary> out = new ArrayList<>();
        stats.forEach((op, s) -> out.add(new OpSummary(op.label(), s.responseTotal.getTotalCount(), s.bytesTotal,
                s.errorsTotal, seconds, Latency.of(s.responseTotal),
                s.serviceTotal != null ? Latency.of(s.serviceTotal) : null, s.errorCounts())));
        return out;
    }

    /** All operation types together. */
    synchronized OpSummary total() {
        double seconds = measuredSeconds();
        Map<String, ErrorCount> errors = new LinkedHashMap<>();
        long bytes = 0;
        long errorCount = 0;
        Histogram service = openLoop ? new Histogram(3) : null;
        for (Map.Entry<OpType, OpStats> e : stats.entrySet()) {
            OpStats s = e.getValue();
            bytes += s.bytesTotal;
            errorCount += s.errorsTotal;
            if (service != null && s.serviceTotal != null) {
                service.add(s.serviceTotal);
            }
            s.errorCounts().forEach((kind, c) -> errors.merge(e.getKey().label() + ": " + kind, c,
                    (a, b) -> new ErrorCount(a.count() + b.count(), a.example())));
        }
        return new OpSummary("total", allTotal.getTotalCount(), bytes, errorCount, seconds, Latency.of(allTotal),
                service != null ? Latency.of(service) : null, errors);
    }

    private static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(0, nanos) / 1000);
    }

    private static Recorder recorder() {
        return new Recorder(1, MAX_MICROS, 3);
    }

    private static final class OpStats {
        final Recorder response = recorder();
        final @Nullable Recorder service;
        final LongAdder bytes = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, Tally> errorKinds = new ConcurrentHashMap<>();
        final Histogram responseTotal = new Histogram(3);
        final @Nullable Histogram serviceTotal;
        long bytesTotal;
        long errorsTotal;

        OpStats(boolean openLoop) {
            this.service = openLoop ? recorder() : null;
            this.serviceTotal = openLoop ? new Histogram(3) : null;
        }

        Map<String, ErrorCount> errorCounts() {
            Map<String, ErrorCount> out = new LinkedHashMap<>();
            errorKinds.entrySet().stream()
                    .sorted(Collections.reverseOrder(Map.Entry.comparingByValue(
                            java.util.Comparator.comparingLong(t -> t.count.sum()))))
                    .forEach(e -> out.put(e.getKey(), new ErrorCount(e.getValue().count.sum(), e.getValue().example)));
            return out;
        }
    }

    private static final class Tally {
        final LongAdder count = new LongAdder();
        final String example;

        Tally(String example) {
            this.example = example;
        }
    }
}
