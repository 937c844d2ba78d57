package dev.ferry.ews.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps the client within what Exchange allows each mailbox, where its throttling budgets live:
 *
 * <ul>
 *   <li>at most a number of requests in flight per mailbox; the rest wait their turn, in order;</li>
 *   <li>after ErrorServerBusy (or a 503 with Retry-After) no new request for that mailbox starts
 *       until the time the server asked for has passed;</li>
 *   <li>after ErrorExceededConnectionCount the mailbox's limit is halved (other clients of the same
 *       user share Exchange's budget), and grows back by one after a run of successes.</li>
 * </ul>
 */
public final class ThrottlingGate {
    /** Successes in a row after which a lowered limit is raised by one. */
    static final int RECOVERY_SUCCESSES = 32;

    private final int maxConcurrency;
    private final Scheduler timer;
    private final ConcurrentHashMap<String, Mailbox> mailboxes = new ConcurrentHashMap<>();

    public ThrottlingGate(int maxConcurrency, Scheduler timer) {
        this.maxConcurrency = maxConcurrency;
        this.timer = timer;
    }

    private Mailbox mailbox(String key) {
        return mailboxes.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new Mailbox(maxConcurrency));
    }

    /** Runs the call once the mailbox has room for it; the slot is freed however the call ends. */
    public <T> Flux<T> run(String mailboxKey, Supplier<? extends Publisher<T>> call) {
        Mailbox mailbox = mailbox(mailboxKey);
        return Flux.usingWhen(acquire(mailbox), permit -> call.get(), permit -> Mono.fromRunnable(permit::release),
                (permit, error) -> Mono.fromRunnable(permit::release), permit -> Mono.fromRunnable(permit::release));
    }

    private Mono<Permit> acquire(Mailbox mailbox) {
        return Mono.defer(() -> {
            long wait = mailbox.closedUntil - timer.now(TimeUnit.MILLISECONDS);
            if (wait > 0) {
                // Waited out, the gate may have been closed again meanwhile: look once more.
                return Mono.delay(Duration.ofMillis(wait), timer).then(acquire(mailbox));
            }
            return Mono.create(mailbox::enqueue);
        });
    }

    /** The server asked this mailbox to wait: no request for it starts before then. */
    public void backOff(String mailboxKey, Duration delay) {
        Mailbox m = mailbox(mailboxKey);
        long until = timer.now(TimeUnit.MILLISECONDS) + delay.toMillis();
        synchronized (m) {
            m.closedUntil = Math.max(m.closedUntil, until);
            m.successes = 0;
        }
    }

    /** Exchange counted too many concurrent connections for this user: halve the limit. */
    public void lowerConcurrency(String mailboxKey) {
        Mailbox m = mailbox(mailboxKey);
        synchronized (m) {
            m.limit = Math.max(1, m.limit / 2);
            m.successes = 0;
        }
    }

    /** A request for the mailbox succeeded; after enough of them a lowered limit recovers. */
    public void succeeded(String mailboxKey) {
        Mailbox m = mailbox(mailboxKey);
        m.succeeded(maxConcurrency);
    }

    /** The current concurrency limit for a mailbox (for tests and metrics). */
    public int limit(String mailboxKey) {
        Mailbox m = mailbox(mailboxKey);
        synchronized (m) {
            return m.limit;
        }
    }

    /** Requests of a mailbox in flight now. */
    public int inFlight(String mailboxKey) {
        Mailbox m = mailbox(mailboxKey);
        synchronized (m) {
            return m.inFlight;
        }
    }

    /** Milliseconds until the mailbox accepts new requests (0 when it does now). */
    public long closedForMillis(String mailboxKey) {
        Mailbox m = mailbox(mailboxKey);
        return Math.max(0, m.closedUntil - timer.now(TimeUnit.MILLISECONDS));
    }

    private static final class Mailbox {
        int limit;
        int inFlight;
        int successes;
        volatile long closedUntil;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

        Mailbox(int limit) {
            this.limit = limit;
        }

        void enqueue(MonoSink<Permit> sink) {
            // The permit exists before it is granted, so that a cancel racing with the grant
            // releases exactly this permit, which is idempotent, and never another one.
            Waiter waiter = new Waiter(sink, new Permit(this));
            boolean grant;
            synchronized (this) {
                grant = inFlight < limit && waiting.isEmpty();
                if (grant) {
                    inFlight++;
                } else {
                    waiting.add(waiter);
                }
            }
            sink.onCancel(() -> {
                boolean removed;
                synchronized (this) {
                    removed = waiting.remove(waiter);
                }
                if (!removed) {
                    waiter.permit.release();
                }
            });
            if (grant) {
                sink.success(waiter.permit);
            }
        }

        void release() {
            Waiter next;
            synchronized (this) {
                inFlight--;
                next = inFlight < limit ? waiting.poll() : null;
                if (next != null) {
                    inFlight++;
                }
            }
            if (next != null) {
                next.sink.success(next.permit);
            }
        }

        synchronized void succeeded(int max) {
            if (limit < max && ++successes >= RECOVERY_SUCCESSES) {
                limit++;
                successes = 0;
            }
        }
    }

    private record Waiter(MonoSink<Permit> sink, Permit permit) {
    }

    /** A slot in a mailbox, released exactly once. */
    private static final class Permit {
        private final Mailbox mailbox;
        private boolean released;

        Permit(Mailbox mailbox) {
            this.mailbox = mailbox;
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            mailbox.release();
        }
    }
}
