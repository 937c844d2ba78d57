package dev.ferry.ews.internal;

import java.util.Base64;

/**
 * Decodes base64 text that arrives in pieces of any length (as a streaming XML parser reports an
 * element's text), holding back at most three characters between pieces. Whitespace is skipped.
 */
final class Base64Chunks {
    private static final byte[] EMPTY = new byte[0];
    private final byte[] carry = new byte[4];
    private int carried;
    private boolean ended;

    /** Decodes what can be decoded of the text so far. */
    byte[] decode(char[] text, int offset, int length) {
        byte[] quads = new byte[carried + length];
        System.arraycopy(carry, 0, quads, 0, carried);
        int n = carried;
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (ended || c > 0x7f) {
                throw new IllegalArgumentException("not base64: '" + c + "'" + (ended ? " after the padding" : ""));
            }
            quads[n++] = (byte) c;
        }
        int whole = n - n % 4;
        carried = n - whole;
        System.arraycopy(quads, whole, carry, 0, carried);
        if (whole == 0) {
            return EMPTY;
        }
        if (quads[whole - 1] == '=') {
            ended = true;
        }
        try {
            return Base64.getDecoder().decode(whole == quads.length ? quads : java.util.Arrays.copyOf(quads, whole));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
    }

    /** Fails when the text ended in the middle of a quadruple. */
    void finish() {
        if (carried != 0) {
            throw new IllegalArgumentException("base64 text ended with " + carried + " stray character(s)");
        }
    }

    void reset() {
        carried = 0;
        ended = false;
    }
}
