package dev.ferry.samples.load;

import static dev.ferry.samples.load.SvgChart.esc;

import dev.ferry.samples.load.RunResult.Cleanup;
import dev.ferry.samples.load.RunResult.ErrorCount;
import dev.ferry.samples.load.RunResult.Latency;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.OpenLoop;
import dev.ferry.samples.load.RunResult.Sample;
import dev.ferry.samples.load.SvgChart.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code --html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the
 * summary, throughput and latency over time, latency by percentile, errors and the run's settings.
 * The markup is also well-formed XML (void elements closed, numeric entities), so a test, or any
 * tool, can parse and check it without an HTML parser.
 */
final class HtmlReport {
    private static final Map<String, String> COLORS = Map.of(
            "put", "#1f77b4", "get", "#2ca02c", "head", "#9467bd", "delete", "#d62728",
            "list", "#8c564b", "multipart", "#ff7f0e", "all", "#444444", "total", "#444444");
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .sub{color:#666;margin:0 0 16px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
            .card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}
            .card .v{font-size:22px;font-weight:600}.card .k{color:#666;font-size:12px}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}
            th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}
            th:first-child,td:first-child{text-align:left}
            th{background:#f6f6f6}
            th.l,td.l{text-align:left}
            .bad{color:#b00020;font-weight:600}.ok{color:#1b7f3b;font-weight:600}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px}
            svg.chart{width:100%;height:auto;border:1px solid #eee;border-radius:6px;background:#fff}
            svg .title{font-size:14px;font-weight:600;fill:#222}
            svg .plot{fill:#fcfcfc;stroke:#ccc}
            svg .grid{stroke:#e6e6e6}
            svg .xtick{font-size:11px;fill:#555;text-anchor:middle}
            svg .ytick{font-size:11px;fill:#555;text-anchor:end}
            svg .xlabel,svg .ylabel{font-size:12px;fill:#333;text-anchor:middle}
            svg .legend{font-size:12px;fill:#333}
            svg .empty{font-size:14px;fill:#999}
            .note{color:#555;font-size:13px}
            """;

    private HtmlReport() {
    }

    static String render(RunResult r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        OpSummary total = r.total();
        boolean open = r.openLoop() != null;
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Ferry load report: ").append(esc(r.settings().getOrDefault("workload", ""))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Ferry load report</h1>\n<p class=\"sub\">")
                .append(esc(r.settings().getOrDefault("workload", ""))).append(" &#183; ")
                .append(esc(r.settings().getOrDefault("size", ""))).append(" &#183; ")
                .append(esc(r.settings().getOrDefault("loop", ""))).append(" &#183; started ")
                .append(esc(r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())).append(" &#183; target ")
                .append(esc(r.settings().getOrDefault("target", ""))).append("</p>\n");

        h.append("<div class=\"cards\">\n");
        card(h, TextReport.num(total.opsPerSecond()), "operations / s");
        card(h, TextReport.num(total.mibPerSecond()), "MiB / s");
        card(h, TextReport.ms(total.latency().p50()) + " ms", "p50 latency");
        card(h, TextReport.ms(total.latency().p99()) + " ms", "p99 latency");
        card(h, String.format(Locale.ROOT, "%.1f s", r.seconds()), "measured");
        card(h, "<span class=\"" + (total.errors() > 0 ? "bad" : "ok") + "\">" + total.errors() + "</span>", "errors");
        if (r.verify() != null) {
            long failed = r.verify().errors();
            card(h, "<span class=\"" + (failed > 0 ? "bad" : "ok") + "\">" + (failed > 0 ? failed + " failed" : "all good")
                    + "</span>", (r.verify().count() + failed) + " objects verified");
        }
        h.append("</div>\n");

        List<OpSummary> rows = new ArrayList<>(r.operations());
        if (rows.size() > 1) {
            rows.add(total);
        }
        h.append("<h2>Summary</h2>\n");
        if (open) {
            h.append("<p class=\"note\">Open loop: latency is response time, measured from when each operation was"
                    + " scheduled to start, so waiting for a free slot counts (no coordinated omission).</p>\n");
        }
        table(h, rows, OpSummary::latency);
        if (open) {
            h.append("<p class=\"note\">Service time, from when each operation actually started:</p>\n");
            table(h, rows, s -> s.serviceTime() != null ? s.serviceTime() : s.latency());
            OpenLoop o = r.openLoop();
            h.append("<p class=\"note\">Schedule: target ").append(TextReport.num(o.targetRate())).append(" ops/s; ")
                    .append(o.scheduled()).append(" operations due, ").append(o.startedLate())
                    .append(" started more than 1 ms late (at most ").append(TextReport.ms(o.maxStartLagMs()))
                    .append(" ms; at most ").append(o.maxInFlight()).append(" in flight), ").append(o.notStarted())
                    .append(" never started before the end.</p>\n");
        }

        h.append("<h2>Over time</h2>\n<div class=\"charts\">\n");
        h.append(throughputChart(r)).append(bandwidthChart(r)).append(latencyChart(r)).append(percentileChart(r, open));
        h.append("</div>\n");

        h.append("<h2>Errors</h2>\n");
        errors(h, total.errorsByType());
        if (r.verify() != null) {
            OpSummary v = r.verify();
            h.append("<h2>Verification</h2>\n<p>").append(v.count() + v.errors())
                    .append(" objects were read back and compared byte for byte with the content their seed gives: ")
                    .append(v.errors() > 0 ? "<span class=\"bad\">" + v.errors() + " failed</span>" : "<span class=\"ok\">all matched</span>")
                    .append(".</p>\n");
            if (v.errors() > 0) {
                errors(h, v.errorsByType());
            }
        }
        Cleanup c = r.cleanup();
        if (c != null) {
            h.append("<h2>Cleanup</h2>\n<p>");
            if (c.kept()) {
                h.append("Objects kept (--keep).");
            } else {
                h.append("Deleted ").append(c.deleted()).append(" objects");
                if (c.failed() > 0) {
                    h.append(", <span class=\"bad\">").append(c.failed()).append(" could not be deleted</span>");
                }
                if (c.abortedUploads() > 0) {
                    h.append(", aborted ").append(c.abortedUploads()).append(" uploads");
                }
                if (c.bucketDeleted()) {
                    h.append(", removed the bucket");
                }
                h.append('.');
                if (c.firstError() != null) {
                    h.append(" First error: ").append(esc(c.firstError()));
                }
            }
            h.append("</p>\n");
        }

        h.append("<h2>Settings</h2>\n<table>\n");
        r.settings().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td class=\"l\">").append(esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String valueHtml, String label) {
        h.append("<div class=\"card\"><div class=\"v\">").append(valueHtml).append("</div><div class=\"k\">")
                .append(esc(label)).append("</div></div>\n");
    }

    private static void table(StringBuilder h, List<OpSummary> rows, Function<OpSummary, Latency> latency) {
        h.append("<table>\n<tr><th>operation</th><th>count</th><th>ops/s</th><th>MiB/s</th><th>mean ms</th><th>p50 ms</th>"
                + "<th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th></tr>\n");
        for (OpSummary s : rows) {
            Latency l = latency.apply(s);
            boolean any = l.count() > 0;
            h.append("<tr><td>").append(esc(s.op())).append("</td><td>").append(s.count()).append("</td><td>")
                    .append(TextReport.num(s.opsPerSecond())).append("</td><td>").append(TextReport.num(s.mibPerSecond()));
            for (double v : new double[] {l.mean(), l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
                h.append("</td><td>").append(any ? TextReport.ms(v) : "-");
            }
            h.append("</td><td").append(s.errors() > 0 ? " class=\"bad\"" : "").append('>').append(s.errors())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void errors(StringBuilder h, Map<String, ErrorCount> errors) {
        if (errors.isEmpty()) {
            h.append("<p class=\"ok\">None.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>kind</th><th>count</th><th class=\"l\">example</th></tr>\n");
        errors.forEach((kind, c) -> h.append("<tr><td>").append(esc(kind)).append("</td><td class=\"bad\">").append(c.count())
                .append("</td><td class=\"l\">").append(esc(TextReport.abbreviate(c.example(), 300))).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    /**
     * The series by operation, in the order they first appear, "all" last. Intervals shorter than half
     * a second (the tail while the last operations end) are left out of the charts, where their few
     * operations would draw as a cliff or a spike, unless there is nothing else to draw; the JSON and
     * CSV keep them, and the totals count them.
     */
    private static Map<String, List<Sample>> byOp(RunResult r) {
        boolean anyFull = r.series().stream().anyMatch(s -> s.seconds() >= 0.5);
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        for (Sample s : r.series()) {
            if (!anyFull || s.seconds() >= 0.5) {
                out.computeIfAbsent(s.op(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Sample> all = out.remove("all");
        if (all != null) {
            out.put("all", all);
        }
        return out;
    }

    private static Series line(String name, String op, List<Sample> samples, ToDoubleFunction<Sample> y, boolean dashed) {
        double[] xs = samples.stream().mapToDouble(Sample::at).toArray();
        double[] ys = samples.stream().mapToDouble(y).toArray();
        return new Series(name, COLORS.getOrDefault(op, "#17becf"), xs, ys, dashed);
    }

    private static String throughputChart(RunResult r) {
        SvgChart chart = new SvgChart("Throughput", "seconds", "operations / s").xFromZero();
        byOp(r).forEach((op, samples) -> chart.add(line(op, op, samples, Sample::opsPerSecond, false)));
        return chart.render(580, 320);
    }

    private static String bandwidthChart(RunResult r) {
        SvgChart chart = new SvgChart("Bandwidth", "seconds", "MiB / s").xFromZero();
        byOp(r).forEach((op, samples) -> {
            if (samples.stream().anyMatch(s -> s.bytes() > 0)) {
                chart.add(line(op, op, samples, Sample::mibPerSecond, false));
            }
        });
        return chart.render(580, 320);
    }

    private static String latencyChart(RunResult r) {
        SvgChart chart = new SvgChart("Latency over time (p99 solid, p50 dashed)", "seconds", "milliseconds").xFromZero();
        byOp(r).forEach((op, samples) -> {
            if (!op.equals("all")) {
                List<Sample> withOps = samples.stream().filter(s -> s.ops() > 0).toList();
                chart.add(line(op + " p99", op, withOps, Sample::p99, false));
                chart.add(line(op + " p50", op, withOps, Sample::p50, true));
            }
        });
        return chart.logYIfSpanExceeds(30).render(580, 320);
    }

    /** Latency against percentile on a "nines" scale: 90, 99, 99.9, 99.99 equally spaced, then the maximum. */
    private static String percentileChart(RunResult r, boolean open) {
        SvgChart chart = new SvgChart(open ? "Latency by percentile (response solid, service dashed)" : "Latency by percentile",
                "percentile", "milliseconds");
        for (OpSummary s : r.operations()) {
            addSpectrum(chart, s.op(), s.op(), s.latency(), false);
            if (open && s.serviceTime() != null) {
                addSpectrum(chart, s.op() + " service", s.op(), s.serviceTime(), true);
            }
        }
        double[] ticks = {0, 1, 2, 3, 4, 4.5};
        return chart.logYIfSpanExceeds(30).xTicks(ticks, x -> x >= 4.5 ? "max" : SvgChart.tick(100 * (1 - Math.pow(10, -x))))
                .render(580, 320);
    }

    private static void addSpectrum(SvgChart chart, String name, String op, Latency l, boolean dashed) {
        if (l.count() == 0) {
            return;
        }
        double[] xs = new double[l.spectrum().size()];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double p = l.spectrum().get(i)[0];
            xs[i] = p >= 100 ? 4.5 : Math.min(4, -Math.log10(1 - p / 100));
            ys[i] = l.spectrum().get(i)[1];
        }
        chart.add(new Series(name, COLORS.getOrDefault(op, "#17becf"), xs, ys, dashed));
    }
}
