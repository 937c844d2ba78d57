package dev.ferry.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive names. Requests carry a
 * dozen headers at most, so lookups scan a flat array: cheaper than hashing on the hot path.
 */
public final class HttpHeaders {
    public static final HttpHeaders EMPTY = new HttpHeaders(new String[0]);

    /** Names and values interleaved: name0, value0, name1, value1, ... */
    private final String[] fields;

    private HttpHeaders(String[] fields) {
        this.fields = fields;
    }

    /** Headers from alternating names and values: {@code HttpHeaders.of("Content-Type", "text/xml")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers need a value for every name, got " + namesAndValues.length + " strings");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new ArrayList<>(16));
    }

    public Builder toBuilder() {
        return new Builder(new ArrayList<>(Arrays.asList(fields)));
    }

    public int size() {
        return fields.length / 2;
    }

    public boolean isEmpty() {
        return fields.length == 0;
    }

    public String name(int index) {
        return fields[index * 2];
    }

    public String value(int index) {
        return fields[index * 2 + 1];
    }

    /** The first value of the named header, or null. */
    public @Nullable String first(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(fields[i + 1]);
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < fields.length; i += 2) {
            action.accept(fields[i], fields[i + 1]);
        }
    }

    /** Lower-cased names, in order, without repeats. */
    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < fields.length; i += 2) {
            String lower = fields[i].toLowerCase(Locale.ROOT);
            if (!names.contains(lower)) {
                names.add(lower);
            }
        }
        return names;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders h && Arrays.equals(fields, h.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    /** Names and values, except those that carry secrets ({@code Authorization}, tokens), which are masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fields.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields[i]).append('=').append(isSecret(fields[i]) ? "***" : fields[i + 1]);
        }
        return sb.append('}').toString();
    }

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals("proxy-authorization") || lower.endsWith("security-token")
                || lower.contains("server-side-encryption-customer-key") || lower.equals("cookie");
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {
        private final List<String> fields;

        private Builder(List<String> fields) {
            this.fields = fields;
        }

        public Builder add(String name, String value) {
            fields.add(checkName(name));
            fields.add(checkValue(name, value));
            return this;
        }

        /** Replaces every field of this name with one. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Adds the field only when no field of this name exists. */
        public Builder setIfAbsent(String name, String value) {
            return contains(name) ? this : add(name, value);
        }

        public Builder remove(String name) {
            for (int i = fields.size() - 2; i >= 0; i -= 2) {
                if (fields.get(i).equalsIgnoreCase(name)) {
                    fields.remove(i + 1);
                    fields.remove(i);
                }
            }
            return this;
        }

        public boolean contains(String name) {
            for (int i = 0; i < fields.size(); i += 2) {
                if (fields.get(i).equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        public Builder addAll(HttpHeaders headers) {
            fields.addAll(Arrays.asList(headers.fields));
            return this;
        }

        public HttpHeaders build() {
            return fields.isEmpty() ? EMPTY : new HttpHeaders(fields.toArray(new String[0]));
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "header name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name must not be empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    throw new IllegalArgumentException("header name '" + name + "' has a character HTTP does not allow at " + i);
                }
            }
            return name;
        }

        private static String checkValue(String name, String value) {
            Objects.requireNonNull(value, () -> "value of header " + name);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // CR and LF would split the header (response splitting); other controls break servers.
                if ((c < ' ' && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException("value of header " + name + " has control character 0x"
                            + Integer.toHexString(c) + " at " + i);
                }
                // HTTP/1.1 carries header bytes, not characters: anything past Latin-1 would be mangled on the wire.
                if (c > 0xff) {
                    throw new IllegalArgumentException("value of header " + name + " has character '" + c + "' at " + i
                            + ", which an HTTP header cannot carry; encode it first (RFC 2047 or percent-encoding)");
                }
            }
            return value;
        }
    }
}
