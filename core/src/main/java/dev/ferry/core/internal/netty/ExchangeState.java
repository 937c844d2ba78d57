package dev.ferry.core.internal.netty;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

/**
 * What one attempt of one exchange has done so far. Written on the connection's event loop, read
 * from wherever the error surfaces, hence volatile. It travels in the Reactor context, because
 * Reactor Netty's lifecycle callbacks are set once per client, not per request.
 */
final class ExchangeState {
    /** Headers are about to be written: from here on, the server may have seen the request. */
    volatile boolean requestStarted;
    /** The last byte of the request has been written. */
    volatile boolean requestWritten;
    /** Response headers (other than 100 Continue) have arrived. */
    volatile boolean responseReceived;
    /** The body was held back waiting for 100 Continue and then never sent. */
    volatile boolean bodyWithheld;
    /** The connection the response arrived on. */
    volatile @Nullable Connection connection;

    /**
     * Released (true) by {@code 100 Continue} or when the wait times out; released with false when a
     * final response arrives first, in which case the body must not be sent.
     */
    final Sinks.One<Boolean> continueGate = Sinks.one();
}
