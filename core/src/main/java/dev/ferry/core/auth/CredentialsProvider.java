package dev.ferry.core.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * Supplies credentials when a request is signed. Called once per attempt, so a provider that
 * refreshes temporary credentials is picked up by retries; providers that read files cache.
 *
 * <pre>{@code
 * CredentialsProvider.of(Credentials.of("AKIA...", secret))
 * CredentialsProvider.environment()             // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
 * CredentialsProvider.profile("dev")            // [dev] in ~/.aws/credentials
 * CredentialsProvider.chain(environment(), profile())
 * }</pre>
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** The credentials, or a {@link CredentialsException} saying why there are none. */
    Mono<Credentials> resolve();

    /** A short description for error messages ("environment variables AWS_ACCESS_KEY_ID..."). */
    default String describe() {
        return getClass().getSimpleName();
    }

    static CredentialsProvider of(Credentials credentials) {
        return new StaticCredentialsProvider(credentials);
    }

    /** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and optionally {@code AWS_SESSION_TOKEN}. */
    static CredentialsProvider environment() {
        return EnvironmentCredentialsProvider.aws();
    }

    /** Credentials from three environment variables of the caller's choosing (OSS uses {@code OSS_*}). */
    static CredentialsProvider environment(String accessKeyIdVariable, String secretVariable, String sessionTokenVariable) {
        return new EnvironmentCredentialsProvider(accessKeyIdVariable, secretVariable, sessionTokenVariable, System::getenv);
    }

    /**
     * The same three variables looked up in {@code environment} instead of the process environment:
     * a map a program was handed ({@code map::get}), a configuration source, or a test's fake one.
     */
    static CredentialsProvider environment(String accessKeyIdVariable, String secretVariable, String sessionTokenVariable,
                                           UnaryOperator<String> environment) {
        return new EnvironmentCredentialsProvider(accessKeyIdVariable, secretVariable, sessionTokenVariable,
                java.util.Objects.requireNonNull(environment, "environment"));
    }

    /** The profile named by {@code AWS_PROFILE}, else {@code default}, in the shared credentials file. */
    static CredentialsProvider profile() {
        return ProfileCredentialsProvider.fromEnvironment(null);
    }

    static CredentialsProvider profile(String profileName) {
        return ProfileCredentialsProvider.fromEnvironment(profileName);
    }

    static CredentialsProvider profile(Path credentialsFile, String profileName) {
        return new ProfileCredentialsProvider(credentialsFile, profileName);
    }

    /** The first provider that has credentials wins; if none has, the error lists why each one failed. */
    static CredentialsProvider chain(CredentialsProvider... providers) {
        return new CredentialsProviderChain(List.of(providers));
    }

    /** The environment, then the shared credentials file. */
    static CredentialsProvider defaultChain() {
        return chain(environment(), profile());
    }
}
