package dev.ferry.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 message as it came off the wire (kept byte for byte, to forward
 * unchanged), with just enough parsing to find where its body ends; and the copying of a message
 * under a byte budget, which is how every "after N bytes" fault is made.
 */
final class HttpHead {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int COPY_CHUNK = 64 * 1024;

    final byte[] raw;
    final String startLine;
    final Map<String, String> headers;

    private HttpHead(byte[] raw, String startLine, Map<String, String> headers) {
        this.raw = raw;
        this.startLine = startLine;
        this.headers = headers;
    }

    /** The next head, or null when the stream ends cleanly before its first byte. */
    static @Nullable HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                if (raw.size() == 0) {
                    return null;
                }
                throw new EOFException("connection ended inside an HTTP head");
            }
            raw.write(b);
            last4 = (last4 << 8) | b;
            if (raw.size() > MAX_HEAD) {
                throw new IOException("HTTP head larger than " + MAX_HEAD + " bytes");
            }
        }
        byte[] bytes = raw.toByteArray();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new HttpHead(bytes, lines[0], headers);
    }

    String method() {
        return startLine.split(" ", 2)[0];
    }

    String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    int status() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    boolean chunked() {
        String te = headers.get("transfer-encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    long contentLength() {
        String cl = headers.get("content-length");
        return cl == null ? -1 : Long.parseLong(cl.trim());
    }

    /** How a body is delimited. */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    Framing requestFraming() {
        return chunked() ? Framing.CHUNKED : contentLength() > 0 ? Framing.LENGTH : Framing.NONE;
    }

    Framing responseFraming(String requestMethod) {
        int status = status();
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return Framing.NONE;
        }
        return chunked() ? Framing.CHUNKED : contentLength() >= 0 ? (contentLength() > 0 ? Framing.LENGTH : Framing.NONE)
                : Framing.UNTIL_CLOSE;
    }

    /**
     * Copies this head and its body from {@code in} to {@code out}, but no more than {@code budget}
     * bytes in all. True when the whole message went through; false when the budget ran out first
     * (what was within it has been written).
     */
    boolean copy(InputStream in, OutputStream out, Framing framing, long budget) throws IOException {
        Budget b = new Budget(out, budget);
        if (!b.write(raw, 0, raw.length)) {
            return false;
        }
        return switch (framing) {
            case NONE -> true;
            case LENGTH -> copyExactly(in, b, contentLength());
            case UNTIL_CLOSE -> copyToEnd(in, b);
            case CHUNKED -> copyChunked(in, b);
        };
    }

    private static boolean copyExactly(InputStream in, Budget out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_CHUNK, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection ended " + left + " bytes before the end of a body");
            }
            if (!out.write(buffer, 0, n)) {
                return false;
            }
            left -= n;
        }
        return true;
    }

    private static boolean copyToEnd(InputStream in, Budget out) throws IOException {
        byte[] buffer = new byte[COPY_CHUNK];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (!out.write(buffer, 0, n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean copyChunked(InputStream in, Budget out) throws IOException {
        while (true) {
            byte[] sizeLine = line(in);
            if (!out.write(sizeLine, 0, sizeLine.length)) {
                return false;
            }
            String hex = new String(sizeLine, StandardCharsets.ISO_8859_1).trim();
            int semicolon = hex.indexOf(';');
            long size = Long.parseLong(semicolon < 0 ? hex : hex.substring(0, semicolon), 16);
            if (size == 0) {
                // Trailers, then the empty line.
                while (true) {
                    byte[] trailer = line(in);
                    if (!out.write(trailer, 0, trailer.length)) {
                        return false;
                    }
                    if (trailer.length == 2) {
                        return true;
                    }
                }
            }
            if (!copyExactly(in, out, size + 2)) {
                return false;
            }
        }
    }

    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection ended inside a chunked body");
            }
            line.write(b);
            if (previous == '\r' && b == '\n') {
                return line.toByteArray();
            }
            previous = b;
        }
    }

    /** An output that lets through only so many bytes. */
    private static final class Budget {
        private final OutputStream out;
        private long left;

        Budget(OutputStream out, long left) {
            this.out = out;
            this.left = left;
        }

        /** Writes what the budget allows; false when it ran out before all of it. */
        boolean write(byte[] bytes, int offset, int length) throws IOException {
            int n = (int) Math.min(length, left);
            if (n > 0) {
                out.write(bytes, offset, n);
                out.flush();
                left -= n;
            }
            return n == length;
        }
    }
}
