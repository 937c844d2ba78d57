package dev.ferry.core.internal.body;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** A caller's publisher: sent once. A second subscription fails instead of silently sending nothing. */
public final class PublisherBody implements RequestBody {
    private final Publisher<ByteBuffer> publisher;
    private final long length;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    public PublisherBody(Publisher<ByteBuffer> publisher, long length) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public boolean isReplayable() {
        return false;
    }

    @Override
    public Flux<ByteBuffer> content() {
        return Flux.defer(() -> subscribed.compareAndSet(false, true)
                ? Flux.from(publisher)
                : Flux.error(new IllegalStateException("this request body comes from a publisher and was already sent once;"
                        + " it cannot be replayed (use a byte array, buffer or file body for retries)")));
    }

    @Override
    public String toString() {
        return "RequestBody.fromPublisher(" + (length < 0 ? "unknown length" : length + " bytes") + ")";
    }
}
