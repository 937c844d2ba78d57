package dev.ferry.ews.internal;

import java.io.ByteArrayOutputStream;

/**
 * Rewrites, in a byte stream, the numeric character references XML 1.0 forbids ({@code &#x1;},
 * {@code &#0;}, {@code &#xFFFE;}, surrogates) as {@code &#xFFFD;}, the replacement character.
 * Exchange copies such references from message bodies and subjects into its responses, and every
 * conforming parser rejects the whole document because of them.
 *
 * <p>Stateful: feed the chunks of one document in order; a reference split across chunks is held
 * back until it is complete. A reference can only be ASCII, so scanning bytes is exact in UTF-8.
 */
public final class IllegalCharRefFilter {
    private static final byte[] REPLACEMENT = "&#xFFFD;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** {@code &#x} plus at most 8 hex digits (leading zeros allowed) and {@code ;}. */
    private static final int MAX_REFERENCE = 16;

    private final byte[] pending = new byte[MAX_REFERENCE];
    private int pendingLength;
    private int replaced;

    /** Filters one chunk; the result may be shorter or longer than the input. */
    public byte[] filter(byte[] chunk, int offset, int length) {
        if (pendingLength == 0 && indexOf(chunk, offset, length) < 0) {
            byte[] copy = new byte[length];
            System.arraycopy(chunk, offset, copy, 0, length);
            return copy;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (pendingLength == 0) {
                if (b == '&') {
                    pending[pendingLength++] = b;
                } else {
                    out.write(b);
                }
                continue;
            }
            pending[pendingLength++] = b;
            if (!stillPossible()) {
                flushPending(out);
            } else if (b == ';') {
                resolve(out);
            } else if (pendingLength == MAX_REFERENCE) {
                flushPending(out);
            }
        }
        return out.toByteArray();
    }

    /** Called at the end of the document: whatever was held back goes out as it was. */
    public byte[] finish() {
        byte[] rest = new byte[pendingLength];
        System.arraycopy(pending, 0, rest, 0, pendingLength);
        pendingLength = 0;
        return rest;
    }

    /** How many references were replaced so far. */
    public int replaced() {
        return replaced;
    }

    private static int indexOf(byte[] chunk, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (chunk[i] == '&') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bytes held so far can still be the start of a numeric reference. */
    private boolean stillPossible() {
        if (pendingLength >= 2 && pending[1] != '#') {
            return false;
        }
        boolean hex = pendingLength >= 3 && (pending[2] == 'x' || pending[2] == 'X');
        int digitsFrom = hex ? 3 : 2;
        for (int i = digitsFrom; i < pendingLength; i++) {
            byte c = pending[i];
            if (c == ';' && i == pendingLength - 1 && i > digitsFrom) {
                return true;
            }
            boolean digit = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!digit) {
                return false;
            }
        }
        return true;
    }

    private void resolve(ByteArrayOutputStream out) {
        boolean hex = pending[2] == 'x' || pending[2] == 'X';
        int from = hex ? 3 : 2;
        long value = 0;
        for (int i = from; i < pendingLength - 1; i++) {
            value = value * (hex ? 16 : 10) + Character.digit(pending[i], hex ? 16 : 10);
        }
        if (isLegal(value)) {
            flushPending(out);
        } else {
            out.write(REPLACEMENT, 0, REPLACEMENT.length);
            pendingLength = 0;
            replaced++;
        }
    }

    private static boolean isLegal(long c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private void flushPending(ByteArrayOutputStream out) {
        // The byte that ended the candidate may itself start a new one.
        byte last = pending[pendingLength - 1];
        if (last == '&' && pendingLength > 1) {
            out.write(pending, 0, pendingLength - 1);
            pending[0] = '&';
            pendingLength = 1;
            return;
        }
        out.write(pending, 0, pendingLength);
        pendingLength = 0;
    }
}
