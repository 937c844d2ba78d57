package dev.ferry.samples.load;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Everything a finished run measured, in the form every report (terminal, JSON, CSV, HTML) reads.
 * Times are in milliseconds and rates per second unless a name says otherwise.
 */
record RunResult(
        Map<String, String> settings,
        Instant startedAt,
        double seconds,
        List<OpSummary> operations,
        OpSummary total,
        List<Sample> series,
        @Nullable OpenLoop openLoop,
        @Nullable OpSummary verify,
        @Nullable Cleanup cleanup) {

    /** What one operation type did over the measured window. Latencies are of successful operations. */
    record OpSummary(String op, long count, long bytes, long errors, double seconds, Latency latency,
                     @Nullable Latency serviceTime, Map<String, ErrorCount> errorsByType) {
        double opsPerSecond() {
            return seconds > 0 ? count / seconds : 0;
        }

        double mibPerSecond() {
            return seconds > 0 ? bytes / seconds / (1 << 20) : 0;
        }
    }

    /** How often one kind of error happened, with one message as an example. */
    record ErrorCount(long count, String example) {
    }

    /**
     * Latency percentiles in milliseconds, and the whole percentile spectrum for plotting.
     *
     * @param spectrum pairs of (percentile, milliseconds) from 0 to 100
     */
    record Latency(long count, double mean, double p50, double p90, double p99, double p999, double max,
                   List<double[]> spectrum) {
        static final double[] SPECTRUM = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 99, 99.5, 99.9,
                99.95, 99.99, 100};

        /** From a histogram of microseconds. */
        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0, List.of());
            }
            List<double[]> spectrum = new java.util.ArrayList<>();
            for (double p : SPECTRUM) {
                spectrum.add(new double[] {p, ms(micros.getValueAtPercentile(p))});
            }
            return new Latency(micros.getTotalCount(), micros.getMean() / 1000.0, ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), List.copyOf(spectrum));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    /**
     * One operation type (or {@code all}) over one interval of the time series, usually a second.
     *
     * @param at seconds from the start of measurement to the end of the interval
     * @param seconds the interval's length (the last one is usually shorter)
     */
    record Sample(double at, double seconds, String op, long ops, long bytes, long errors, double p50, double p99,
                  double max) {
        double opsPerSecond() {
            return seconds > 0 ? ops / seconds : 0;
        }

        double mibPerSecond() {
            return seconds > 0 ? bytes / seconds / (1 << 20) : 0;
        }
    }

    /**
     * How an open-loop run kept to its schedule.
     *
     * @param startedLate operations that started more than 1 ms after their scheduled time because
     *                    the cap on requests in flight was reached (their wait is in their latency)
     * @param notStarted operations scheduled within the run that never started: the run ended first
     */
    record OpenLoop(double targetRate, long scheduled, long startedLate, double maxStartLagMs, long notStarted,
                    int maxInFlight) {
    }

    /** What cleanup removed, or that the objects were kept. */
    record Cleanup(boolean kept, long deleted, long failed, long abortedUploads, boolean bucketDeleted,
                   @Nullable String firstError) {
    }
}
