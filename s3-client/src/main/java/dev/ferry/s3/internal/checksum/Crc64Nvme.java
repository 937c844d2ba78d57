package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.ChecksumAlgorithm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the CRC S3 offers as {@code CRC64NVME}: polynomial 0xad93d23594c93659 (reflected
 * 0x9a6c9329ac4bc9b5), input and output reflected, initial value and final XOR all ones. The check
 * value of {@code "123456789"} is {@code 0xae8b14860a799888}.
 *
 * <p>The JDK has no CRC-64, so this one is table-driven. A table-driven CRC is bound by its chain of
 * dependent steps, each waiting for the register the last one left, not by the table look-ups: so
 * input of a few KiB or more is read as three interleaved lanes, each with its own register, which
 * the processor steps side by side, and the lanes' registers are joined at the end of each stripe
 * (see {@link #join}). Shorter input, and what is left after the last stripe, goes through one
 * register sixteen bytes a step (slicing by 16). As with the JDK's own {@link Checksum}s, {@link #update(ByteBuffer)} consumes the buffer;
 * {@link ChecksumAlgorithm#newChecksum()} wraps this in a form that leaves buffers untouched.
 */
public final class Crc64Nvme implements Checksum {
    private static final long REFLECTED_POLYNOMIAL = 0x9a6c9329ac4bc9b5L;
    private static final long ALL_ONES = -1L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Sixteen 256-entry tables in one array (kept together for the cache): entry {@code k * 256 + n}
     * is the register after byte {@code n} followed by {@code k} zero bytes.
     */
    private static final long[] TABLES = buildTables();

    /** Bytes of each lane in one stripe: a multiple of 8, large enough that joining costs little. */
    private static final int LANE = 1024;
    private static final int STRIPE = 3 * LANE;
    /**
     * Eight 256-entry tables: entry {@code k * 256 + n} is the register {@code n << 8k} after
     * {@link #LANE} zero bytes. A register moved past a lane is the XOR of eight look-ups.
     */
    private static final long[] SKIP_LANE = buildSkipTables(LANE);

    private long register = ALL_ONES;

    private static long[] buildTables() {
        long[] t = new long[16 * 256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ REFLECTED_POLYNOMIAL : c >>> 1;
            }
            t[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[n];
            for (int k = 1; k < 16; k++) {
                c = t[(int) c & 0xff] ^ (c >>> 8);
                t[k * 256 + n] = c;
            }
        }
        return t;
    }

    /**
     * Tables that move a register past {@code zeros} zero bytes. That move is linear in the register,
     * so it is the XOR of what it does to each of the register's bits, found by stepping each one
     * through the zeros.
     */
    private static long[] buildSkipTables(int zeros) {
        long[] bit = new long[64];
        for (int i = 0; i < 64; i++) {
            long c = 1L << i;
            for (int k = 0; k < zeros; k++) {
                c = TABLES[(int) c & 0xff] ^ (c >>> 8);
            }
            bit[i] = c;
        }
        long[] t = new long[8 * 256];
        for (int k = 0; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                long c = 0;
                for (int b = 0; b < 8; b++) {
                    if ((n >>> b & 1) != 0) {
                        c ^= bit[8 * k + b];
                    }
                }
                t[k * 256 + n] = c;
            }
        }
        return t;
    }

    /**
     * The register after a lane, given {@code before} (the register after the previous lane) and
     * {@code lane} (this lane's register when started from zero): a CRC register is linear in its
     * start and its input together, so the two add up once {@code before} is moved past the lane's
     * length of zero bytes.
     */
    private static long join(long before, long lane) {
        return lane
                ^ SKIP_LANE[(int) before & 0xff]
                ^ SKIP_LANE[256 + ((int) (before >>> 8) & 0xff)]
                ^ SKIP_LANE[2 * 256 + ((int) (before >>> 16) & 0xff)]
                ^ SKIP_LANE[3 * 256 + ((int) (before >>> 24) & 0xff)]
                ^ SKIP_LANE[4 * 256 + ((int) (before >>> 32) & 0xff)]
                ^ SKIP_LANE[5 * 256 + ((int) (before >>> 40) & 0xff)]
                ^ SKIP_LANE[6 * 256 + ((int) (before >>> 48) & 0xff)]
                ^ SKIP_LANE[7 * 256 + (int) (before >>> 56)];
    }

    @Override
    public void update(int b) {
        register = TABLES[(int) (register ^ b) & 0xff] ^ (register >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new ArrayIndexOutOfBoundsException("range [" + off + ", " + off + " + " + len + ") is outside an array of " + b.length);
        }
        long c = register;
        int end = off + len;
        int i = off;
        for (int stop = end - STRIPE; i <= stop; i += STRIPE) {
            long c0 = c;
            long c1 = 0;
            long c2 = 0;
            for (int j = i, laneEnd = i + LANE; j < laneEnd; j += 8) {
                c0 = fold8(c0 ^ (long) LONG_LE.get(b, j));
                c1 = fold8(c1 ^ (long) LONG_LE.get(b, j + LANE));
                c2 = fold8(c2 ^ (long) LONG_LE.get(b, j + 2 * LANE));
            }
            c = join(join(c0, c1), c2);
        }
        for (int stop = end - 15; i < stop; i += 16) {
            c = fold16(c ^ (long) LONG_LE.get(b, i), (long) LONG_LE.get(b, i + 8));
        }
        for (int stop = end - 7; i < stop; i += 8) {
            c = fold8(c ^ (long) LONG_LE.get(b, i));
        }
        for (; i < end; i++) {
            c = TABLES[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        }
        register = c;
    }

    /** Adds the buffer's remaining bytes and, like the JDK's checksums, moves its position to its limit. */
    @Override
    public void update(ByteBuffer buffer) {
        int pos = buffer.position();
        int len = buffer.limit() - pos;
        if (len <= 0) {
            return;
        }
        if (buffer.hasArray()) {
            update(buffer.array(), buffer.arrayOffset() + pos, len);
        } else {
            // Direct or read-only: absolute reads through a little-endian view, which leaves the
            // caller's buffer order alone.
            ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            long c = register;
            int i = pos;
            int end = pos + len;
            for (int stop = end - STRIPE; i <= stop; i += STRIPE) {
                long c0 = c;
                long c1 = 0;
                long c2 = 0;
                for (int j = i, laneEnd = i + LANE; j < laneEnd; j += 8) {
                    c0 = fold8(c0 ^ view.getLong(j));
                    c1 = fold8(c1 ^ view.getLong(j + LANE));
                    c2 = fold8(c2 ^ view.getLong(j + 2 * LANE));
                }
                c = join(join(c0, c1), c2);
            }
            for (int stop = end - 15; i < stop; i += 16) {
                c = fold16(c ^ view.getLong(i), view.getLong(i + 8));
            }
            for (int stop = end - 7; i < stop; i += 8) {
                c = fold8(c ^ view.getLong(i));
            }
            for (; i < end; i++) {
                c = TABLES[(int) (c ^ view.get(i)) & 0xff] ^ (c >>> 8);
            }
            register = c;
        }
        buffer.position(pos + len);
    }

    /**
     * Sixteen bytes at once (slicing by 16): half as many dependent steps per byte as by 8, which
     * is what bounds one register; 1.6 GB/s became about 2.2 on the bench machine (JMH, 1 MiB).
     * The lanes use slicing by 8 instead: three registers in flight keep the processor busy, and
     * eight tables (16 KiB) stay in the L1 cache beside the data where sixteen would not.
     */
    private static long fold16(long a, long b) {
        return TABLES[15 * 256 + ((int) a & 0xff)]
                ^ TABLES[14 * 256 + ((int) (a >>> 8) & 0xff)]
                ^ TABLES[13 * 256 + ((int) (a >>> 16) & 0xff)]
                ^ TABLES[12 * 256 + ((int) (a >>> 24) & 0xff)]
                ^ TABLES[11 * 256 + ((int) (a >>> 32) & 0xff)]
                ^ TABLES[10 * 256 + ((int) (a >>> 40) & 0xff)]
                ^ TABLES[9 * 256 + ((int) (a >>> 48) & 0xff)]
                ^ TABLES[8 * 256 + (int) (a >>> 56)]
                ^ TABLES[7 * 256 + ((int) b & 0xff)]
                ^ TABLES[6 * 256 + ((int) (b >>> 8) & 0xff)]
                ^ TABLES[5 * 256 + ((int) (b >>> 16) & 0xff)]
                ^ TABLES[4 * 256 + ((int) (b >>> 24) & 0xff)]
                ^ TABLES[3 * 256 + ((int) (b >>> 32) & 0xff)]
                ^ TABLES[2 * 256 + ((int) (b >>> 40) & 0xff)]
                ^ TABLES[256 + ((int) (b >>> 48) & 0xff)]
                ^ TABLES[(int) (b >>> 56)];
    }

    private static long fold8(long c) {
        return TABLES[7 * 256 + ((int) c & 0xff)]
                ^ TABLES[6 * 256 + ((int) (c >>> 8) & 0xff)]
                ^ TABLES[5 * 256 + ((int) (c >>> 16) & 0xff)]
                ^ TABLES[4 * 256 + ((int) (c >>> 24) & 0xff)]
                ^ TABLES[3 * 256 + ((int) (c >>> 32) & 0xff)]
                ^ TABLES[2 * 256 + ((int) (c >>> 40) & 0xff)]
                ^ TABLES[256 + ((int) (c >>> 48) & 0xff)]
                ^ TABLES[(int) (c >>> 56)];
    }

    /** The CRC of the bytes so far; all 64 bits are significant, so it may be negative. */
    @Override
    public long getValue() {
        return register ^ ALL_ONES;
    }

    @Override
    public void reset() {
        register = ALL_ONES;
    }

    @Override
    public String toString() {
        return "Crc64Nvme[" + String.format("%016x", getValue()) + "]";
    }
}
