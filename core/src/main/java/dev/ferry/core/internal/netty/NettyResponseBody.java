package dev.ferry.core.internal.netty;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.ResponseBody;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

/**
 * Reads a response body out of Reactor Netty. Reactor Netty releases each inbound buffer once the
 * subscriber's {@code onNext} returns, so every method here copies what it keeps before returning
 * and never retains a buffer: nothing to release, nothing to leak.
 */
final class NettyResponseBody implements ResponseBody {
    private final ByteBufFlux inbound;
    private final @Nullable String contentType;
    /** The declared Content-Length, or -1: sizes the array a whole body is read into. */
    private final long contentLength;

    NettyResponseBody(ByteBufFlux inbound, @Nullable String contentType, long contentLength) {
        this.inbound = inbound;
        this.contentType = contentType;
        this.contentLength = contentLength;
    }

    @Override
    public Flux<ByteBuffer> asFlux() {
        return inbound.map(NettyResponseBody::copy);
    }

    private static ByteBuffer copy(ByteBuf buf) {
        ByteBuffer out = ByteBuffer.allocate(buf.readableBytes());
        buf.getBytes(buf.readerIndex(), out);
        return out.flip();
    }

    @Override
    public Mono<byte[]> asBytes(int maxBytes) {
        return inbound.collect(() -> new Accumulator(maxBytes, contentLength), Accumulator::add).map(Accumulator::toArray);
    }

    @Override
    public Mono<String> asString() {
        return asString(charsetOf(contentType));
    }

    @Override
    public Mono<String> asString(Charset charset) {
        return asBytes().map(bytes -> new String(bytes, charset));
    }

    @Override
    public Mono<Void> discard() {
        return inbound.then();
    }

    static Charset charsetOf(@Nullable String contentType) {
        if (contentType != null) {
            int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                String name = contentType.substring(i + 8).split("[;\\s]", 2)[0].replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException ignored) {
                    // A charset the JDK does not know: UTF-8 is the best guess for the services Ferry talks to.
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * A growing array that refuses to grow past its limit. It starts at the declared length when
     * there is one: growing from 1 KiB by doubling allocated and copied twice the body (2 MiB for a
     * 1 MiB object) before the last copy. A length claimed past {@link #PRESIZE_LIMIT} is not
     * trusted with memory up front; the array grows as bytes actually arrive.
     */
    private static final class Accumulator {
        private static final int PRESIZE_LIMIT = 64 * 1024 * 1024;
        private final int max;
        private byte[] bytes;
        private int length;

        Accumulator(int max, long expected) {
            this.max = max;
            this.bytes = new byte[expected >= 0 && expected <= Math.min(max, PRESIZE_LIMIT) ? (int) expected : Math.min(max, 1024)];
        }

        void add(ByteBuf buf) {
            int n = buf.readableBytes();
            if ((long) length + n > max) {
                throw new TransportException("response body is larger than the " + max
                        + " bytes allowed for reading it whole; stream it instead",
                        TransportException.Reason.IO_FAILED, true, null);
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(bytes.length * 2, length + n)));
            }
            buf.getBytes(buf.readerIndex(), bytes, length, n);
            length += n;
        }

        byte[] toArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }
}
