package dev.ferry.s3.model;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A checksum fed piece by piece as a body streams past. Not thread-safe: one body, one instance.
 *
 * <pre>{@code
 * IncrementalChecksum crc = ChecksumAlgorithm.CRC32C.newChecksum();
 * buffers.forEach(crc::update);            // positions are left where they were
 * String header = crc.base64();            // "sOO8/Q==", and crc starts again from nothing
 * }</pre>
 */
public interface IncrementalChecksum {

    /**
     * Adds the buffer's remaining bytes. The buffer's position, limit and content are left as they
     * are: the same buffer is usually written to the network afterwards.
     */
    void update(ByteBuffer data);

    void update(byte[] data, int offset, int length);

    default void update(byte[] data) {
        update(data, 0, data.length);
    }

    /**
     * The checksum of every byte added since creation or the last {@code digest}, as the raw bytes S3
     * expects (big-endian for the CRCs). The computation then starts again from nothing, as
     * {@link java.security.MessageDigest#digest()} does.
     */
    byte[] digest();

    /** {@link #digest()} in base64, the form of {@code x-amz-checksum-*} and {@code Content-MD5} values. */
    default String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }

    /** Forgets every byte added so far. */
    void reset();
}
