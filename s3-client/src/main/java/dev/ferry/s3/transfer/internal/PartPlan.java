package dev.ferry.s3.transfer.internal;

import static dev.ferry.s3.transfer.TransferConfig.MAX_PARTS;
import static dev.ferry.s3.transfer.TransferConfig.MAX_PART_SIZE;
import static dev.ferry.s3.transfer.TransferConfig.MIB;

import dev.ferry.s3.transfer.TransferConfig;

/**
 * How an object of known size is cut into parts: the configured part size, raised to a whole number
 * of MiB when the object would otherwise need more than 10,000 parts.
 *
 * @param partSize bytes in every part but the last
 * @param partCount parts in all (at least 1)
 */
record PartPlan(long size, long partSize, int partCount) {

    static PartPlan forSize(long size, TransferConfig config) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        long partSize = config.partSize();
        if (ceilDiv(size, partSize) > MAX_PARTS) {
            partSize = ceilDiv(ceilDiv(size, MAX_PARTS), MIB) * MIB;
        }
        if (partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("an object of " + size + " bytes needs parts larger than 5 GiB to fit in 10,000;"
                    + " that is beyond what S3 can store in one object");
        }
        int count = (int) Math.max(1, ceilDiv(size, partSize));
        return new PartPlan(size, partSize, count);
    }

    /** Byte offset of part {@code number} (1-based). */
    long offset(int number) {
        return (number - 1) * partSize;
    }

    /** Length of part {@code number} (1-based): the part size, or what is left for the last. */
    long length(int number) {
        return Math.min(partSize, size - offset(number));
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
