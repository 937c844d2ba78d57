package dev.ferry.core.internal.body;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking {@link InputStream} over a {@code Flux<ByteBuffer>}: it asks for at most
 * {@code prefetch} buffers ahead of the reader, so memory stays bounded however large the stream.
 *
 * <p>The buffers arrive on an event loop, which must never wait: they are handed over through a
 * lock-free queue and the reader is woken with {@code unpark}. (A lock-based blocking queue made
 * the event loop wait whenever the reader held its lock; BlockHound turned that wait into an error
 * that could lose the end of the body and leave the reader waiting for ever.)
 */
public final class FluxInputStream extends InputStream {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Flux<ByteBuffer> source;
    private final int prefetch;
    private final Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    /** The thread waiting in {@link #nextBuffer}, for the relay to wake. */
    private volatile @Nullable Thread waiter;
    private @Nullable Relay relay;
    private @Nullable ByteBuffer current;
    private volatile @Nullable Throwable failure;
    private boolean closed;
    private int consumedSinceRequest;

    public FluxInputStream(Flux<ByteBuffer> source, int prefetch) {
        this.source = source;
        this.prefetch = prefetch;
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
            current = take();
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

    /** The next buffer or END, waiting for it; the relay offers and then unparks this thread. */
    private ByteBuffer take() throws InterruptedIOException {
        ByteBuffer next = queue.poll();
        if (next != null) {
            return next;
        }
        waiter = Thread.currentThread();
        try {
            // Checked again after publishing the waiter: a buffer offered in between is not missed,
            // and an unpark that came before the park makes the park return at once.
            while ((next = queue.poll()) == null) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new InterruptedIOException("interrupted while waiting for the response body");
                }
                LockSupport.park(this);
            }
            return next;
        } finally {
            waiter = null;
        }
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
            // Never blocks, and holds at most prefetch buffers beyond what the reader took.
            hand(value);
        }

        @Override
        protected void hookOnComplete() {
            hand(END);
        }

        @Override
        protected void hookOnError(Throwable error) {
            failure = error;
            hand(END);
        }

        private void hand(ByteBuffer buffer) {
            queue.offer(buffer);
            Thread reader = waiter;
            if (reader != null) {
                LockSupport.unpark(reader);
            }
        }
    }
}
