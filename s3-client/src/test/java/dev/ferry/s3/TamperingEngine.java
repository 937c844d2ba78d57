package dev.ferry.s3;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Flips one byte of every request body on its way to the network, after it was hashed and signed:
 * a stand-in for corruption in transit. Lengths and headers are left as they are.
 */
final class TamperingEngine implements HttpEngine {
    private static final long FLIP_AT = 1000;
    private final HttpEngine delegate;
    volatile boolean armed;

    TamperingEngine(HttpEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public EngineConfig config() {
        return delegate.config();
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
        RequestBody body = request.body();
        if (!armed || body.contentLength() <= FLIP_AT) {
            return delegate.exchange(request, handler);
        }
        Flux<ByteBuffer> flipped = Flux.defer(() -> {
            long[] position = {0};
            return body.content().map(buffer -> {
                long start = position[0];
                position[0] += buffer.remaining();
                if (FLIP_AT >= start && FLIP_AT < position[0]) {
                    ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
                    copy.put(buffer.duplicate()).flip();
                    int i = (int) (FLIP_AT - start);
                    copy.put(i, (byte) (copy.get(i) ^ 0x01));
                    return copy;
                }
                return buffer;
            });
        });
        return delegate.exchange(request.toBuilder().body(RequestBody.fromPublisher(flipped, body.contentLength())).build(), handler);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
