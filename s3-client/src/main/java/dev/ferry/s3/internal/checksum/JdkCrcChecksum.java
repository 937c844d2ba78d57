package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.IncrementalChecksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/** A {@link Checksum} (CRC32, CRC32C, CRC-64/NVME) as S3 wants it: the CRC's bytes, big-endian. */
final class JdkCrcChecksum implements IncrementalChecksum {
    private final Checksum crc;
    private final int width;

    JdkCrcChecksum(Checksum crc, int widthInBytes) {
        this.crc = crc;
        this.width = widthInBytes;
    }

    @Override
    public void update(ByteBuffer data) {
        // The JDK's update(ByteBuffer) consumes the buffer; a duplicate keeps the caller's position.
        crc.update(data.duplicate());
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        crc.update(data, offset, length);
    }

    @Override
    public byte[] digest() {
        long value = crc.getValue();
        crc.reset();
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    @Override
    public void reset() {
        crc.reset();
    }

    @Override
    public String toString() {
        return crc.getClass().getSimpleName() + " checksum";
    }
}
