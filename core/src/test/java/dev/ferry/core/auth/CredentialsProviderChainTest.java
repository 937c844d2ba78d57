package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CredentialsProviderChainTest {
    private static final Duration WAIT = Duration.ofSeconds(1);

    /** A provider that counts how often it is asked, and answers as told. */
    static final class Counting implements CredentialsProvider {
        final String name;
        final Mono<Credentials> answer;
        final AtomicInteger asked = new AtomicInteger();

        Counting(String name, Mono<Credentials> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public Mono<Credentials> resolve() {
            asked.incrementAndGet();
            return answer;
        }

        @Override
        public String describe() {
            return name;
        }
    }

    private static Counting none(String name, String why) {
        return new Counting(name, Mono.error(new CredentialsException(why)));
    }

    @Test
    void theFirstProviderWithCredentialsWinsAndTheRestAreNotAsked() {
        Credentials found = Credentials.of("AKIDSECOND", "secret");
        Counting first = none("first", "nothing here");
        Counting second = new Counting("second", Mono.just(found));
        Counting third = new Counting("third", Mono.just(Credentials.of("AKIDTHIRD", "secret")));

        StepVerifier.create(CredentialsProvider.chain(first, second, third).resolve())
                .expectNext(found)
                .expectComplete()
                .verify(WAIT);
        assertThat(List.of(first.asked.get(), second.asked.get(), third.asked.get())).containsExactly(1, 1, 0);
    }

    @Test
    void whenNoneHasCredentialsTheErrorListsEveryReason() {
        CredentialsProvider chain = CredentialsProvider.chain(
                none("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"),
                none("profile [default] in /home/u/.aws/credentials", "shared credentials file /home/u/.aws/credentials does not exist"));

        StepVerifier.create(chain.resolve())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CredentialsException.class)
                        .hasMessage("no credentials found; tried environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
                                + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set); profile [default] in"
                                + " /home/u/.aws/credentials (shared credentials file /home/u/.aws/credentials does not exist)"))
                .verify(WAIT);
    }

    @Test
    void eachResolveStartsAfreshWithoutEarlierReasons() {
        CredentialsProvider chain = CredentialsProvider.chain(none("only", "not here"));

        for (int i = 0; i < 2; i++) {
            StepVerifier.create(chain.resolve())
                    .expectErrorMessage("no credentials found; tried only (not here)")
                    .verify(WAIT);
        }
    }

    @Test
    void aRealFailureIsNotSwallowedAndStopsTheChain() {
        IllegalStateException broken = new IllegalStateException("token endpoint answered garbage");
        Counting failing = new Counting("broken", Mono.error(broken));
        Counting after = new Counting("after", Mono.just(Credentials.of("AKIDAFTER", "secret")));

        StepVerifier.create(CredentialsProvider.chain(failing, after).resolve())
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(broken))
                .verify(WAIT);
        assertThat(after.asked).hasValue(0);
    }

    @Test
    void aChainNeedsAProvider() {
        assertThatThrownBy(CredentialsProvider::chain).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one provider");
    }

    @Test
    void describeNamesTheProviders() {
        assertThat(CredentialsProvider.chain(none("a", "x"), none("b", "y")).describe()).isEqualTo("chain of a, b");
    }
}
