package dev.ferry.core.retry;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.core.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many times a request is attempted and how long to wait in between: exponential backoff with
 * full jitter (a random delay between zero and {@code base * 2^(retry-1)}, capped), a longer base
 * when the service says it is throttling, and never less than the service asked for (Retry-After,
 * EWS BackOffMilliseconds).
 *
 * <p>A request is retried only when that is safe: its body can be sent again, the failure may pass,
 * and either the request is idempotent or it provably never reached the server.
 *
 * @param maxAttempts attempts in all, including the first; 1 turns retries off
 * @param baseDelay base of the exponential backoff
 * @param throttlingBaseDelay base used after the service asked to slow down
 * @param maxDelay cap on any single delay computed here (a delay the service asks for may be longer)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxDelay) {
    private static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(20));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1 (1 means no retries), was " + maxAttempts);
        }
        requirePositive("baseDelay", baseDelay);
        requirePositive("throttlingBaseDelay", throttlingBaseDelay);
        requirePositive("maxDelay", maxDelay);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a non-negative duration, was " + d);
        }
    }

    /** 3 attempts, 100 ms base, 1 s base when throttled, 20 s cap. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, throttlingBaseDelay, maxDelay);
    }

    /**
     * Whether to send the request again after {@code error} ended attempt number {@code attempt}
     * (counting from 1).
     */
    public boolean shouldRetry(Throwable error, HttpRequest request, int attempt) {
        if (attempt >= maxAttempts) {
            return false;
        }
        boolean replayable = request.body().isReplayable() || request.body().contentLength() == 0;
        if (!replayable) {
            return false;
        }
        if (error instanceof ServiceException e) {
            // The server received it; only an idempotent request may be repeated.
            return e.isRetryable() && request.isIdempotent();
        }
        if (error instanceof TransportException e) {
            return e.isTransient() && (!e.requestSent() || request.isIdempotent());
        }
        return false;
    }

    /** The delay before the retry that follows attempt number {@code attempt} (counting from 1). */
    public Duration delayAfter(int attempt, Throwable error) {
        boolean throttled = error instanceof ServiceException e && e.isThrottling();
        long base = (throttled ? throttlingBaseDelay : baseDelay).toMillis();
        long ceiling = Math.min(maxDelay.toMillis(), base << Math.min(attempt - 1, 20));
        long jittered = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        long asked = error instanceof ServiceException e ? e.retryAfter().map(Duration::toMillis).orElse(0L) : 0L;
        return Duration.ofMillis(Math.max(jittered, asked));
    }
}
