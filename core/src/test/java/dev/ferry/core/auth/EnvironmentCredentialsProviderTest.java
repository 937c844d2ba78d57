package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class EnvironmentCredentialsProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(1);
    private final Map<String, String> env = new HashMap<>();
    private final EnvironmentCredentialsProvider provider = EnvironmentCredentialsProvider.aws().withEnvironment(env::get);

    @Test
    void readsTheKeyTheSecretAndTheTokenTrimmed() {
        env.put("AWS_ACCESS_KEY_ID", " AKIDENV ");
        env.put("AWS_SECRET_ACCESS_KEY", "secret\n");
        env.put("AWS_SESSION_TOKEN", "token");

        StepVerifier.create(provider.resolve())
                .expectNext(Credentials.of("AKIDENV", "secret", "token"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theTokenIsOptional() {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");

        StepVerifier.create(provider.resolve())
                .assertNext(c -> assertThat(c.hasSessionToken()).isFalse())
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void nothingSetSaysWhichVariablesWereLookedFor() {
        StepVerifier.create(provider.resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"))
                .verify(WAIT);
    }

    @Test
    void halfSetSaysWhichOneIsMissing() {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", "   ");

        StepVerifier.create(provider.resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("AWS_SECRET_ACCESS_KEY is not set, though AWS_ACCESS_KEY_ID is: set both"))
                .verify(WAIT);

        env.clear();
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        StepVerifier.create(provider.resolve())
                .expectErrorSatisfies(e -> assertThat(e).hasMessage("AWS_ACCESS_KEY_ID is not set, though AWS_SECRET_ACCESS_KEY is: set both"))
                .verify(WAIT);
    }

    @Test
    void theVariablesAreReadAgainOnEveryResolve() {
        StepVerifier.create(provider.resolve()).expectError(CredentialsException.class).verify(WAIT);

        env.put("AWS_ACCESS_KEY_ID", "AKIDLATE");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");

        StepVerifier.create(provider.resolve())
                .assertNext(c -> assertThat(c.accessKeyId()).isEqualTo("AKIDLATE"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void otherVariableNamesCanBeChosen() {
        env.put("OSS_ACCESS_KEY_ID", "LTAIOSS");
        env.put("OSS_ACCESS_KEY_SECRET", "oss-secret");
        EnvironmentCredentialsProvider oss = new EnvironmentCredentialsProvider("OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET",
                "OSS_SESSION_TOKEN", env::get);

        StepVerifier.create(oss.resolve())
                .expectNext(Credentials.of("LTAIOSS", "oss-secret"))
                .expectComplete()
                .verify(WAIT);
        assertThat(oss.describe()).isEqualTo("environment variables OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET");
    }
}
