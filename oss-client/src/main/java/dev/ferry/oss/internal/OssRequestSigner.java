package dev.ferry.oss.internal;

import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.client.RequestSigner;
import dev.ferry.core.http.HttpRequest;
import reactor.core.publisher.Mono;

/**
 * Signs each attempt of one request: resolves the credentials again (a rotating provider is picked
 * up by retries) and signs with the current, skew-corrected time.
 */
record OssRequestSigner(OssSigner signer, CredentialsProvider credentials, SigningClock clock, OssResource resource)
        implements RequestSigner {

    @Override
    public Mono<HttpRequest> sign(HttpRequest request) {
        return credentials.resolve().map(c -> signer.sign(request, resource, c, clock.now()).request());
    }
}
