package dev.ferry.core.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The write timeout: fails the connection when written bytes stop leaving it, that is when the
 * server stopped reading. Netty's {@code WriteTimeoutHandler} times each write from the moment it
 * is queued to the moment it is fully written, which is not that: one write of a 100 MB array, or
 * a write queued behind the 127 that Reactor Netty keeps in flight, takes as long as the whole
 * upload, so a slow but steady upload failed as if the server had gone deaf. This handler instead
 * watches the channel's outbound buffer and fires only after a whole {@code timeout} in which not
 * one byte was written while bytes were waiting (seen within a quarter of the timeout, as it looks
 * four times per timeout). It sits first in the pipeline, next to the socket.
 */
final class WriteStallTimeout extends ChannelOutboundHandlerAdapter {
    private final long timeoutNanos;
    private final long periodNanos;
    private @Nullable Future<?> check;
    private int lastMessage;
    private long lastProgress;
    private long lastPending;
    private long lastActivity;
    private boolean fired;

    WriteStallTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeoutNanos / 4);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (check == null && !fired) {
            snapshot(ctx);
            lastActivity = System.nanoTime();
            check = ctx.executor().schedule(() -> check(ctx), periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** Remembers where the outbound buffer stands; true when that moved since the last look. */
    private boolean snapshot(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (out == null) {
            return false;
        }
        int message = System.identityHashCode(out.current());
        long progress = out.currentProgress();
        long pending = out.totalPendingWriteBytes();
        boolean moved = message != lastMessage || progress != lastProgress || pending != lastPending;
        lastMessage = message;
        lastProgress = progress;
        lastPending = pending;
        return moved;
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (fired || !ctx.channel().isActive() || out == null || out.current() == null) {
            // Everything written (or the channel gone): nothing to watch until the next write.
            return;
        }
        long now = System.nanoTime();
        if (snapshot(ctx)) {
            lastActivity = now;
        } else if (now - lastActivity >= timeoutNanos) {
            fired = true;
            ctx.fireExceptionCaught(WriteTimeoutException.INSTANCE);
            ctx.close();
            return;
        }
        check = ctx.executor().schedule(() -> check(ctx), periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "WriteStallTimeout[" + Duration.ofNanos(timeoutNanos).toMillis() + " ms]" + (fired ? " fired" : "");
    }
}
