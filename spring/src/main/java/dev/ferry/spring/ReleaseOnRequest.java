package dev.ferry.spring;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Hands on each {@link DataBuffer}'s bytes as a {@link ByteBuffer} sharing its memory, and releases
 * the {@code DataBuffer} only when the consumer asks for more (or cancels): a consumer that copies
 * each buffer before it requests the next, possibly on another thread, is done with every buffer it
 * was given by the time it calls {@code request}. So that the last buffer is released too, the end
 * of the stream is passed on at that next request (or at once when the consumer has demand left, as
 * a consumer that requested ahead copies in {@code onNext}).
 */
final class ReleaseOnRequest extends Flux<ByteBuffer> {
    private final Flux<? extends DataBuffer> source;

    ReleaseOnRequest(Flux<? extends DataBuffer> source) {
        this.source = source;
    }

    @Override
    public void subscribe(CoreSubscriber<? super ByteBuffer> actual) {
        source.subscribe(new Relay(actual));
    }

    private static final class Relay implements CoreSubscriber<DataBuffer>, Subscription {
        private final CoreSubscriber<? super ByteBuffer> actual;
        private @Nullable Subscription upstream;
        /** Delivered and not yet released; guarded by this. */
        private final ArrayDeque<DataBuffer> delivered = new ArrayDeque<>();
        private long demand;
        private boolean terminated;
        private boolean cancelled;
        private @Nullable Throwable error;
        private boolean terminalPending;

        Relay(CoreSubscriber<? super ByteBuffer> actual) {
            this.actual = actual;
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(DataBuffer buffer) {
            ByteBuffer view;
            try {
                view = viewOf(buffer);
            } catch (RuntimeException e) {
                DataBufferUtils.release(buffer);
                cancel();
                onError(e);
                return;
            }
            synchronized (this) {
                if (cancelled) {
                    DataBufferUtils.release(buffer);
                    return;
                }
                demand--;
                // Recorded before onNext: a consumer may copy and request on another thread before
                // onNext returns, and its request must then release this buffer.
                delivered.add(buffer);
            }
            actual.onNext(view);
        }

        /** The buffer's bytes without a copy when they are one region; a rare composite buffer is copied. */
        private static ByteBuffer viewOf(DataBuffer buffer) {
            try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
                ByteBuffer first = views.hasNext() ? views.next() : ByteBuffer.allocate(0);
                if (!views.hasNext()) {
                    return first;
                }
            }
            ByteBuffer copy = ByteBuffer.allocate(buffer.readableByteCount());
            buffer.toByteBuffer(copy);
            return copy;
        }

        @Override
        public void onError(Throwable t) {
            terminate(t);
        }

        @Override
        public void onComplete() {
            terminate(null);
        }

        private void terminate(@Nullable Throwable t) {
            List<DataBuffer> release;
            synchronized (this) {
                if (terminated || cancelled) {
                    return;
                }
                terminated = true;
                if (!delivered.isEmpty() && demand == 0) {
                    error = t;
                    terminalPending = true;
                    return;
                }
                release = drain();
            }
            release.forEach(DataBufferUtils::release);
            signal(t);
        }

        private void signal(@Nullable Throwable t) {
            if (t == null) {
                actual.onComplete();
            } else {
                actual.onError(t);
            }
        }

        @Override
        public void request(long n) {
            if (!Operators.validate(n)) {
                return;
            }
            List<DataBuffer> release;
            boolean finish;
            Throwable t;
            synchronized (this) {
                release = drain();
                demand = Operators.addCap(demand, n);
                finish = terminalPending;
                terminalPending = false;
                t = error;
            }
            release.forEach(DataBufferUtils::release);
            if (finish) {
                signal(t);
            } else if (upstream != null) {
                upstream.request(n);
            }
        }

        @Override
        public void cancel() {
            List<DataBuffer> release;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                release = drain();
            }
            release.forEach(DataBufferUtils::release);
            if (upstream != null) {
                upstream.cancel();
            }
        }

        private List<DataBuffer> drain() {
            List<DataBuffer> out = new ArrayList<>(delivered);
            delivered.clear();
            return out;
        }
    }
}
