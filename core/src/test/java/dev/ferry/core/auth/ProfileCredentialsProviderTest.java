package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ProfileCredentialsProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final String FILE = """
            # shared credentials
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret

            ; the development account
            [profile dev]
              AWS_ACCESS_KEY_ID=AKIDDEV
              aws_secret_access_key=dev/secret+with=equals
              aws_session_token = dev-token

            [nokey]
            aws_secret_access_key = lonely-secret

            [nosecret]
            aws_access_key_id = AKIDNOSECRET
            """;

    @TempDir
    Path dir;

    private Path credentials() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, FILE);
        return file;
    }

    @Test
    void readsTheDefaultProfile() throws Exception {
        StepVerifier.create(new ProfileCredentialsProvider(credentials(), "default").resolve())
                .expectNext(Credentials.of("AKIDDEFAULT", "default-secret"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void readsANamedProfileSpelledTheWayTheConfigFileSpellsIt() throws Exception {
        StepVerifier.create(CredentialsProvider.profile(credentials(), "dev").resolve())
                .expectNext(Credentials.of("AKIDDEV", "dev/secret+with=equals", "dev-token"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aProfileWithoutAKeySaysWhichKey() throws Exception {
        Path file = credentials();

        StepVerifier.create(new ProfileCredentialsProvider(file, "nokey").resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("profile [nokey] in " + file + " lacks aws_access_key_id"))
                .verify(WAIT);
        StepVerifier.create(new ProfileCredentialsProvider(file, "nosecret").resolve())
                .expectErrorSatisfies(e -> assertThat(e).hasMessage("profile [nosecret] in " + file + " lacks aws_secret_access_key"))
                .verify(WAIT);
    }

    @Test
    void aMissingProfileSaysSo() throws Exception {
        Path file = credentials();

        StepVerifier.create(new ProfileCredentialsProvider(file, "prod").resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("profile [prod] is not in " + file))
                .verify(WAIT);
    }

    @Test
    void aMissingFileSaysSoAndIsLookedForAgainNextTime() throws Exception {
        Path file = dir.resolve("later");
        ProfileCredentialsProvider provider = new ProfileCredentialsProvider(file, "default");

        StepVerifier.create(provider.resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("shared credentials file " + file + " does not exist"))
                .verify(WAIT);

        Files.writeString(file, FILE);
        StepVerifier.create(provider.resolve())
                .assertNext(c -> assertThat(c.accessKeyId()).isEqualTo("AKIDDEFAULT"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theFileIsReadOnceAndCached() throws Exception {
        Path file = credentials();
        ProfileCredentialsProvider provider = new ProfileCredentialsProvider(file, "default");
        StepVerifier.create(provider.resolve()).expectNextCount(1).expectComplete().verify(WAIT);

        Files.delete(file);

        StepVerifier.create(provider.resolve())
                .assertNext(c -> assertThat(c.accessKeyId()).isEqualTo("AKIDDEFAULT"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aCommentAfterASectionHeaderStillStartsThatSection() throws Exception {
        Path file = dir.resolve("commented");
        Files.writeString(file, """
                [default]
                aws_access_key_id = AKIDDEFAULT
                aws_secret_access_key = default-secret
                [ops] ; the operations account
                aws_access_key_id = AKIDOPS
                aws_secret_access_key = ops-secret
                """);

        StepVerifier.create(new ProfileCredentialsProvider(file, "default").resolve())
                .expectNext(Credentials.of("AKIDDEFAULT", "default-secret"))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(new ProfileCredentialsProvider(file, "ops").resolve())
                .expectNext(Credentials.of("AKIDOPS", "ops-secret"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void resolvingFromAnEventLoopReadsTheFileElsewhere() throws Exception {
        // BlockHound is on: reading the file on this NonBlocking thread would fail the resolve.
        Scheduler loop = Schedulers.newParallel("loop", 1);
        try {
            StepVerifier.create(new ProfileCredentialsProvider(credentials(), "default").resolve().subscribeOn(loop))
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(WAIT);
        } finally {
            loop.dispose();
        }
    }

    @Test
    void describeNamesTheProfileAndTheFile() throws Exception {
        Path file = credentials();

        assertThat(new ProfileCredentialsProvider(file, "dev").describe()).isEqualTo("profile [dev] in " + file);
    }
}
