package dev.ferry.s3.model;

import dev.ferry.s3.internal.checksum.Checksums;
import java.util.Locale;

/**
 * The flexible checksums of S3. Each names its header ({@code x-amz-checksum-crc32c}), its value for
 * {@code x-amz-checksum-algorithm} and {@code x-amz-sdk-checksum-algorithm} ({@code CRC32C}), and
 * makes a fresh {@link IncrementalChecksum}.
 *
 * <p>CRC32 and CRC32C run on the JDK's implementations, which use the CPU's CRC instructions;
 * CRC64NVME on a table-driven implementation; the SHAs on {@link java.security.MessageDigest}.
 */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    private final String algorithmValue;
    private final String headerName;
    private final int digestLength;

    ChecksumAlgorithm(String algorithmValue, int digestLength) {
        this.algorithmValue = algorithmValue;
        this.headerName = "x-amz-checksum-" + algorithmValue.toLowerCase(Locale.ROOT);
        this.digestLength = digestLength;
    }

    /** The value of {@code x-amz-checksum-algorithm}: {@code CRC32C}. */
    public String algorithmValue() {
        return algorithmValue;
    }

    /** The header, or trailer, that carries the value: {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    /** Length of the raw checksum in bytes. */
    public int digestLength() {
        return digestLength;
    }

    /** Length of the base64 value as sent ({@code 8} for the 32-bit CRCs, {@code 44} for SHA-256). */
    public int base64Length() {
        return (digestLength + 2) / 3 * 4;
    }

    /** A fresh checksum of this algorithm, to feed as data passes. */
    public IncrementalChecksum newChecksum() {
        return Checksums.create(this);
    }

    /**
     * The algorithm named by an {@code x-amz-checksum-algorithm} value or a checksum header name, in
     * any case: {@code "crc32c"}, {@code "CRC32C"}, {@code "x-amz-checksum-crc32c"}.
     */
    public static ChecksumAlgorithm of(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("X-AMZ-CHECKSUM-")) {
            upper = upper.substring("X-AMZ-CHECKSUM-".length());
        }
        for (ChecksumAlgorithm a : values()) {
            if (a.algorithmValue.equals(upper)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown checksum algorithm '" + name + "'; S3 knows CRC32, CRC32C, CRC64NVME, SHA1 and SHA256");
    }
}
