package dev.ferry.core.internal.body;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking {@link InputStream} over a {@code Flux<ByteBuffer>}: it asks for at most
 * {@code prefetch} buffers ahead of the reader, so memory stays bounded however large the stream.
 */
public final class FluxInputStream extends InputStream {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Flux<ByteBuffer> source;
    private final int prefetch;
    private final BlockingQueue<ByteBuffer> queue;
    private @Nullable Relay relay;
    private @Nullable ByteBuffer current;
    private volatile @Nullable Throwable failure;
    private boolean closed;
    private int consumedSinceRequest;

    public FluxInputStream(Flux<ByteBuffer> source, int prefetch) {
        this.source = source;
        this.prefetch = prefetch;
        // One slot more than requested for the end marker.
        this.queue = new ArrayBlockingQueue<>(prefetch + 1);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = nextBuffer();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        ByteBuffer c = current;
        return c == null || c == END ? 0 : c.remaining();
    }

    private @Nullable ByteBuffer nextBuffer() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (relay == null) {
            if (Schedulers.isInNonBlockingThread()) {
                throw new IllegalStateException("reading an InputStream would block " + Thread.currentThread().getName()
                        + ", an event loop; read the body as a Flux there instead");
            }
            relay = new Relay();
            source.subscribe(relay);
        }
        while (current == null || (current != END && !current.hasRemaining())) {
            if (current != null && current != END) {
                replenish();
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
        }
        if (current == END) {
            Throwable error = failure;
            if (error != null) {
                throw new IOException("the response body failed: " + error.getMessage(), error);
            }
            return null;
        }
        return current;
    }

    /** Asks for more in batches of half the prefetch, so the network is not asked one buffer at a time. */
    private void replenish() {
        if (++consumedSinceRequest >= Math.max(1, prefetch / 2)) {
            relay.request(consumedSinceRequest);
            consumedSinceRequest = 0;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (relay != null) {
                relay.dispose();
            }
            queue.clear();
        }
    }

    private final class Relay extends BaseSubscriber<ByteBuffer> {
        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(prefetch);
        }

        @Override
        protected void hookOnNext(ByteBuffer value) {
            // Never blocks: at most prefetch buffers are requested beyond what the reader took.
            queue.offer(value);
        }

        @Override
        protected void hookOnComplete() {
            queue.offer(END);
        }

        @Override
        protected void hookOnError(Throwable error) {
            failure = error;
            queue.offer(END);
        }
    }
}
