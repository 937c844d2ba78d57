package dev.ferry.spring;

import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.ResponseStream;
import java.nio.ByteBuffer;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * Adapters between Spring's {@link DataBuffer} streams (a WebFlux request body, a {@code FilePart}'s
 * content) and Ferry's bodies, releasing every {@code DataBuffer} exactly once.
 *
 * <p>A {@code DataBuffer} from a Reactor Netty server is a pooled network buffer: once released,
 * its memory serves the next read. So when a buffer may be released decides which adapter fits:
 *
 * <ul>
 *   <li>{@link #toCopyingConsumer} hands out the buffers' own bytes, without a copy, and releases
 *       each when the consumer asks for the next. It is for a consumer that copies what it is given
 *       before asking for more: {@code S3Transfers.upload(request, publisher)} does (each buffer is
 *       copied into a part buffer, on the transfer's own thread, before the next is requested).
 *   <li>{@link #toRequestBody} makes a {@link RequestBody}, whose buffers Ferry may hold until the
 *       request completes (the engine writes them later, on its own schedule). A pooled buffer must
 *       not be held that long, so each is copied once into a heap buffer and released at once;
 *       memory stays bounded by back-pressure.
 *   <li>{@link #fromByteBuffers} and {@link #fromResponse} go the other way: Ferry's response buffers
 *       are copies the subscriber owns, so they are wrapped, not copied, and nothing needs releasing.
 * </ul>
 *
 * <pre>{@code
 * @PutMapping("/objects/{key}")
 * Mono<UploadResult> put(@PathVariable String key, ServerHttpRequest request) {
 *     return transfers.upload(UploadRequest.of("bucket", key), DataBuffers.toCopyingConsumer(request.getBody()));
 * }
 * }</pre>
 */
public final class DataBuffers {
    private DataBuffers() {
    }

    /**
     * The buffers' bytes as {@link ByteBuffer}s that share their memory, for a consumer that copies each
     * buffer before it requests the next, one at a time ({@code S3Transfers.upload} does). Each
     * {@code DataBuffer} is released when the consumer next requests, or cancels; buffers not yet
     * delivered when the stream is cancelled are released by the source's discard handling.
     */
    public static Flux<ByteBuffer> toCopyingConsumer(Publisher<? extends DataBuffer> buffers) {
        return new ReleaseOnRequest(Flux.from(buffers))
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    /**
     * A {@link RequestBody} of exactly {@code length} bytes (or {@link RequestBody#UNKNOWN_LENGTH}),
     * sent once. Each {@code DataBuffer} is copied into a heap buffer and released right away, because
     * Ferry may keep a request body's buffers until the request completes.
     */
    public static RequestBody toRequestBody(Publisher<? extends DataBuffer> buffers, long length) {
        Flux<ByteBuffer> copies = Flux.from(buffers)
                .map(DataBuffers::copyAndRelease)
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        return length < 0 ? RequestBody.fromPublisher(copies) : RequestBody.fromPublisher(copies, length);
    }

    private static ByteBuffer copyAndRelease(DataBuffer buffer) {
        try {
            ByteBuffer copy = ByteBuffer.allocate(buffer.readableByteCount());
            buffer.toByteBuffer(copy);
            return copy;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Ferry's response buffers as {@code DataBuffer}s wrapping the same memory: no copy, nothing to release. */
    public static Flux<DataBuffer> fromByteBuffers(Publisher<ByteBuffer> buffers, DataBufferFactory factory) {
        return Flux.from(buffers).map(factory::wrap);
    }

    /** A streamed response's body as {@code DataBuffer}s, for a WebFlux response: read once, at the subscriber's pace. */
    public static Flux<DataBuffer> fromResponse(ResponseStream<?> response, DataBufferFactory factory) {
        return fromByteBuffers(response.body(), factory);
    }
}
