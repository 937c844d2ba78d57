package dev.ferry.testkit.ews;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A misbehaviour the mock Exchange shows on the next matching requests, the way real Exchange and
 * the IIS in front of it do. Queue with {@link MockExchange#inject(Injection)}.
 *
 * <pre>{@code
 * exchange.inject(Injection.serverBusyFault(200).times(1));
 * exchange.inject(Injection.http503(1).forOperation("FindItem"));
 * }</pre>
 */
public record Injection(Kind kind, long value, int times, @Nullable String operation) {

    /** What goes wrong. */
    public enum Kind {
        /** HTTP 500 with an ErrorServerBusy SOAP fault; {@code value} is BackOffMilliseconds. */
        SERVER_BUSY_FAULT,
        /** HTTP 200 whose response message is an ErrorServerBusy error; {@code value} is BackOffMilliseconds. */
        SERVER_BUSY_MESSAGE,
        /** HTTP 500 with an ErrorExceededConnectionCount fault. */
        CONNECTION_COUNT_FAULT,
        /** HTTP 503 with no body; {@code value} is Retry-After in seconds (0: no header). */
        HTTP_503,
        /** The connection is closed after the request was read, without an answer. */
        CLOSE_CONNECTION,
        /** HTTP 401 with Exchange Online's invalid_token challenge, whatever the token. */
        UNAUTHORIZED,
        /** HTTP 403, as when EWS is disabled for the user or app. */
        FORBIDDEN,
        /** Subjects in the answer get character references XML 1.0 forbids ({@code &#x1;}, {@code &#0;}). */
        ILLEGAL_CHARACTER_REFERENCES
    }

    public Injection {
        Objects.requireNonNull(kind, "kind");
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
    }

    public static Injection serverBusyFault(long backOffMillis) {
        return new Injection(Kind.SERVER_BUSY_FAULT, backOffMillis, 1, null);
    }

    public static Injection serverBusyMessage(long backOffMillis) {
        return new Injection(Kind.SERVER_BUSY_MESSAGE, backOffMillis, 1, null);
    }

    public static Injection connectionCountFault() {
        return new Injection(Kind.CONNECTION_COUNT_FAULT, 0, 1, null);
    }

    public static Injection http503(long retryAfterSeconds) {
        return new Injection(Kind.HTTP_503, retryAfterSeconds, 1, null);
    }

    public static Injection closeConnection() {
        return new Injection(Kind.CLOSE_CONNECTION, 0, 1, null);
    }

    public static Injection unauthorized() {
        return new Injection(Kind.UNAUTHORIZED, 0, 1, null);
    }

    public static Injection forbidden() {
        return new Injection(Kind.FORBIDDEN, 0, 1, null);
    }

    public static Injection illegalCharacterReferences() {
        return new Injection(Kind.ILLEGAL_CHARACTER_REFERENCES, 0, 1, null);
    }

    /** The same, for the next {@code n} matching requests. */
    public Injection times(int n) {
        return new Injection(kind, value, n, operation);
    }

    /** Only for requests of this EWS operation ({@code GetItem}). */
    public Injection forOperation(String op) {
        return new Injection(kind, value, times, op);
    }
}
