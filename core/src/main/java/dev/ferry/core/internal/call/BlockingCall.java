package dev.ferry.core.internal.call;

import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * Runs a {@code Mono} to completion on the calling thread. Interrupting the thread cancels the
 * operation (the exchange is closed) and keeps the interrupt flag set.
 */
final class BlockingCall<T> extends BaseSubscriber<T> {
    private final CountDownLatch done = new CountDownLatch(1);
    private @Nullable T value;
    private @Nullable Throwable failure;

    static <T> @Nullable T await(Mono<T> source, String operation) {
        Await.refuseOnEventLoop("blocking " + operation);
        BlockingCall<T> call = new BlockingCall<>();
        source.subscribe(call);
        try {
            call.done.await();
        } catch (InterruptedException e) {
            call.dispose();
            Thread.currentThread().interrupt();
            throw Await.cancelled(operation + " (thread interrupted)", e);
        }
        if (call.failure != null) {
            throw Await.rethrow(call.failure);
        }
        return call.value;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(T next) {
        value = next;
    }

    @Override
    protected void hookOnComplete() {
        done.countDown();
    }

    @Override
    protected void hookOnError(Throwable error) {
        failure = error;
        done.countDown();
    }
}
