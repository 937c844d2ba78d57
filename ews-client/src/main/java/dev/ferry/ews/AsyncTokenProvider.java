package dev.ferry.ews;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Supplies the OAuth access token for EWS requests. The client asks for one with
 * {@code ignoreExistingToken = false} before every request (a provider should cache), and, when
 * Exchange answers 401, once with {@code true}: then the provider must fetch a new token rather than
 * return the one it holds. Cancelling the returned {@code Mono} cancels the fetch.
 *
 * <pre>{@code
 * AsyncTokenProvider entra = EntraTokenProvider.builder(tenantId, clientId, clientSecret).build();
 * AsyncTokenProvider mine = AsyncTokenProvider.fromFuture(ignore -> myMsal.acquire(ignore));  // CompletableFuture
 * AsyncTokenProvider legacy = AsyncTokenProvider.fromBlocking(ignore -> vault.fetchToken());   // runs off the event loops
 * }</pre>
 */
@FunctionalInterface
public interface AsyncTokenProvider {

    Mono<AccessToken> getAccessToken(boolean ignoreExistingToken);

    /**
     * Whether the tokens are app-only (client credentials): Exchange then needs to be told which
     * mailbox to act as, so the client refuses to connect without an impersonated mailbox.
     */
    default boolean isAppOnly() {
        return false;
    }

    /** A source that returns a {@code CompletableFuture}; cancelling the request cancels the future. */
    @FunctionalInterface
    interface FutureSource {
        CompletableFuture<AccessToken> getAccessToken(boolean ignoreExistingToken);
    }

    /** A source that blocks until it has the token; it is called on a bounded elastic thread. */
    @FunctionalInterface
    interface BlockingSource {
        AccessToken getAccessToken(boolean ignoreExistingToken) throws Exception;
    }

    static AsyncTokenProvider fromFuture(FutureSource source) {
        Objects.requireNonNull(source, "source");
        return ignore -> Mono.fromFuture(() -> source.getAccessToken(ignore), false);
    }

    static AsyncTokenProvider fromBlocking(BlockingSource source) {
        Objects.requireNonNull(source, "source");
        return ignore -> Mono.fromCallable(() -> source.getAccessToken(ignore)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Always the same token: for tests and short scripts; a 401 then fails after the one retry. */
    static AsyncTokenProvider of(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return ignore -> Mono.just(token);
    }
}
