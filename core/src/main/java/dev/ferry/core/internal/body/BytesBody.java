package dev.ferry.core.internal.body;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import java.util.Objects;
import reactor.core.publisher.Flux;

/** A slice of a byte array, sent without copying. */
public final class BytesBody implements RequestBody {
    private final byte[] array;
    private final int offset;
    private final int length;

    public BytesBody(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(array, "bytes").length);
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Flux<ByteBuffer> content() {
        return length == 0 ? Flux.empty() : Flux.defer(() -> Flux.just(ByteBuffer.wrap(array, offset, length)));
    }

    /** A view of the bytes, for callers that hash or sign them without a subscription. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(array, offset, length);
    }

    @Override
    public String toString() {
        return "RequestBody.fromBytes(" + length + " bytes)";
    }
}
