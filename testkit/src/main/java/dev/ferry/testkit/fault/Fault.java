package dev.ferry.testkit.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link FaultProxy} does to a request it picked: answer in the server's place, cut the
 * connection, hold bytes back, or wait. Each fault applies to one request (and its response).
 *
 * <pre>{@code
 * proxy.inject(Fault.slowDown(), 3);                                       // the next 3 requests get 503 SlowDown
 * proxy.inject(Fault.resetAfterRequestBytes(64 * 1024), 1, RequestHead::isUploadPart);
 * proxy.inject(Fault.stallResponseBody(1024), 1, r -> r.method().equals("GET"));
 * }</pre>
 */
public sealed interface Fault {

    /** Answers with an S3-style error document instead of forwarding, then closes the connection. */
    record Reply(int status, String code, String message) implements Fault {
        public Reply {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error reply needs a 4xx or 5xx status, was " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Forwards the first {@code bytes} of the request (head and body), then resets both connections. */
    record ResetAfterRequestBytes(long bytes) implements Fault {
        public ResetAfterRequestBytes {
            nonNegative(bytes);
        }
    }

    /** Forwards the first {@code bytes} of the response (head and body), then resets both connections. */
    record ResetAfterResponseBytes(long bytes) implements Fault {
        public ResetAfterResponseBytes {
            nonNegative(bytes);
        }
    }

    /**
     * Forwards the response head and the first {@code keep} bytes of its body, then closes the
     * connection cleanly: the client sees a body shorter than its Content-Length.
     */
    record TruncateResponseBody(long keep) implements Fault {
        public TruncateResponseBody {
            nonNegative(keep);
        }
    }

    /**
     * Forwards the response head and the first {@code after} bytes of its body, then forwards
     * nothing more until the client gives up and closes the connection (or the proxy closes).
     */
    record StallResponseBody(long after) implements Fault {
        public StallResponseBody {
            nonNegative(after);
        }
    }

    /**
     * Forwards the first {@code after} bytes of the request and then stops reading it, as a server
     * that stopped reading would, until {@code limit} has passed; then resets the connections.
     */
    record StallRequest(long after, Duration limit) implements Fault {
        public StallRequest {
            nonNegative(after);
            Objects.requireNonNull(limit, "limit");
        }
    }

    /** Waits before forwarding the request. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Runs an action (on the proxy's thread, which may block) before forwarding the request: change
     * the object on the server between two requests of a transfer, count, signal a latch.
     */
    record RunFirst(Runnable action) implements Fault {
        public RunFirst {
            Objects.requireNonNull(action, "action");
        }
    }

    /** 503 SlowDown, S3's answer when asked to slow down. */
    static Fault slowDown() {
        return new Reply(503, "SlowDown", "Please reduce your request rate.");
    }

    /** 500 InternalError, S3's answer to "try again". */
    static Fault internalError() {
        return new Reply(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    static Fault reply(int status, String code, String message) {
        return new Reply(status, code, message);
    }

    static Fault resetAfterRequestBytes(long bytes) {
        return new ResetAfterRequestBytes(bytes);
    }

    static Fault resetAfterResponseBytes(long bytes) {
        return new ResetAfterResponseBytes(bytes);
    }

    static Fault truncateResponseBody(long keep) {
        return new TruncateResponseBody(keep);
    }

    static Fault stallResponseBody(long after) {
        return new StallResponseBody(after);
    }

    static Fault stallRequest(long after, Duration limit) {
        return new StallRequest(after, limit);
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    static Fault runFirst(Runnable action) {
        return new RunFirst(action);
    }

    private static void nonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count must be >= 0, was " + bytes);
        }
    }
}
