package dev.ferry.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class RetryPolicyTest {
    private static final URI ENDPOINT = URI.create("http://localhost:9000");
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static HttpRequest request(String method) {
        return HttpRequest.builder(method, ENDPOINT).body(RequestBody.fromString("x")).build();
    }

    private static ServiceException serviceError(boolean retryable, boolean throttling, Duration retryAfter) {
        return new ServiceException("failed", 503, "SlowDown", null, retryable, throttling, retryAfter, null);
    }

    private static TransportException transport(Reason reason, boolean sent) {
        return new TransportException("failed", reason, sent, null);
    }

    @Test
    void aRetryableServiceErrorOnAnIdempotentRequestIsRetriedUntilTheLastAttempt() {
        ServiceException e = serviceError(true, false, null);

        assertThat(policy.shouldRetry(e, request("PUT"), 1)).isTrue();
        assertThat(policy.shouldRetry(e, request("PUT"), 2)).isTrue();
        assertThat(policy.shouldRetry(e, request("PUT"), 3)).isFalse();
    }

    @Test
    void aServiceErrorIsNeverRetriedForANonIdempotentRequest() {
        assertThat(policy.shouldRetry(serviceError(true, false, null), request("POST"), 1)).isFalse();
        assertThat(policy.shouldRetry(serviceError(true, false, null), request("POST").toBuilder().idempotent(true).build(), 1)).isTrue();
    }

    @Test
    void aNonRetryableServiceErrorIsNotRetried() {
        assertThat(policy.shouldRetry(serviceError(false, false, null), request("GET"), 1)).isFalse();
    }

    @Test
    void aTransportFailureIsRetriedWhenTheRequestWasNotSentWhateverTheMethod() {
        assertThat(policy.shouldRetry(transport(Reason.CONNECT_FAILED, false), request("POST"), 1)).isTrue();
        assertThat(policy.shouldRetry(transport(Reason.CONNECTION_CLOSED, true), request("POST"), 1)).isFalse();
        assertThat(policy.shouldRetry(transport(Reason.CONNECTION_CLOSED, true), request("PUT"), 1)).isTrue();
    }

    @Test
    void failuresThatWillNotPassAreNotRetried() {
        assertThat(policy.shouldRetry(transport(Reason.REQUEST_BODY_FAILED, false), request("PUT"), 1)).isFalse();
        assertThat(policy.shouldRetry(transport(Reason.TLS_FAILED, false), request("PUT"), 1)).isFalse();
        assertThat(policy.shouldRetry(new IllegalStateException("bug"), request("GET"), 1)).isFalse();
    }

    @Test
    void aBodyThatCannotBeReplayedIsNeverRetried() {
        HttpRequest put = request("PUT").toBuilder().body(RequestBody.fromPublisher(Flux.just(ByteBuffer.allocate(1)), 1)).build();

        assertThat(policy.shouldRetry(transport(Reason.CONNECT_FAILED, false), put, 1)).isFalse();
        assertThat(policy.shouldRetry(serviceError(true, false, null), put, 1)).isFalse();
    }

    @Test
    void anEmptyPublisherBodyHasNothingToReplayAndMayBeRetried() {
        HttpRequest put = request("PUT").toBuilder().body(RequestBody.fromPublisher(Flux.empty(), 0)).build();

        assertThat(policy.shouldRetry(transport(Reason.CONNECT_FAILED, false), put, 1)).isTrue();
    }

    @Test
    void delaysStayBetweenZeroAndTheCappedExponentialCeiling() {
        Throwable e = transport(Reason.CONNECT_FAILED, false);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(5_000, 100L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delayAfter(attempt, e).toMillis()).as("attempt %d", attempt).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void delaysAreJittered() {
        Throwable e = transport(Reason.CONNECT_FAILED, false);
        long distinct = java.util.stream.IntStream.range(0, 200).mapToLong(i -> policy.delayAfter(4, e).toMillis()).distinct().count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void aThrottlingErrorBacksOffFromTheLongerBase() {
        ServiceException throttled = serviceError(true, true, null);
        long longest = 0;
        for (int i = 0; i < 500; i++) {
            long d = policy.delayAfter(1, throttled).toMillis();
            assertThat(d).isBetween(0L, 1_000L);
            longest = Math.max(longest, d);
        }
        assertThat(longest).as("draws from [0, 1000], not [0, 100]").isGreaterThan(100);
    }

    @Test
    void aRetryAfterTheServiceAskedForIsHonouredEvenBeyondTheCap() {
        assertThat(policy.delayAfter(1, serviceError(true, false, Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1, serviceError(true, false, Duration.ofMillis(300))).toMillis()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void veryLateAttemptsStayCapped() {
        for (int attempt : new int[] {20, 21, 40, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(policy.delayAfter(attempt, transport(Reason.IO_FAILED, true)).toMillis()).isBetween(0L, 5_000L);
        }
    }

    @Test
    void noneMakesOneAttemptAndNeverWaits() {
        RetryPolicy none = RetryPolicy.none();

        assertThat(none.maxAttempts()).isEqualTo(1);
        assertThat(none.shouldRetry(transport(Reason.CONNECT_FAILED, false), request("GET"), 1)).isFalse();
        assertThat(none.delayAfter(1, transport(Reason.CONNECT_FAILED, false))).isZero();
    }

    @Test
    void defaultsAreThreeAttempts() {
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.defaults().withMaxAttempts(5).maxAttempts()).isEqualTo(5);
    }

    @Test
    void invalidSettingsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts must be >= 1").hasMessageContaining("was 0");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
    }
}
