package dev.ferry.core;

import org.jspecify.annotations.Nullable;

/**
 * The exchange failed below the service: connecting, TLS, a timeout, a closed connection, a body
 * that could not be read. {@link #requestSent()} says whether any byte of the request may have
 * reached the server; when it is false the request can be sent again safely, whatever its method.
 */
public final class TransportException extends FerryException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely, so that callers and retry policies need not parse messages. */
    public enum Reason {
        CONNECT_FAILED,
        CONNECT_TIMEOUT,
        TLS_FAILED,
        /** No pooled connection became free within the acquire timeout. */
        POOL_ACQUIRE_TIMEOUT,
        /** Too many requests were already waiting for a connection. */
        POOL_EXHAUSTED,
        /** The request was sent but no response headers arrived within the response timeout. */
        RESPONSE_TIMEOUT,
        /** The response stopped arriving for longer than the read timeout. */
        READ_TIMEOUT,
        /** A write could not complete within the write timeout (the server stopped reading). */
        WRITE_TIMEOUT,
        /** The connection closed before the exchange completed. */
        CONNECTION_CLOSED,
        /** The request body failed or did not match its declared length. */
        REQUEST_BODY_FAILED,
        IO_FAILED
    }

    private final Reason reason;
    private final boolean requestSent;

    public TransportException(String message, Reason reason, boolean requestSent, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.requestSent = requestSent;
    }

    public Reason reason() {
        return reason;
    }

    /** False only when Ferry knows no byte of the request reached the server. */
    public boolean requestSent() {
        return requestSent;
    }

    /** Whether this failure is of a kind that may pass, so that the same request may succeed later. */
    public boolean isTransient() {
        return reason != Reason.REQUEST_BODY_FAILED && reason != Reason.TLS_FAILED;
    }
}
