package dev.ferry.core.client;

import dev.ferry.core.http.HttpRequest;
import reactor.core.publisher.Mono;

/**
 * Prepares a request for one attempt: adds the date, the credentials' signature, a token; may wrap
 * the body (signed chunks). Called again for every attempt, so a retry carries a fresh signature.
 */
@FunctionalInterface
public interface RequestSigner {
    Mono<HttpRequest> sign(HttpRequest request);

    static RequestSigner none() {
        return Mono::just;
    }
}
