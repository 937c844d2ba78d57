package dev.ferry.s3.transfer.internal;

import dev.ferry.s3.transfer.TransferProgress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Counts a transfer's progress and tells the user's listener about it, at most once per interval,
 * one call at a time, on the callback executor (never the event loop that reported the bytes).
 * Events are coalesced, not queued: a slow listener sees fewer events, never a backlog, and never
 * one older than the last it saw. The final event is always delivered, and {@link #finish} completes
 * only once it has been, so a progress bar reaches 100% before the transfer's result arrives.
 */
final class ProgressReporter {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final @Nullable Consumer<TransferProgress> listener;
    private final Executor executor;
    private final long intervalNanos;
    private final long started = System.nanoTime();

    // Guarded by this.
    private long bytes;
    private long totalBytes;
    private int parts;
    private int totalParts;
    private long lastPublished = Long.MIN_VALUE;

    /** The newest event, written under the lock so that it never goes back; the final one is never replaced. */
    private volatile @Nullable TransferProgress latest;
    private final AtomicInteger wip = new AtomicInteger();
    private @Nullable TransferProgress delivered;
    private boolean listenerFailed;
    private final Sinks.Empty<Void> finalDelivered = Sinks.empty();

    ProgressReporter(@Nullable Consumer<TransferProgress> listener, Executor executor, Duration interval) {
        this.listener = listener;
        this.executor = executor;
        this.intervalNanos = interval.toNanos();
        this.totalBytes = TransferProgress.UNKNOWN;
        this.totalParts = TransferProgress.UNKNOWN;
    }

    /** Sets what the transfer amounts to, when known. */
    synchronized void totals(long totalBytes, int totalParts) {
        this.totalBytes = totalBytes;
        this.totalParts = totalParts;
    }

    /** Counts bytes already in place before the transfer moved any (a resumed download). */
    synchronized void resumed(long bytes, int parts) {
        this.bytes += bytes;
        this.parts += parts;
    }

    void bytes(long delta) {
        advance(delta, 0);
    }

    void partDone(long partBytes) {
        advance(partBytes, 1);
    }

    /** Counts a part whose bytes were already counted as they arrived. */
    void partDone() {
        advance(0, 1);
    }

    private void advance(long deltaBytes, int deltaParts) {
        if (listener == null) {
            return;
        }
        synchronized (this) {
            bytes += deltaBytes;
            parts += deltaParts;
            long now = System.nanoTime();
            if (lastPublished != Long.MIN_VALUE && now - lastPublished < intervalNanos) {
                return;
            }
            lastPublished = now;
            if (!publish(snapshot(now, false))) {
                return;
            }
        }
        signal();
    }

    /**
     * Delivers the final event (with the totals as they now are) and completes when the listener has
     * returned from it; at once when there is no listener.
     */
    Mono<Void> finish() {
        if (listener == null) {
            return Mono.empty();
        }
        synchronized (this) {
            totalBytes = bytes;
            if (totalParts < 0) {
                totalParts = parts;
            }
            publish(snapshot(System.nanoTime(), true));
        }
        signal();
        return finalDelivered.asMono();
    }

    private TransferProgress snapshot(long now, boolean done) {
        return new TransferProgress(bytes, totalBytes, parts, totalParts, Duration.ofNanos(now - started), done);
    }

    /** Called holding the lock. False once the final event is out: nothing comes after it. */
    private boolean publish(TransferProgress event) {
        TransferProgress last = latest;
        if (last != null && last.done()) {
            return false;
        }
        latest = event;
        return true;
    }

    private void signal() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            TransferProgress event = latest;
            if (event != null && event != delivered) {
                delivered = event;
                deliver(event);
                if (event.done()) {
                    finalDelivered.tryEmitEmpty();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver(TransferProgress event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // A broken progress bar must not break the transfer; say so once.
            if (!listenerFailed) {
                listenerFailed = true;
                log.warn("the progress listener threw; the transfer goes on and later failures are not logged", e);
            }
        }
    }
}
