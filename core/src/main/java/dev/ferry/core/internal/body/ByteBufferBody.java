package dev.ferry.core.internal.body;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;

/** The remaining bytes of a buffer; every subscription reads a duplicate, so the caller's position never moves. */
public final class ByteBufferBody implements RequestBody {
    private final ByteBuffer buffer;

    public ByteBufferBody(ByteBuffer buffer) {
        this.buffer = buffer.duplicate();
    }

    @Override
    public long contentLength() {
        return buffer.remaining();
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Flux<ByteBuffer> content() {
        return buffer.hasRemaining() ? Flux.defer(() -> Flux.just(buffer.duplicate())) : Flux.empty();
    }

    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    @Override
    public String toString() {
        return "RequestBody.fromByteBuffer(" + buffer.remaining() + " bytes)";
    }
}
