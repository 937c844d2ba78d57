package dev.ferry.oss.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time requests are signed with: the configured clock, corrected by how far it is off from
 * OSS's when OSS said so ({@code RequestTimeTooSkewed}). The retry that follows such an error is
 * signed again, with the corrected time, and so succeeds.
 */
final class SigningClock {
    private static final Logger log = LoggerFactory.getLogger(SigningClock.class);

    private final Clock clock;
    private final AtomicLong offsetMillis = new AtomicLong();

    SigningClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().plusMillis(offsetMillis.get());
    }

    /** Aligns with the server, which says it is {@code serverTime} now. */
    void adjustTo(Instant serverTime) {
        long offset = Duration.between(clock.instant(), serverTime).toMillis();
        long previous = offsetMillis.getAndSet(offset);
        if (Math.abs(previous - offset) > 1000) {
            log.warn("the local clock is {} s {} OSS's; signing with OSS's time from now on. Synchronise the clock (NTP).",
                    Math.abs(offset) / 1000, offset > 0 ? "behind" : "ahead of");
        }
    }

    long offsetMillis() {
        return offsetMillis.get();
    }
}
