package dev.ferry.core.auth;

import java.util.Objects;
import reactor.core.publisher.Mono;

final class StaticCredentialsProvider implements CredentialsProvider {
    private final Mono<Credentials> credentials;
    private final String keyId;

    StaticCredentialsProvider(Credentials credentials) {
        this.credentials = Mono.just(Objects.requireNonNull(credentials, "credentials"));
        this.keyId = credentials.accessKeyId();
    }

    @Override
    public Mono<Credentials> resolve() {
        return credentials;
    }

    @Override
    public String describe() {
        return "static credentials " + keyId;
    }

    @Override
    public String toString() {
        return "CredentialsProvider.of(" + keyId + ")";
    }
}
