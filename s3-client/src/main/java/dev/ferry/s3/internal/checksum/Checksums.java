package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Makes the checksum implementations behind {@link ChecksumAlgorithm#newChecksum()}. */
public final class Checksums {
    private Checksums() {
    }

    public static IncrementalChecksum create(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> new JdkCrcChecksum(new CRC32(), 4);
            case CRC32C -> new JdkCrcChecksum(new CRC32C(), 4);
            case CRC64NVME -> new JdkCrcChecksum(new Crc64Nvme(), 8);
            case SHA1 -> DigestChecksum.sha1();
            case SHA256 -> DigestChecksum.sha256();
        };
    }
}
