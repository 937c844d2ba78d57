package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class AsyncTokenProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AccessToken CACHED = new AccessToken("cached", Instant.now().plusSeconds(3600));
    private static final AccessToken FRESH = new AccessToken("fresh", Instant.now().plusSeconds(3600));

    @Test
    void fromFutureYieldsTheFuturesTokenAndPassesTheRefreshFlagThrough() {
        List<Boolean> asked = new CopyOnWriteArrayList<>();
        AsyncTokenProvider tokens = AsyncTokenProvider.fromFuture(ignore -> {
            asked.add(ignore);
            return CompletableFuture.completedFuture(ignore ? FRESH : CACHED);
        });

        var first = tokens.getAccessToken(false);
        var refreshed = tokens.getAccessToken(true);
        // The source is asked on subscription, not when the Mono is made: the retry after a 401 resubscribes.
        assertThat(asked).isEmpty();
        StepVerifier.create(first).expectNext(CACHED).expectComplete().verify(WAIT);
        StepVerifier.create(refreshed).expectNext(FRESH).expectComplete().verify(WAIT);
        assertThat(asked).containsExactly(false, true);
    }

    @Test
    void fromFutureFailsWithTheFuturesOwnError() {
        IllegalStateException sealed = new IllegalStateException("vault sealed");
        CompletableFuture<AccessToken> later = new CompletableFuture<>();

        StepVerifier.create(AsyncTokenProvider.fromFuture(ignore -> CompletableFuture.failedFuture(sealed)).getAccessToken(false))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(sealed))
                .verify(WAIT);
        StepVerifier.create(AsyncTokenProvider.fromFuture(ignore -> later).getAccessToken(false))
                .then(() -> later.completeExceptionally(sealed))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(sealed))
                .verify(WAIT);
    }

    @Test
    void cancellingTheMonoOfFromFutureCancelsTheFuture() {
        CompletableFuture<AccessToken> pending = new CompletableFuture<>();
        AsyncTokenProvider tokens = AsyncTokenProvider.fromFuture(ignore -> pending);

        Disposable subscription = tokens.getAccessToken(false).subscribe();
        assertThat(pending).isNotCancelled();
        subscription.dispose();

        assertThat(pending).isCancelled();
    }

    @Test
    void fromBlockingYieldsTheSourcesTokenAndPassesTheRefreshFlagThrough() {
        List<Boolean> asked = new CopyOnWriteArrayList<>();
        AsyncTokenProvider tokens = AsyncTokenProvider.fromBlocking(ignore -> {
            asked.add(ignore);
            return ignore ? FRESH : CACHED;
        });

        StepVerifier.create(tokens.getAccessToken(false)).expectNext(CACHED).expectComplete().verify(WAIT);
        StepVerifier.create(tokens.getAccessToken(true)).expectNext(FRESH).expectComplete().verify(WAIT);
        assertThat(asked).containsExactly(false, true);
    }

    @Test
    void fromBlockingFailsWithTheSourcesOwnCheckedException() {
        IOException unreachable = new IOException("vault unreachable");

        StepVerifier.create(AsyncTokenProvider.fromBlocking(ignore -> {
                    throw unreachable;
                }).getAccessToken(false))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(unreachable))
                .verify(WAIT);
    }

    @Test
    void fromBlockingRunsTheSourceOffTheEventLoopThatAsks() {
        // The client asks for a token on an event loop; a NonBlocking thread stands in for one.
        Scheduler loop = Schedulers.newParallel("loop", 1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicReference<Boolean> nonBlocking = new AtomicReference<>();
        AsyncTokenProvider tokens = AsyncTokenProvider.fromBlocking(ignore -> {
            ranOn.set(Thread.currentThread().getName());
            nonBlocking.set(Schedulers.isInNonBlockingThread());
            // BlockHound is on in the tests: this sleep on an event loop would fail the fetch.
            Thread.sleep(5);
            return CACHED;
        });
        try {
            StepVerifier.create(tokens.getAccessToken(false).subscribeOn(loop)).expectNext(CACHED).expectComplete().verify(WAIT);
        } finally {
            loop.dispose();
        }

        assertThat(nonBlocking.get()).isFalse();
        assertThat(ranOn.get()).startsWith("boundedElastic");
    }
}
