package dev.ferry.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of a response, read at most once, only as fast as its subscriber asks. The network
 * buffers behind it are released by Ferry: what a caller receives are copies it owns.
 */
public interface ResponseBody {
    /** Bodies read whole (error documents, listings) are refused beyond this size unless asked otherwise. */
    int DEFAULT_MAX_AGGREGATE_BYTES = 64 * 1024 * 1024;

    /** The body as buffers the caller owns, each copied out of a network buffer that is then released. */
    Flux<ByteBuffer> asFlux();

    /** The whole body; fails when it exceeds {@link #DEFAULT_MAX_AGGREGATE_BYTES}. */
    default Mono<byte[]> asBytes() {
        return asBytes(DEFAULT_MAX_AGGREGATE_BYTES);
    }

    /** The whole body; fails with a clear message when it exceeds {@code maxBytes}. */
    Mono<byte[]> asBytes(int maxBytes);

    /** The whole body decoded with the charset of its Content-Type, UTF-8 when it names none. */
    Mono<String> asString();

    Mono<String> asString(Charset charset);

    /** Reads and drops the rest of the body, so that the connection can serve another request. */
    Mono<Void> discard();
}
