package dev.ferry.s3.model;

import java.util.Locale;

/**
 * A flexible checksum as S3 stores it: the algorithm ({@code CRC32C}, {@code CRC32}, {@code CRC64NVME},
 * {@code SHA1}, {@code SHA256}) and the base64 of the raw checksum bytes.
 */
public record ObjectChecksum(String algorithm, String value) {
    public ObjectChecksum {
        algorithm = algorithm.toUpperCase(Locale.ROOT);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(algorithm + " checksum value must not be blank");
        }
    }

    /** The header that carries it: {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }

    /** The element that carries it in XML documents: {@code ChecksumCRC32C}. */
    public String elementName() {
        return "Checksum" + algorithm;
    }
}
