package dev.ferry.samples.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * A line chart as inline SVG: axes with round-number ticks (linear, or logarithmic for latencies
 * that span decades), one line per series with a dot per point, a legend, and the exact value of
 * every point in a tooltip. Drawn here rather than by a charting script so that a report opens
 * anywhere, offline, with scripts disabled.
 */
final class SvgChart {
    /** One line. A NaN y leaves a gap. */
    record Series(String name, String color, double[] xs, double[] ys, boolean dashed) {
    }

    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 62;
    private static final int LEGEND_ROW = 18;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private DoubleFunction<String> xFormat = SvgChart::tick;
    private double @Nullable [] xTicks;
    private boolean xFromZero;

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    /** A logarithmic y axis, chosen when the values span more than {@code ratio}. */
    SvgChart logYIfSpanExceeds(double ratio) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Series s : series) {
            for (double y : s.ys()) {
                if (y > 0 && Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        logY = max > 0 && max / min > ratio;
        return this;
    }

    /** The x axis starts at 0 (time since the start) whatever the first point. */
    SvgChart xFromZero() {
        this.xFromZero = true;
        return this;
    }

    /** Fixed x ticks with their own labels (the percentile chart's 90, 99, 99.9...). */
    SvgChart xTicks(double[] ticks, DoubleFunction<String> format) {
        this.xTicks = ticks;
        this.xFormat = format;
        return this;
    }

    /**
     * @param width the drawing's width
     * @param plotHeight the height without the legend, which wraps onto as many rows as it needs below
     */
    String render(int width, int plotHeight) {
        int rows = 1;
        int at = LEFT;
        for (Series s : series) {
            int w = legendWidth(s);
            if (at + w > width - RIGHT && at > LEFT) {
                rows++;
                at = LEFT;
            }
            at += w;
        }
        int height = plotHeight + LEGEND_ROW * (rows - 1);
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                double y = s.ys()[i];
                if (!Double.isFinite(y) || (logY && y <= 0)) {
                    continue;
                }
                xMin = Math.min(xMin, s.xs()[i]);
                xMax = Math.max(xMax, s.xs()[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n", width, height, width, height, esc(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" class=\"title\">%s</text>%n", LEFT, esc(title)));
        if (xMin == Double.MAX_VALUE) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"empty\">no data</text>%n</svg>%n",
                    width / 2 - 30, height / 2));
            return svg.toString();
        }
        double[] xt;
        if (xTicks != null) {
            xMin = Math.min(xMin, xTicks[0]);
            xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
            xt = xTicks;
        } else {
            Axis x = Axis.linear(xFromZero ? Math.min(0, xMin) : xMin, xMax);
            xMin = x.min;
            xMax = x.max;
            xt = x.ticks;
        }
        Axis y = logY ? Axis.log(yMin, yMax) : Axis.linear(Math.min(0, yMin), yMax);
        int plotW = width - LEFT - RIGHT;
        int plotH = plotHeight - TOP - BOTTOM;
        double fxMin = xMin;
        double fxMax = xMax;
        DoubleFunction<Double> px = x -> LEFT + (x - fxMin) / (fxMax - fxMin) * plotW;
        DoubleFunction<Double> py = v -> TOP + plotH - y.position(v) * plotH;

        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double t : y.ticks) {
            double yy = py.apply(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"ytick\">%s</text>%n", LEFT, LEFT + plotW, yy, yy, LEFT - 6, yy + 4, tick(t)));
        }
        for (double t : xt) {
            if (t < xMin || t > xMax) {
                continue;
            }
            double xx = px.apply(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"xtick\">%s</text>%n", xx, xx, TOP, TOP + plotH, xx, TOP + plotH + 16,
                    esc(xFormat.apply(t))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"xlabel\">%s</text>%n",
                LEFT + plotW / 2, TOP + plotH + 34, esc(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"ylabel\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, esc(yLabel + (logY ? " (log scale)" : ""))));

        int legendX = LEFT;
        int legendY = plotHeight - 12;
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.xs().length; i++) {
                double v = s.ys()[i];
                if (!Double.isFinite(v) || (logY && v <= 0)) {
                    pen = false;
                    continue;
                }
                double xx = px.apply(s.xs()[i]);
                double yy = py.apply(v);
                path.append(pen ? " L" : (path.length() > 0 ? " M" : "M")).append(String.format(Locale.ROOT, "%.1f %.1f", xx, yy));
                pen = true;
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %s at %s</title></circle>",
                        xx, yy, s.color(), esc(s.name()), tick(v), esc(xFormat.apply(s.xs()[i]))));
            }
            svg.append(String.format(Locale.ROOT, "<g class=\"series\"><path d=\"%s\" stroke=\"%s\" fill=\"none\" stroke-width=\"2\"%s/>%s</g>%n",
                    path, s.color(), s.dashed() ? " stroke-dasharray=\"6 4\"" : "", dots));
            if (legendX + legendWidth(s) > width - RIGHT && legendX > LEFT) {
                legendX = LEFT;
                legendY += LEGEND_ROW;
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>%n", legendX, legendX + 18, legendY - 4, legendY - 4, s.color(),
                    s.dashed() ? " stroke-dasharray=\"6 4\"" : "", legendX + 22, legendY, esc(s.name())));
            legendX += legendWidth(s);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int legendWidth(Series s) {
        return 30 + 7 * s.name().length();
    }

    /** Where values sit on an axis (0..1 of its length) and which round values get a tick. */
    private static final class Axis {
        final double min;
        final double max;
        final boolean log;
        final double[] ticks;

        private Axis(double min, double max, boolean log, double[] ticks) {
            this.min = min;
            this.max = max;
            this.log = log;
            this.ticks = ticks;
        }

        static Axis linear(double min, double max) {
            if (max <= min) {
                max = min + (min == 0 ? 1 : Math.abs(min));
            }
            double step = nice((max - min) / 5);
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (double t = lo; t <= hi + step / 2; t += step) {
                ticks.add(Math.abs(t) < step / 1e6 ? 0 : t);
            }
            return new Axis(lo, hi, false, ticks.stream().mapToDouble(Double::doubleValue).toArray());
        }

        static Axis log(double min, double max) {
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            if (hi <= lo) {
                hi = lo * 10;
            }
            int decades = (int) Math.round(Math.log10(hi / lo));
            List<Double> ticks = new ArrayList<>();
            for (double t = lo; t <= hi * 1.0001; t *= 10) {
                ticks.add(t);
                if (decades <= 2 && t * 10 <= hi * 1.0001) {
                    ticks.add(t * 2);
                    ticks.add(t * 5);
                }
            }
            return new Axis(lo, hi, true, ticks.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double position(double v) {
            if (log) {
                return (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return (v - min) / (max - min);
        }

        /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
        private static double nice(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }

    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1) {
            return trim(String.format(Locale.ROOT, "%.2f", v));
        }
        return trim(String.format(Locale.ROOT, "%.4f", v));
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
