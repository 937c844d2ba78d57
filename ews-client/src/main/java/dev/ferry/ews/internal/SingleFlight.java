package dev.ferry.ews.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One fetch at a time, shared by every caller that asks while it runs: the first caller starts it,
 * the others get the same result; once it ends, the next caller starts a new one. Token refreshes
 * use it so that a burst of requests (or of 401s) costs one round trip to the token endpoint.
 */
public final class SingleFlight<T> {
    private final AtomicReference<@Nullable Mono<T>> inflight = new AtomicReference<>();

    public Mono<T> join(Supplier<Mono<T>> fetch) {
        return Mono.defer(() -> {
            while (true) {
                Mono<T> current = inflight.get();
                if (current != null) {
                    return current;
                }
                AtomicReference<@Nullable Mono<T>> self = new AtomicReference<>();
                // Cleared before the result reaches anyone: a caller that asks right after being
                // answered starts a new fetch instead of getting the finished one's result again.
                Runnable clear = () -> inflight.compareAndSet(self.get(), null);
                Mono<T> shared = Mono.defer(fetch)
                        .doOnSuccess(value -> clear.run())
                        .doOnError(error -> clear.run())
                        .doOnCancel(clear)
                        .cache();
                self.set(shared);
                if (inflight.compareAndSet(null, shared)) {
                    return shared;
                }
            }
        });
    }
}
