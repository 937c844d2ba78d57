package dev.ferry.core.internal.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * A future fed by a {@code Mono}. Cancelling the future cancels the subscription, which closes the
 * exchange. It completes on {@code executor}, so that what a caller chains onto it never runs on an
 * event loop.
 */
final class CancellableFuture<T> extends CompletableFuture<T> {
    private final Relay relay = new Relay();
    private final Executor executor;

    private CancellableFuture(Executor executor) {
        this.executor = executor;
    }

    static <T> CancellableFuture<T> of(Mono<T> source, Executor executor) {
        CancellableFuture<T> future = new CancellableFuture<>(executor);
        source.subscribe(future.relay);
        return future;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            relay.dispose();
        }
        return cancelled;
    }

    private final class Relay extends BaseSubscriber<T> {
        private @Nullable T value;

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
            T result = value;
            executor.execute(() -> complete(result));
        }

        @Override
        protected void hookOnError(Throwable error) {
            executor.execute(() -> completeExceptionally(error));
        }
    }
}
