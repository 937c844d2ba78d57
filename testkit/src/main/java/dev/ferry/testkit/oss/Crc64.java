package dev.ferry.testkit.oss;

/** CRC-64/ECMA-182 as OSS reports it in {@code x-oss-hash-crc64ecma} (reflected, all-ones init and final XOR). */
final class Crc64 {
    private static final long[] TABLE = new long[256];

    static {
        long poly = 0xC96C5795D7870F42L;
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc64() {
    }

    static long of(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }
        return ~crc;
    }

    /** As OSS writes it: the unsigned decimal value. */
    static String header(byte[] data) {
        return Long.toUnsignedString(of(data));
    }
}
