package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.IncrementalChecksum;

import dev.ferry.s3.model.ChecksumAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

    /** Bit at a time from the definition: the slicing tables must agree with it everywhere. */
    private static long reference(byte[] data, int off, int len) {
        long c = -1L;
        for (int i = off; i < off + len; i++) {
            c ^= data[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
            }
        }
        return ~c;
    }

    @Test
    void catalogueCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(new Crc64Nvme().getValue()).isZero();
    }

    @Test
    void helloWorldAsS3ShowsIt() {
        IncrementalChecksum c = ChecksumAlgorithm.CRC64NVME.newChecksum();
        c.update("Hello, World!\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.base64()).isEqualTo("SoXXbx67KpE=");
    }

    @Test
    void matchesTheBitwiseDefinitionAtEveryLengthAndAlignment() {
        byte[] data = new byte[300];
        new Random(1).nextBytes(data);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len + off <= data.length; len += (len < 40 ? 1 : 37)) {
                Crc64Nvme crc = new Crc64Nvme();
                crc.update(data, off, len);
                assertThat(crc.getValue()).as("offset %d, length %d", off, len).isEqualTo(reference(data, off, len));
            }
        }
    }

    @Test
    void theInterleavedLanesAgreeWithTheBitwiseDefinitionAroundEveryStripeEdge() {
        byte[] data = new byte[3 * 3072 + 64];
        new Random(2).nextBytes(data);
        int[] lengths = {3071, 3072, 3073, 3072 + 15, 3072 + 16, 3072 + 17, 2 * 3072 - 1, 2 * 3072, 2 * 3072 + 9, 3 * 3072 + 40};
        for (int off = 0; off < 4; off++) {
            for (int len : lengths) {
                long expected = reference(data, off, len);
                Crc64Nvme array = new Crc64Nvme();
                array.update(data, off, len);
                assertThat(array.getValue()).as("array, offset %d, length %d", off, len).isEqualTo(expected);

                ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
                direct.position(off).limit(off + len);
                Crc64Nvme fromDirect = new Crc64Nvme();
                fromDirect.update(direct);
                assertThat(fromDirect.getValue()).as("direct, offset %d, length %d", off, len).isEqualTo(expected);
            }
        }
    }

    @Test
    void aRegisterCarriedFromPieceToPieceGivesTheCrcOfTheWhole() {
        byte[] data = new byte[200_003];
        new Random(4).nextBytes(data);
        Crc64Nvme pieces = new Crc64Nvme();
        int[] sizes = {1, 3072, 5000, 7, 65_536, 16_384};
        int i = 0;
        for (int k = 0; i < data.length; k++) {
            int n = Math.min(sizes[k % sizes.length], data.length - i);
            pieces.update(data, i, n);
            i += n;
        }
        assertThat(pieces.getValue()).isEqualTo(reference(data, 0, data.length));
    }

    @Test
    void directAndReadOnlyBuffersAndSingleBytesAgreeWithArrays() {
        byte[] data = new byte[10_007];
        new Random(3).nextBytes(data);
        long expected = reference(data, 0, data.length);

        ByteBuffer d = ByteBuffer.allocateDirect(data.length).put(data).flip();
        d.position(5);
        Crc64Nvme head = new Crc64Nvme();
        for (int i = 0; i < 5; i++) {
            head.update(data[i]);
        }
        // Continue the single-byte CRC with the direct buffer's remaining bytes.
        head.update(d);
        assertThat(d.position()).isEqualTo(d.limit());
        assertThat(head.getValue()).isEqualTo(expected);

        Crc64Nvme readOnly = new Crc64Nvme();
        readOnly.update(ByteBuffer.wrap(data).asReadOnlyBuffer());
        assertThat(readOnly.getValue()).isEqualTo(expected);

        readOnly.reset();
        assertThat(readOnly.getValue()).isZero();
    }

    @Test
    void digestIsTheValueBigEndian() {
        IncrementalChecksum c = ChecksumAlgorithm.CRC64NVME.newChecksum();
        c.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getDecoder().decode(c.base64()))
                .containsExactly(0xae, 0x8b, 0x14, 0x86, 0x0a, 0x79, 0x98, 0x88);
    }
}
