package dev.ferry.core.http;

import dev.ferry.core.internal.body.FluxInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A response's head and its body, still arriving: what {@link BodyReader#toPublisher()} gives. The
 * exchange stays open until the body has been read to the end, cancelled, or {@link #discard()}ed,
 * so read it (once) or discard it; an abandoned stream holds its connection until the read timeout
 * closes it.
 *
 * <pre>{@code
 * s3.getObject(request, BodyReader.toPublisher())
 *   .flatMapMany(stream -> stream.body())     // ByteBuffers as they arrive, at the subscriber's pace
 * }</pre>
 */
public final class ResponseStream<M> {
    private final M response;
    private final Flux<ByteBuffer> body;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Sinks.Empty<Void> released = Sinks.empty();

    public ResponseStream(M response, Flux<ByteBuffer> body) {
        this.response = response;
        this.body = body.doFinally(signal -> released.tryEmitEmpty());
    }

    public M response() {
        return response;
    }

    /** The body; it can be subscribed once. */
    public Flux<ByteBuffer> body() {
        return Flux.defer(() -> subscribed.compareAndSet(false, true)
                ? body
                : Flux.error(new IllegalStateException("this response body was already read (or discarded); it streams once")));
    }

    /**
     * The body as a blocking {@link InputStream}, buffering a few network reads ahead. Reads block the
     * calling thread, which must not be an event loop; {@code close()} before the end cancels the rest.
     */
    public InputStream asInputStream() {
        return new FluxInputStream(body(), 8);
    }

    /** Gives the body up without reading it: the connection is closed rather than drained. */
    public void discard() {
        if (subscribed.compareAndSet(false, true)) {
            body.subscribe(buffer -> { }, error -> { }).dispose();
            released.tryEmitEmpty();
        }
    }

    /** Completes once the body has been read, cancelled or discarded: until then the exchange stays open. */
    public Mono<Void> whenReleased() {
        return released.asMono();
    }

    @Override
    public String toString() {
        return "ResponseStream[" + response + "]";
    }
}
