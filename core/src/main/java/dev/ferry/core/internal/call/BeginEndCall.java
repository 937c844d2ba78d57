package dev.ferry.core.internal.call;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.call.WaitHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * One operation started by a {@code begin...} method. It completes exactly once (value, error or
 * cancellation) and then runs the callback exactly once: inline when the operation finished before
 * {@code begin...} returned, else on the callback executor.
 */
final class BeginEndCall<T> implements AsyncResult<T>, WaitHandle {
    private static final Logger log = LoggerFactory.getLogger(BeginEndCall.class);

    final Object view;
    final String operation;
    private final @Nullable AsyncCallback<T> callback;
    private final @Nullable Object state;
    private final Executor executor;
    private final Thread beginThread = Thread.currentThread();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    private volatile boolean beginReturned;
    private volatile boolean completedSynchronously;
    private final Relay relay = new Relay();
    private volatile @Nullable T value;
    private volatile @Nullable Throwable failure;

    BeginEndCall(Object view, String operation, @Nullable AsyncCallback<T> callback, @Nullable Object state, Executor executor) {
        this.view = view;
        this.operation = operation;
        this.callback = callback;
        this.state = state;
        this.executor = executor;
    }

    void start(Mono<T> source) {
        source.subscribe(relay);
        beginReturned = true;
    }

    /** For operations that failed before there was anything to subscribe to (an argument refused). */
    void failNow(Throwable error) {
        finish(null, error);
        beginReturned = true;
    }

    private void finish(@Nullable T result, @Nullable Throwable error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        value = result;
        failure = error;
        completedSynchronously = !beginReturned && Thread.currentThread() == beginThread;
        done.countDown();
        if (callback != null) {
            if (completedSynchronously) {
                runCallback();
            } else {
                executor.execute(this::runCallback);
            }
        }
    }

    private void runCallback() {
        try {
            callback.onComplete(this);
        } catch (RuntimeException | Error e) {
            // The callback is the caller's code; its failure must not be mistaken for the operation's.
            log.warn("the callback of {} threw", operation, e);
        }
    }

    @Override
    public boolean isCompleted() {
        return done.getCount() == 0;
    }

    @Override
    public @Nullable Object asyncState() {
        return state;
    }

    @Override
    public WaitHandle waitHandle() {
        return this;
    }

    @Override
    public boolean completedSynchronously() {
        return completedSynchronously;
    }

    @Override
    public boolean cancel() {
        if (isCompleted()) {
            return false;
        }
        relay.dispose();
        finish(null, Await.cancelled(operation, null));
        return true;
    }

    @Override
    public void await() throws InterruptedException {
        if (!isCompleted()) {
            Await.refuseOnEventLoop("waiting for " + operation);
            done.await();
        }
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        if (isCompleted()) {
            return true;
        }
        Await.refuseOnEventLoop("waiting for " + operation);
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for completion, then returns the value or throws the operation's exception. */
    @Nullable T end() {
        if (!isCompleted()) {
            Await.refuseOnEventLoop("end" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Await.cancelled(operation + " (interrupted while waiting in end)", e);
            }
        }
        Throwable error = failure;
        if (error != null) {
            throw Await.rethrow(error);
        }
        return value;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + operation + (isCompleted() ? (failure == null ? ", completed" : ", failed: " + failure) : ", running") + "]";
    }

    /** Receives the operation's outcome; kept apart because a subscriber's cancel() means something else. */
    private final class Relay extends BaseSubscriber<T> {
        private @Nullable T pending;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(T next) {
            pending = next;
        }

        @Override
        protected void hookOnComplete() {
            finish(pending, null);
        }

        @Override
        protected void hookOnError(Throwable error) {
            finish(null, error);
        }
    }
}
