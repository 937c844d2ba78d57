package dev.ferry.core.client;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.ResponseStream;
import dev.ferry.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * The path every service request takes: for each attempt, sign, send, and let the service's handler
 * decode the answer (into a value or a typed exception); between attempts, back off as the
 * {@link RetryPolicy} says. The error that ends the last attempt is the one the caller sees, with the
 * earlier attempts' errors attached as suppressed exceptions.
 */
public final class RequestPipeline {
    private static final Logger log = LoggerFactory.getLogger(RequestPipeline.class);

    private final HttpEngine engine;
    private final RetryPolicy retryPolicy;
    private final RequestSigner signer;

    public RequestPipeline(HttpEngine engine, RetryPolicy retryPolicy, RequestSigner signer) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    public HttpEngine engine() {
        return engine;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Sends the request (with retries) and decodes the answer into at most one value. */
    public <T> Mono<T> execute(HttpRequest request, Function<? super HttpResponse, ? extends Mono<T>> handler) {
        return executeMany(request, handler).singleOrEmpty();
    }

    /**
     * Like {@link #execute}, for handlers whose value may be a {@link ResponseStream}: the value is
     * emitted as soon as the head is decoded, and the exchange is held open until the stream's body
     * has been read or discarded. Other values behave as in {@link #execute}.
     */
    public <T> Mono<T> executeStreaming(HttpRequest request, Function<? super HttpResponse, ? extends Mono<T>> handler) {
        Flux<T> exchange = executeMany(request, response -> handler.apply(response).flatMapMany(value ->
                value instanceof ResponseStream<?> stream
                        ? Flux.just(value).concatWith(stream.whenReleased().then(Mono.empty()))
                        : Flux.just(value)));
        return Mono.create(sink -> {
            FirstValue<T> first = new FirstValue<>(sink);
            sink.onCancel(first::cancelIfNotEmitted);
            exchange.subscribe(first);
        });
    }

    /**
     * Hands the first value on without cancelling the exchange behind it (which {@code next()}
     * would do), so a streamed body can still be read after the value was emitted.
     */
    private static final class FirstValue<T> extends BaseSubscriber<T> {
        private final MonoSink<T> sink;
        private volatile boolean emitted;

        FirstValue(MonoSink<T> sink) {
            this.sink = sink;
        }

        @Override
        public Context currentContext() {
            return Context.of(sink.contextView());
        }

        void cancelIfNotEmitted() {
            if (!emitted) {
                dispose();
            }
        }

        @Override
        protected void hookOnNext(T value) {
            if (!emitted) {
                emitted = true;
                sink.success(value);
            }
        }

        @Override
        protected void hookOnComplete() {
            if (!emitted) {
                sink.success();
            }
        }

        @Override
        protected void hookOnError(Throwable error) {
            if (!emitted) {
                sink.error(error);
            } else {
                // The value is out; the body's reader sees this failure on the body itself.
                log.debug("exchange failed after its value was emitted: {}", error.toString());
            }
        }
    }

    /**
     * Sends the request (with retries) and streams what the handler makes of the answer. Once a
     * value has been emitted, a failure is not retried: the caller has already seen part of the result.
     */
    public <T> Flux<T> executeMany(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
        return Flux.defer(() -> {
            AtomicBoolean emitted = new AtomicBoolean();
            List<Throwable> failures = new ArrayList<>(1);
            return Flux.defer(() -> signer.sign(request).flatMapMany(signed -> engine.exchange(signed, handler)))
                    .doOnNext(value -> emitted.lazySet(true))
                    .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                        Throwable error = signal.failure();
                        int attempt = (int) signal.totalRetries() + 1;
                        if (emitted.get() || !retryPolicy.shouldRetry(error, request, attempt)) {
                            failures.forEach(earlier -> {
                                if (earlier != error) {
                                    error.addSuppressed(earlier);
                                }
                            });
                            return Mono.error(error);
                        }
                        failures.add(error);
                        Duration delay = retryPolicy.delayAfter(attempt, error);
                        log.debug("{} attempt {} failed ({}); retrying in {} ms", request.operation(), attempt, error.toString(),
                                delay.toMillis());
                        return Mono.delay(delay);
                    })));
        });
    }
}
