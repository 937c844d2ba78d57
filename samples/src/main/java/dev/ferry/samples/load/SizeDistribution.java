package dev.ferry.samples.load;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How big each object is: fixed, uniform over a range, or log-normal (most objects near the median,
 * a long tail of large ones, as object stores see in practice). An object's size is a function of
 * the seed and its number, so a run can be repeated and a read-back knows what length to expect.
 *
 * <pre>
 * 1MiB                          every object 1 MiB
 * uniform:4KiB:1MiB             uniformly 4 KiB to 1 MiB, both included
 * lognormal:64KiB               log-normal, median 64 KiB, sigma 1 (mean 1.65 x median), at most 64 x median
 * lognormal:64KiB:0.5:4MiB      median 64 KiB, sigma 0.5, at most 4 MiB
 * </pre>
 */
sealed interface SizeDistribution {

    long sizeFor(long seed, long objectIndex);

    long min();

    long max();

    /** For the run's summary: {@code 1 MiB}, {@code uniform 4 KiB..1 MiB}. */
    String describe();

    record Fixed(long size) implements SizeDistribution {
        @Override
        public long sizeFor(long seed, long objectIndex) {
            return size;
        }

        @Override
        public long min() {
            return size;
        }

        @Override
        public long max() {
            return size;
        }

        @Override
        public String describe() {
            return Units.formatSize(size);
        }
    }

    record Uniform(long min, long max) implements SizeDistribution {
        @Override
        public long sizeFor(long seed, long objectIndex) {
            return min + (long) (Seeds.unit(seed, Seeds.SIZE, objectIndex) * (max - min + 1));
        }

        @Override
        public String describe() {
            return "uniform " + Units.formatSize(min) + ".." + Units.formatSize(max);
        }
    }

    /** {@code median * exp(sigma * z)}, z standard normal (Box-Muller from two seeded uniforms), clamped to 1..max. */
    record LogNormal(long median, double sigma, long max) implements SizeDistribution {
        @Override
        public long sizeFor(long seed, long objectIndex) {
            double u1 = Seeds.unit(seed, Seeds.SIZE, 2 * objectIndex);
            double u2 = Seeds.unit(seed, Seeds.SIZE, 2 * objectIndex + 1);
            double z = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
            long size = Math.round(median * Math.exp(sigma * z));
            return Math.max(1, Math.min(max, size));
        }

        @Override
        public long min() {
            return 1;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "log-normal, median %s, sigma %s, at most %s", Units.formatSize(median),
                    sigma, Units.formatSize(max));
        }
    }

    static SizeDistribution parse(String text) {
        String t = text.trim();
        String[] parts = t.split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        if (kind.equals("uniform")) {
            if (parts.length != 3) {
                throw new IllegalArgumentException("'" + text + "': a uniform size is uniform:MIN:MAX, e.g. uniform:4KiB:1MiB");
            }
            long min = Units.parseSize(parts[1]);
            long max = Units.parseSize(parts[2]);
            if (min > max) {
                throw new IllegalArgumentException("'" + text + "': the smallest size (" + Units.formatSize(min)
                        + ") is larger than the largest (" + Units.formatSize(max) + ")");
            }
            return new Uniform(min, max);
        }
        if (kind.equals("lognormal")) {
            if (parts.length < 2 || parts.length > 4) {
                throw new IllegalArgumentException("'" + text + "': a log-normal size is lognormal:MEDIAN[:SIGMA[:MAX]],"
                        + " e.g. lognormal:64KiB or lognormal:64KiB:0.5:4MiB");
            }
            long median = Units.parseSize(parts[1]);
            if (median < 1) {
                throw new IllegalArgumentException("'" + text + "': the median size must be at least 1 byte");
            }
            double sigma = 1.0;
            if (parts.length > 2) {
                try {
                    sigma = Double.parseDouble(parts[2]);
                } catch (NumberFormatException e) {
                    sigma = -1;
                }
                if (!(sigma > 0 && sigma <= 4)) {
                    throw new IllegalArgumentException("'" + text + "': sigma must be a number above 0 and at most 4, was '"
                            + parts[2] + "'");
                }
            }
            long max = parts.length > 3 ? Units.parseSize(parts[3]) : median * 64;
            if (max < median) {
                throw new IllegalArgumentException("'" + text + "': the largest size (" + Units.formatSize(max)
                        + ") is below the median (" + Units.formatSize(median) + ")");
            }
            return new LogNormal(median, sigma, max);
        }
        if (parts.length != 1) {
            throw new IllegalArgumentException("'" + text + "' is not an object size: give a size (1MiB),"
                    + " uniform:MIN:MAX or lognormal:MEDIAN[:SIGMA[:MAX]]");
        }
        return new Fixed(Units.parseSize(t));
    }

    /** picocli: the {@code --size} option. */
    final class Converter implements ITypeConverter<SizeDistribution> {
        @Override
        public SizeDistribution convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
