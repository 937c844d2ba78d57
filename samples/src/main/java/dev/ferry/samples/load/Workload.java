package dev.ferry.samples.load;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Which operations a run issues, with weights: {@code put}, or a mix such as
 * {@code put=3,get=6,delete=1} (three puts, six gets and one delete in every ten operations, on
 * average). Operation number {@code i} always gets the same type for the same seed.
 */
record Workload(Map<OpType, Integer> weights) {
    static final String DEFAULT_MIX = "put=3,get=6,delete=1";
    private static final List<OpType> CHOICES = List.of(OpType.PUT, OpType.GET, OpType.HEAD, OpType.DELETE,
            OpType.LIST, OpType.MULTIPART);

    Workload {
        EnumMap<OpType, Integer> copy = new EnumMap<>(OpType.class);
        weights.forEach((op, w) -> {
            if (w > 0) {
                copy.put(op, w);
            }
        });
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one operation with a weight above 0");
        }
        weights = java.util.Collections.unmodifiableMap(copy);
    }

    static Workload of(OpType op) {
        return new Workload(Map.of(op, 1));
    }

    static Workload parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("mix")) {
            t = DEFAULT_MIX;
        }
        if (!t.contains("=")) {
            return of(op(t, text));
        }
        EnumMap<OpType, Integer> weights = new EnumMap<>(OpType.class);
        for (String item : t.split(",")) {
            String[] kv = item.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("'" + text + "' is not a workload mix: write op=weight pairs separated"
                        + " by commas, e.g. put=3,get=6,delete=1");
            }
            OpType op = op(kv[0].trim(), text);
            int weight;
            try {
                weight = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (weight < 0) {
                throw new IllegalArgumentException("'" + text + "': the weight of " + op.label()
                        + " must be a whole number of 0 or more, was '" + kv[1].trim() + "'");
            }
            if (weights.put(op, weight) != null) {
                throw new IllegalArgumentException("'" + text + "' gives " + op.label() + " twice");
            }
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("'" + text + "': every weight is 0; give at least one operation a weight above 0");
        }
        return new Workload(weights);
    }

    private static OpType op(String name, String text) {
        for (OpType op : CHOICES) {
            if (op.label().equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("'" + name + "' in workload '" + text + "' is not an operation: use "
                + CHOICES.stream().map(OpType::label).collect(Collectors.joining(", "))
                + ", mix, or weights like " + DEFAULT_MIX);
    }

    /** The type of operation number {@code index}: a seeded draw weighted by the mix. */
    OpType pick(long seed, long index) {
        if (weights.size() == 1) {
            return weights.keySet().iterator().next();
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double draw = Seeds.unit(seed, Seeds.OPERATION, index) * total;
        int cumulative = 0;
        OpType chosen = OpType.PUT;
        for (Map.Entry<OpType, Integer> e : weights.entrySet()) {
            cumulative += e.getValue();
            chosen = e.getKey();
            if (draw < cumulative) {
                break;
            }
        }
        return chosen;
    }

    boolean includes(OpType op) {
        return weights.containsKey(op);
    }

    boolean needsObjects() {
        return weights.keySet().stream().anyMatch(OpType::needsObjects);
    }

    boolean writes() {
        return weights.keySet().stream().anyMatch(OpType::writes);
    }

    /** {@code put} or {@code put=3,get=6,delete=1}. */
    String describe() {
        if (weights.size() == 1) {
            return weights.keySet().iterator().next().label();
        }
        return weights.entrySet().stream().map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return describe();
    }

    /** picocli: the {@code --workload} option. */
    static final class Converter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
