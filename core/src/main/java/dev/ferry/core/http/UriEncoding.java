package dev.ferry.core.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as the signing specifications of S3 and OSS define it (RFC 3986): letters, digits
 * and {@code -._~} stay, every other UTF-8 byte becomes {@code %XX} with upper-case hex. Space is
 * {@code %20}, never {@code +}. The same encoding is valid on the wire, so what is signed is what is sent.
 */
public final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes a query name or value, or a path segment: {@code /} is encoded too. */
    public static String encode(String value) {
        return encode(value, false);
    }

    /** Encodes an object key or path, keeping {@code /} as the separator. */
    public static String encodePath(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean keepSlash) {
        int n = value.length();
        int i = 0;
        while (i < n && isUnreserved(value.charAt(i), keepSlash)) {
            i++;
        }
        if (i == n) {
            return value;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(value, 0, i);
        byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && isUnreserved(c, keepSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(char c, boolean keepSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
    }

    /** Decodes {@code %XX} sequences (UTF-8); {@code +} stays a plus. Malformed escapes are refused. */
    public static String decode(String value) {
        int pct = value.indexOf('%');
        if (pct < 0) {
            return value;
        }
        // Room for the worst case: a raw char takes up to 3 UTF-8 bytes (a surrogate pair, 4 for 2).
        // Sized to value.length() and grown only for raw chars, the array overflowed on the ASCII
        // that followed them ("%41éééé" + "abc").
        byte[] out = new byte[value.length() * 3];
        int len = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated percent-escape at " + i + " in '" + value + "'");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-escape at " + i + " in '" + value + "'");
                }
                out[len++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[len++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    utf8 = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(utf8, 0, out, len, utf8.length);
                len += utf8.length;
            }
        }
        return new String(out, 0, len, StandardCharsets.UTF_8);
    }
}
