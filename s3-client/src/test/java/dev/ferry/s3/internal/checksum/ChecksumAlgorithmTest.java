package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.IncrementalChecksum;

import dev.ferry.s3.model.ChecksumAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    /** The CRC catalogue's check values of "123456789" and the well-known digests, as S3 sends them (base64 of big-endian bytes). */
    @ParameterizedTest
    @CsvSource({
            "CRC32,     cbf43926,                                                         y/Q5Jg==",
            "CRC32C,    e3069283,                                                         4waSgw==",
            "CRC64NVME, ae8b14860a799888,                                                 rosUhgp5mIg=",
            "SHA1,      f7c3bc1d808e04732adf679965ccc34ca7ae3441,                         98O8HYCOBHMq32eZZczDTKeuNEE=",
            "SHA256,    15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225, FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="})
    void checkValueOf123456789(ChecksumAlgorithm algorithm, String hex, String base64) {
        IncrementalChecksum c = algorithm.newChecksum();
        c.update(CHECK);
        assertThat(HexFormat.of().formatHex(c.digest())).isEqualTo(hex);
        c.update(CHECK);
        assertThat(c.base64()).isEqualTo(base64).hasSize(algorithm.base64Length());
    }

    @Test
    void crc32cOfTheAwsTrailerExampleBody() {
        // The S3 documentation's trailing-checksum example: 66560 bytes of 'a' -> x-amz-checksum-crc32c:sOO8/Q==
        IncrementalChecksum c = ChecksumAlgorithm.CRC32C.newChecksum();
        byte[] a = new byte[66560];
        Arrays.fill(a, (byte) 'a');
        c.update(a);
        assertThat(c.base64()).isEqualTo("sOO8/Q==");
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void anySplitAndBufferKindGivesTheSameValueAndLeavesBuffersAlone(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[100_003];
        new Random(42).nextBytes(data);
        IncrementalChecksum whole = algorithm.newChecksum();
        whole.update(data);
        byte[] expected = whole.digest();

        IncrementalChecksum pieces = algorithm.newChecksum();
        int offset = 0;
        Random sizes = new Random(7);
        int kind = 0;
        while (offset < data.length) {
            int n = Math.min(data.length - offset, sizes.nextInt(300));
            ByteBuffer b = switch (kind++ % 3) {
                case 0 -> ByteBuffer.wrap(data, offset, n);
                case 1 -> ByteBuffer.allocateDirect(n).put(data, offset, n).flip();
                default -> ByteBuffer.wrap(data, offset, n).asReadOnlyBuffer();
            };
            int position = b.position();
            pieces.update(b);
            assertThat(b.position()).isEqualTo(position);
            offset += n;
        }
        assertThat(pieces.digest()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void digestStartsAgainFromNothing(ChecksumAlgorithm algorithm) {
        IncrementalChecksum c = algorithm.newChecksum();
        byte[] empty = c.digest();
        c.update(CHECK);
        c.digest();
        assertThat(c.digest()).isEqualTo(empty).hasSize(algorithm.digestLength());
        c.update(CHECK);
        c.reset();
        assertThat(c.digest()).isEqualTo(empty);
    }

    @Test
    void namesHeadersAndAlgorithmValues() {
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.SHA256.algorithmValue()).isEqualTo("SHA256");
        assertThat(ChecksumAlgorithm.of("crc32c")).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.of("X-Amz-Checksum-SHA1")).isEqualTo(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.CRC32.base64Length()).isEqualTo(8);
        assertThat(ChecksumAlgorithm.CRC64NVME.base64Length()).isEqualTo(12);
        assertThat(ChecksumAlgorithm.SHA1.base64Length()).isEqualTo(28);
        assertThat(ChecksumAlgorithm.SHA256.base64Length()).isEqualTo(44);
        assertThatThrownBy(() -> ChecksumAlgorithm.of("md5")).hasMessageContaining("unknown checksum algorithm 'md5'");
    }

    @Test
    void contentMd5IsBase64OfTheRawDigest() {
        assertThat(ContentMd5.of(CHECK)).isEqualTo("JfnnlDI7RTiF9RgfG2JNCw==");
        assertThat(ContentMd5.of(new byte[0])).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        ByteBuffer b = ByteBuffer.wrap(CHECK);
        assertThat(ContentMd5.of(b)).isEqualTo("JfnnlDI7RTiF9RgfG2JNCw==");
        assertThat(b.remaining()).isEqualTo(9);
        assertThat(ContentMd5.of(("xx123456789").getBytes(StandardCharsets.US_ASCII), 2, 9)).isEqualTo("JfnnlDI7RTiF9RgfG2JNCw==");
    }
}
