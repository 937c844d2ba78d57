package dev.ferry.samples.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes ({@code 4KiB}, {@code 1MiB}, {@code 1.5GB}) and durations ({@code 30s}, {@code 2m},
 * {@code 1m30s}, {@code 500ms}) as people type them, and back.
 */
final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Units() {
    }

    /**
     * Bytes: a number with an optional unit, B, KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too, as
     * fio and dd read them) or KB, MB, GB, TB (powers of 1000). Case does not matter.
     */
    static long parseSize(String text) {
        String t = text.trim();
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: give a number with an optional unit,"
                    + " such as 4096, 4KiB, 1MiB, 1.5GiB (KB, MB, GB are powers of 1000)");
        }
        long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "ki", "kib" -> 1L << 10;
            case "m", "mi", "mib" -> 1L << 20;
            case "g", "gi", "gib" -> 1L << 30;
            case "t", "ti", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown size unit '" + m.group(2)
                    + "': use B, KiB, MiB, GiB, TiB (or KB, MB, GB, TB for powers of 1000)");
        };
        double value = Double.parseDouble(m.group(1)) * multiplier;
        if (value > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return Math.round(value);
    }

    /** {@code 0 B}, {@code 512 B}, {@code 4 KiB}, {@code 1.5 MiB}: at most one decimal, exact when whole. */
    static String formatSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0 || value == Math.rint(value)) {
            return (long) value + " " + units[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration such as {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 500ms}, {@code 1h}, {@code 0s}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a duration must not be empty: give e.g. 30s, 2m, 1m30s, 500ms");
        }
        if (t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write " + t + "s for seconds (or ms, m, h)");
        }
        Matcher m = DURATION_PART.matcher(t);
        long nanos = 0;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: give e.g. 30s, 2m, 1m30s, 500ms, 1h");
            }
            double value = Double.parseDouble(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Math.round(value * unitNanos);
            at = m.end();
        }
        return Duration.ofNanos(nanos);
    }

    /** {@code 250 ms}, {@code 12.0 s}, {@code 2m05s}. */
    static String formatDuration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** picocli: a size option. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli: a duration option. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
