package dev.ferry.samples.load;

import dev.ferry.samples.load.RunResult.Latency;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.Sample;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --csv}: one table a spreadsheet opens as is. Rows of kind {@code second} are the time series
 * (one per operation type per interval, and {@code all} when the workload mixes types); rows of kind
 * {@code total} are the summary, with {@code at_s} the measured time. Latencies are of successful
 * operations, in milliseconds; percentiles a row does not have are left empty.
 */
final class CsvReport {
    static final String HEADER = "kind,at_s,interval_s,op,ops,ops_per_s,bytes,mib_per_s,errors,"
            + "p50_ms,p90_ms,p99_ms,p999_ms,max_ms,mean_ms";

    private CsvReport() {
    }

    static String render(RunResult r) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Sample s : r.series()) {
            row(out, "second", s.at(), s.seconds(), s.op(), s.ops(), s.opsPerSecond(), s.bytes(), s.mibPerSecond(),
                    s.errors(), s.p50(), null, s.p99(), null, s.max(), null);
        }
        List<OpSummary> totals = new ArrayList<>(r.operations());
        totals.add(r.total());
        if (r.verify() != null) {
            totals.add(r.verify());
        }
        for (OpSummary s : totals) {
            Latency l = s.latency();
            boolean any = l.count() > 0;
            row(out, "total", s.seconds(), s.seconds(), s.op(), s.count(), s.opsPerSecond(), s.bytes(), s.mibPerSecond(),
                    s.errors(), any ? l.p50() : null, any ? l.p90() : null, any ? l.p99() : null, any ? l.p999() : null,
                    any ? l.max() : null, any ? l.mean() : null);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String kind, double at, double interval, String op, long ops,
                            double opsPerSecond, long bytes, double mibPerSecond, long errors, @Nullable Double p50,
                            @Nullable Double p90, @Nullable Double p99, @Nullable Double p999, @Nullable Double max,
                            @Nullable Double mean) {
        out.append(kind).append(',').append(JsonReport.num(at)).append(',').append(JsonReport.num(interval)).append(',')
                .append(op).append(',').append(ops).append(',').append(JsonReport.num(opsPerSecond)).append(',')
                .append(bytes).append(',').append(JsonReport.num(mibPerSecond)).append(',').append(errors);
        for (@Nullable Double v : new @Nullable Double[] {p50, p90, p99, p999, max, mean}) {
            out.append(',');
            if (v != null) {
                out.append(JsonReport.num(v));
            }
        }
        out.append('\n');
    }
}
