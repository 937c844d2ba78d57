package dev.ferry.samples.load;

import dev.ferry.samples.load.RunResult.Cleanup;
import dev.ferry.samples.load.RunResult.ErrorCount;
import dev.ferry.samples.load.RunResult.Latency;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.OpenLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The summary printed at the end of a run: one row per operation, then errors, schedule, verification, cleanup. */
final class TextReport {
    private TextReport() {
    }

    static void print(RunResult r, PrintStream out) {
        out.println();
        boolean open = r.openLoop() != null;
        out.printf(Locale.ROOT, "Measured %.1f s.%s%n", r.seconds(),
                open ? " Latency is response time: from when each operation was scheduled to start (open loop)." : "");
        List<OpSummary> rows = new ArrayList<>(r.operations());
        if (rows.size() > 1) {
            rows.add(r.total());
        }
        table(out, rows, OpSummary::latency);
        if (open) {
            out.println();
            out.println("Service time (from when each operation actually started):");
            table(out, rows, s -> s.serviceTime() != null ? s.serviceTime() : s.latency());
            OpenLoop o = r.openLoop();
            out.printf(Locale.ROOT, "%nSchedule: target %s ops/s; %d operations due, %d started more than 1 ms late"
                            + " (at most %s ms; at most %d in flight), %d never started before the end.%n",
                    num(o.targetRate()), o.scheduled(), o.startedLate(), ms(o.maxStartLagMs()), o.maxInFlight(), o.notStarted());
        }
        errors(out, r.total().errorsByType(), "Errors");
        if (r.verify() != null) {
            OpSummary v = r.verify();
            out.printf(Locale.ROOT, "%nVerify: %d objects read back and compared with what was written, %d failed.%n",
                    v.count() + v.errors(), v.errors());
            errors(out, v.errorsByType(), "Verification errors");
        }
        Cleanup c = r.cleanup();
        if (c != null) {
            if (c.kept()) {
                out.printf("%nKept the run's objects (--keep): %s%n", r.settings().getOrDefault("objects at", ""));
            } else {
                out.printf("%nCleanup: deleted %d objects%s%s%s.%n", c.deleted(),
                        c.failed() > 0 ? ", " + c.failed() + " could not be deleted" : "",
                        c.abortedUploads() > 0 ? ", aborted " + c.abortedUploads() + " uploads" : "",
                        c.bucketDeleted() ? ", removed bucket " + r.settings().get("bucket") : "");
                if (c.firstError() != null) {
                    out.println("  first cleanup error: " + c.firstError());
                }
            }
        }
    }

    private static void table(PrintStream out, List<OpSummary> rows, Function<OpSummary, Latency> latency) {
        out.printf("%-10s %9s %10s %9s %9s %9s %9s %9s %9s %8s%n",
                "operation", "count", "ops/s", "MiB/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        for (OpSummary s : rows) {
            Latency l = latency.apply(s);
            boolean any = l.count() > 0;
            out.printf(Locale.ROOT, "%-10s %9d %10s %9s %9s %9s %9s %9s %9s %8d%n", s.op(), s.count(), num(s.opsPerSecond()),
                    num(s.mibPerSecond()), any ? ms(l.p50()) : "-", any ? ms(l.p90()) : "-", any ? ms(l.p99()) : "-",
                    any ? ms(l.p999()) : "-", any ? ms(l.max()) : "-", s.errors());
        }
    }

    private static void errors(PrintStream out, Map<String, ErrorCount> errors, String title) {
        if (errors.isEmpty()) {
            return;
        }
        out.printf("%n%s by type:%n", title);
        errors.forEach((kind, c) -> out.printf("  %7d  %s%n           e.g. %s%n", c.count(), kind, abbreviate(c.example(), 200)));
    }

    /** Milliseconds with three significant digits or so: 0.412, 3.21, 45.6, 1234. */
    static String ms(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    /** A rate: 0.50, 12.3, 1234. */
    static String num(double v) {
        if (v < 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (v < 1000) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
