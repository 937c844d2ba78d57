package dev.ferry.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A response's decoded head and its whole body. The array is the caller's; it is not copied again. */
public record ResponseBytes<M>(M response, byte[] bytes) {

    public String asUtf8String() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "ResponseBytes[" + response + ", " + bytes.length + " bytes]";
    }
}
