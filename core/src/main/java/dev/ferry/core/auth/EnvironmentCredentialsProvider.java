package dev.ferry.core.auth;

import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Reads the variables on every call: a test or a rotating agent may change them. */
final class EnvironmentCredentialsProvider implements CredentialsProvider {
    private final String idVariable;
    private final String secretVariable;
    private final String tokenVariable;
    private final UnaryOperator<String> environment;

    EnvironmentCredentialsProvider(String idVariable, String secretVariable, String tokenVariable,
                                   UnaryOperator<String> environment) {
        this.idVariable = idVariable;
        this.secretVariable = secretVariable;
        this.tokenVariable = tokenVariable;
        this.environment = environment;
    }

    static EnvironmentCredentialsProvider aws() {
        return new EnvironmentCredentialsProvider("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", System::getenv);
    }

    /** The same variables looked up somewhere else than the process environment (tests). */
    EnvironmentCredentialsProvider withEnvironment(UnaryOperator<String> lookup) {
        return new EnvironmentCredentialsProvider(idVariable, secretVariable, tokenVariable, lookup);
    }

    @Override
    public Mono<Credentials> resolve() {
        return Mono.fromCallable(() -> {
            String id = trimmed(environment.apply(idVariable));
            String secret = trimmed(environment.apply(secretVariable));
            if (id == null && secret == null) {
                throw new CredentialsException(idVariable + " and " + secretVariable + " are not set");
            }
            if (id == null || secret == null) {
                throw new CredentialsException((id == null ? idVariable : secretVariable) + " is not set, though "
                        + (id == null ? secretVariable : idVariable) + " is: set both");
            }
            return Credentials.of(id, secret, trimmed(environment.apply(tokenVariable)));
        });
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String describe() {
        return "environment variables " + idVariable + "/" + secretVariable;
    }

    @Override
    public String toString() {
        return "CredentialsProvider.environment(" + idVariable + ", " + secretVariable + ", " + tokenVariable + ")";
    }
}
