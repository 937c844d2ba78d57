package dev.ferry.core.internal.netty;

import dev.ferry.core.FerryException;
import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.http.HttpRequest;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** Turns what Netty and Reactor Netty throw into a {@link TransportException} that says what happened. */
final class TransportErrors {
    private TransportErrors() {
    }

    static Throwable translate(Throwable error, ExchangeState state, HttpRequest request) {
        if (error instanceof FerryException) {
            return error;
        }
        String target = request.operation() + " " + request.method() + " " + request.scheme() + "://" + request.authority()
                + request.encodedPath();
        // Pool exceptions live in a shaded package whose name Reactor Netty does not promise.
        String type = error.getClass().getSimpleName();
        if (type.equals("PoolAcquireTimeoutException")) {
            return new TransportException(target + ": no connection became free in time (" + error.getMessage()
                    + "); raise maxConnectionsPerHost or pendingAcquireTimeout, or send fewer requests at once",
                    Reason.POOL_ACQUIRE_TIMEOUT, false, error);
        }
        if (type.equals("PoolAcquirePendingLimitException")) {
            return new TransportException(target + ": too many requests are already waiting for a connection ("
                    + error.getMessage() + "); raise maxPendingAcquires or send fewer requests at once",
                    Reason.POOL_EXHAUSTED, false, error);
        }
        if (error instanceof Timeouts.ResponseTimeoutSignal t) {
            return new TransportException(target + ": " + t.getMessage(), Reason.RESPONSE_TIMEOUT, true, null);
        }
        if (error instanceof Timeouts.ReadTimeoutSignal t) {
            return new TransportException(target + ": " + t.getMessage(), Reason.READ_TIMEOUT, true, null);
        }
        if (error instanceof ReadTimeoutException) {
            return new TransportException(target + ": read timed out", Reason.READ_TIMEOUT, true, error);
        }
        if (error instanceof WriteTimeoutException) {
            return new TransportException(target + ": the server stopped reading the request body (write timed out)",
                    Reason.WRITE_TIMEOUT, true, error);
        }
        if (error instanceof ConnectTimeoutException) {
            return new TransportException(target + ": connect timed out: " + error.getMessage(), Reason.CONNECT_TIMEOUT, false, error);
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException) {
            return new TransportException(target + ": cannot connect: " + error.getMessage(), Reason.CONNECT_FAILED, false, error);
        }
        if (error instanceof SSLException) {
            return new TransportException(target + ": TLS failed: " + error.getMessage(), Reason.TLS_FAILED, state.requestStarted, error);
        }
        if (error instanceof PrematureCloseException || error instanceof AbortedException || error instanceof ClosedChannelException) {
            boolean sent = state.requestStarted && !isBeforeSend(error);
            return new TransportException(target + ": connection closed " + phase(state) + " (" + error.getMessage() + ")",
                    Reason.CONNECTION_CLOSED, sent, error);
        }
        if (error instanceof IOException) {
            return new TransportException(target + ": I/O failed " + phase(state) + ": " + error.getMessage(),
                    Reason.IO_FAILED, state.requestStarted, error);
        }
        return error;
    }

    private static boolean isBeforeSend(Throwable error) {
        return error instanceof AbortedException && String.valueOf(error.getMessage()).contains("BEFORE send");
    }

    private static String phase(ExchangeState state) {
        if (!state.requestStarted) {
            return "before the request was sent";
        }
        if (!state.requestWritten) {
            return "while the request was being sent";
        }
        return state.responseReceived ? "while the response was being read" : "before the response arrived";
    }
}
