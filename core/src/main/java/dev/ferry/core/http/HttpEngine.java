package dev.ferry.core.http;

import dev.ferry.core.internal.netty.ReactorNettyEngine;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends HTTP requests on Netty event loops over pooled connections. Every Ferry client runs on one;
 * by default they all share {@link #shared()}, and an application may create its own (with its own
 * pool, loops and timeouts) and close it when done.
 *
 * <pre>{@code
 * try (HttpEngine engine = HttpEngine.create(EngineConfig.builder().maxConnectionsPerHost(64).build())) {
 *     S3Client s3 = S3Client.builder().engine(engine)...build();
 * }
 * }</pre>
 *
 * <p>An engine sends exactly what it is given: retries, signing and error decoding belong to the
 * layers above ({@link dev.ferry.core.client.RequestPipeline}).
 */
public interface HttpEngine extends AutoCloseable {

    /** The engine shared by clients that were given none: created on first use, never closed. */
    static HttpEngine shared() {
        return ReactorNettyEngine.shared();
    }

    static HttpEngine create() {
        return create(EngineConfig.defaults());
    }

    static HttpEngine create(EngineConfig config) {
        return ReactorNettyEngine.create(config);
    }

    EngineConfig config();

    /**
     * Sends the request and hands the response to {@code handler} as soon as its headers arrive.
     * The handler reads the body inside the publisher it returns; when that publisher ends, is
     * cancelled or fails, any unread body is drained or the connection closed, and every network
     * buffer is released. Cancelling the returned flux cancels the exchange.
     */
    <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler);

    /** {@link #exchange} for handlers that produce at most one value. */
    default <T> Mono<T> exchangeForMono(HttpRequest request, Function<? super HttpResponse, ? extends Mono<T>> handler) {
        // singleOrEmpty, not next(): next() cancels after the value, which would abort a healthy exchange.
        return exchange(request, handler).singleOrEmpty();
    }

    /**
     * Closes the connections and event loops this engine created. Loops and pools it was given are
     * left running. Closing {@link #shared()} does nothing.
     */
    @Override
    void close();
}
