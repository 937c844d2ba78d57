package dev.ferry.core.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The response and read timeouts are both "no inbound bytes for a while", but they mean different
 * things to the caller, so each has its own handler and its own signal.
 */
final class Timeouts {
    static final String RESPONSE_TIMEOUT_HANDLER = "ferry.responseTimeout";
    static final String READ_TIMEOUT_HANDLER = "ferry.readTimeout";
    static final String WRITE_TIMEOUT_HANDLER = "ferry.writeTimeout";

    private Timeouts() {
    }

    /** Fired when no response headers arrived in time after the request was written. */
    static final class ResponseTimeoutSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Duration timeout;

        ResponseTimeoutSignal(Duration timeout) {
            super("no response within " + timeout.toMillis() + " ms after the request was sent", null, false, false);
            this.timeout = timeout;
        }
    }

    /** Fired when the response body stopped arriving for longer than the read timeout. */
    static final class ReadTimeoutSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Duration timeout;

        ReadTimeoutSignal(Duration timeout) {
            super("response body stalled for more than " + timeout.toMillis() + " ms", null, false, false);
            this.timeout = timeout;
        }
    }

    static ReadTimeoutHandler responseTimeout(Duration timeout) {
        return new SignallingReadTimeout(timeout, true);
    }

    static ReadTimeoutHandler readTimeout(Duration timeout) {
        return new SignallingReadTimeout(timeout, false);
    }

    private static final class SignallingReadTimeout extends ReadTimeoutHandler {
        private final Duration timeout;
        private final boolean waitingForHeaders;
        private boolean fired;

        SignallingReadTimeout(Duration timeout, boolean waitingForHeaders) {
            super(timeout.toMillis(), TimeUnit.MILLISECONDS);
            this.timeout = timeout;
            this.waitingForHeaders = waitingForHeaders;
        }

        @Override
        protected void readTimedOut(ChannelHandlerContext ctx) {
            if (!fired) {
                fired = true;
                ctx.fireExceptionCaught(waitingForHeaders ? new ResponseTimeoutSignal(timeout) : new ReadTimeoutSignal(timeout));
                ctx.close();
            }
        }
    }
}
