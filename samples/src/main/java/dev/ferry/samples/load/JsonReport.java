package dev.ferry.samples.load;

import dev.ferry.samples.load.RunResult.Cleanup;
import dev.ferry.samples.load.RunResult.ErrorCount;
import dev.ferry.samples.load.RunResult.Latency;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.OpenLoop;
import dev.ferry.samples.load.RunResult.Sample;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code --json}: the whole result as one JSON document (settings, per-operation summaries with
 * percentile spectra, errors by type, schedule, verification, cleanup, the per-second series).
 * Written by hand: the document is small and flat, and a JSON library is not worth a dependency here.
 */
final class JsonReport {
    private final StringBuilder out = new StringBuilder(16 * 1024);

    private JsonReport() {
    }

    static String render(RunResult r) {
        JsonReport j = new JsonReport();
        j.result(r);
        return j.out.append('\n').toString();
    }

    private void result(RunResult r) {
        out.append("{\n");
        field("tool", "ferry load").append(",\n");
        field("started", r.startedAt().toString()).append(",\n");
        key("settings").append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : r.settings().entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            field(e.getKey(), e.getValue());
        }
        out.append("},\n");
        key("seconds").append(num(r.seconds())).append(",\n");
        key("operations").append("[\n");
        for (int i = 0; i < r.operations().size(); i++) {
            out.append("    ");
            summary(r.operations().get(i));
            out.append(i < r.operations().size() - 1 ? ",\n" : "\n");
        }
        out.append("  ],\n");
        key("total");
        summary(r.total());
        out.append(",\n");
        key("open_loop");
        openLoop(r.openLoop());
        out.append(",\n");
        key("verify");
        if (r.verify() == null) {
            out.append("null");
        } else {
            summary(r.verify());
        }
        out.append(",\n");
        key("cleanup");
        cleanup(r.cleanup());
        out.append(",\n");
        key("series").append("[\n");
        for (int i = 0; i < r.series().size(); i++) {
            Sample s = r.series().get(i);
            out.append("    {");
            field("op", s.op()).append(", ");
            key0("at_s").append(num(s.at())).append(", ");
            key0("interval_s").append(num(s.seconds())).append(", ");
            key0("ops").append(s.ops()).append(", ");
            key0("ops_per_s").append(num(s.opsPerSecond())).append(", ");
            key0("bytes").append(s.bytes()).append(", ");
            key0("mib_per_s").append(num(s.mibPerSecond())).append(", ");
            key0("errors").append(s.errors()).append(", ");
            key0("p50_ms").append(num(s.p50())).append(", ");
            key0("p99_ms").append(num(s.p99())).append(", ");
            key0("max_ms").append(num(s.max())).append('}');
            out.append(i < r.series().size() - 1 ? ",\n" : "\n");
        }
        out.append("  ]\n}");
    }

    private void summary(OpSummary s) {
        out.append('{');
        field("op", s.op()).append(", ");
        key0("count").append(s.count()).append(", ");
        key0("ops_per_s").append(num(s.opsPerSecond())).append(", ");
        key0("bytes").append(s.bytes()).append(", ");
        key0("mib_per_s").append(num(s.mibPerSecond())).append(", ");
        key0("errors").append(s.errors()).append(", ");
        key0("latency_ms");
        latency(s.latency());
        out.append(", ");
        key0("service_time_ms");
        if (s.serviceTime() == null) {
            out.append("null");
        } else {
            latency(s.serviceTime());
        }
        out.append(", ");
        key0("errors_by_type").append('{');
        boolean first = true;
        for (Map.Entry<String, ErrorCount> e : s.errorsByType().entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            key0(e.getKey()).append('{');
            key0("count").append(e.getValue().count()).append(", ");
            field("example", e.getValue().example()).append('}');
        }
        out.append("}}");
    }

    private void latency(Latency l) {
        out.append('{');
        key0("count").append(l.count()).append(", ");
        key0("mean").append(num(l.mean())).append(", ");
        key0("p50").append(num(l.p50())).append(", ");
        key0("p90").append(num(l.p90())).append(", ");
        key0("p99").append(num(l.p99())).append(", ");
        key0("p99_9").append(num(l.p999())).append(", ");
        key0("max").append(num(l.max())).append(", ");
        key0("spectrum").append('[');
        for (int i = 0; i < l.spectrum().size(); i++) {
            double[] point = l.spectrum().get(i);
            out.append(i > 0 ? ", " : "").append('[').append(num(point[0])).append(", ").append(num(point[1])).append(']');
        }
        out.append("]}");
    }

    private void openLoop(@Nullable OpenLoop o) {
        if (o == null) {
            out.append("null");
            return;
        }
        out.append('{');
        key0("target_ops_per_s").append(num(o.targetRate())).append(", ");
        key0("scheduled").append(o.scheduled()).append(", ");
        key0("started_late").append(o.startedLate()).append(", ");
        key0("max_start_lag_ms").append(num(o.maxStartLagMs())).append(", ");
        key0("not_started").append(o.notStarted()).append(", ");
        key0("max_in_flight").append(o.maxInFlight()).append('}');
    }

    private void cleanup(@Nullable Cleanup c) {
        if (c == null) {
            out.append("null");
            return;
        }
        out.append('{');
        key0("kept").append(c.kept()).append(", ");
        key0("deleted").append(c.deleted()).append(", ");
        key0("failed").append(c.failed()).append(", ");
        key0("aborted_uploads").append(c.abortedUploads()).append(", ");
        key0("bucket_deleted").append(c.bucketDeleted()).append(", ");
        key0("first_error");
        if (c.firstError() == null) {
            out.append("null");
        } else {
            string(c.firstError());
        }
        out.append('}');
    }

    private StringBuilder key(String name) {
        out.append("  ");
        return key0(name);
    }

    private StringBuilder key0(String name) {
        string(name);
        return out.append(": ");
    }

    private StringBuilder field(String name, String value) {
        key0(name);
        string(value);
        return out;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Finite numbers only (JSON has no NaN); up to 4 decimals, no trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
