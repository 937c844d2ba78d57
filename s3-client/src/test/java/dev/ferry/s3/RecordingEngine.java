package dev.ferry.s3;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** An engine that remembers every request it sends (signed, as on the wire), so tests can check headers. */
final class RecordingEngine implements HttpEngine {
    private final HttpEngine delegate;
    final List<HttpRequest> sent = new CopyOnWriteArrayList<>();

    RecordingEngine(HttpEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public EngineConfig config() {
        return delegate.config();
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
        sent.add(request);
        return delegate.exchange(request, handler);
    }

    /** Every request of this operation, in the order sent: a resent upload shows up twice. */
    List<HttpRequest> all(String operation) {
        return sent.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    HttpRequest last(String operation) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).operation().equals(operation)) {
                return sent.get(i);
            }
        }
        throw new AssertionError("no " + operation + " was sent; sent: " + sent.stream().map(HttpRequest::operation).toList());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
