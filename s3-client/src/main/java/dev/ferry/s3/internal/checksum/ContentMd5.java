package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.IncrementalChecksum;

import java.nio.ByteBuffer;

/**
 * The {@code Content-MD5} header: base64 of the body's raw MD5 (not of its hex). The compatibility
 * mode for stores that refuse aws-chunked bodies and trailing checksums relies on it.
 *
 * <pre>{@code
 * ContentMd5.of("123456789".getBytes(US_ASCII))   // "JfnnlDI7RTiF9RgfG2JNCw=="
 * }</pre>
 */
public final class ContentMd5 {
    public static final String HEADER = "Content-MD5";

    private ContentMd5() {
    }

    public static String of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static String of(byte[] data, int offset, int length) {
        IncrementalChecksum md5 = newChecksum();
        md5.update(data, offset, length);
        return md5.base64();
    }

    /** Of the buffer's remaining bytes; its position is left as it is. */
    public static String of(ByteBuffer data) {
        IncrementalChecksum md5 = newChecksum();
        md5.update(data);
        return md5.base64();
    }

    /** An MD5 to feed as a body streams; {@link IncrementalChecksum#base64()} gives the header value. */
    public static IncrementalChecksum newChecksum() {
        return DigestChecksum.md5();
    }
}
