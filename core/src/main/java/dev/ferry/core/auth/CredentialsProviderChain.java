package dev.ferry.core.auth;

import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Tries each provider in turn. Only a {@link CredentialsException} ("none here") moves on to the
 * next one; any other failure is real and surfaces as it is.
 */
final class CredentialsProviderChain implements CredentialsProvider {
    private final List<CredentialsProvider> providers;

    CredentialsProviderChain(List<CredentialsProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a credentials chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
    }

    @Override
    public Mono<Credentials> resolve() {
        return Mono.defer(() -> attempt(0, new ArrayList<>()));
    }

    private Mono<Credentials> attempt(int index, List<String> reasons) {
        if (index == providers.size()) {
            return Mono.error(new CredentialsException("no credentials found; tried " + String.join("; ", reasons)));
        }
        CredentialsProvider provider = providers.get(index);
        return provider.resolve().onErrorResume(CredentialsException.class, e -> {
            reasons.add(provider.describe() + " (" + e.getMessage() + ")");
            return attempt(index + 1, reasons);
        });
    }

    @Override
    public String describe() {
        List<String> names = new ArrayList<>();
        providers.forEach(p -> names.add(p.describe()));
        return "chain of " + String.join(", ", names);
    }

    @Override
    public String toString() {
        return "CredentialsProvider.chain(" + providers + ")";
    }
}
