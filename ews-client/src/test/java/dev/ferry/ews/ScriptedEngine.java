package dev.ferry.ews;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.ResponseBody;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An engine that answers each request with the next canned response, cutting bodies into small
 * chunks so that the client's streaming reader sees documents split at awkward places.
 */
final class ScriptedEngine implements HttpEngine {
    record Canned(int status, HttpHeaders headers, byte[] body) {
    }

    private final Deque<Canned> answers = new ArrayDeque<>();
    private final List<HttpRequest> requests = new ArrayList<>();
    private final int chunkSize;

    ScriptedEngine(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    synchronized ScriptedEngine then(int status, String contentType, byte[] body) {
        answers.add(new Canned(status, contentType == null ? HttpHeaders.EMPTY : HttpHeaders.of("Content-Type", contentType), body));
        return this;
    }

    synchronized ScriptedEngine then(Canned canned) {
        answers.add(canned);
        return this;
    }

    /** A response written as HTTP/1.1 text (status line, headers, blank line, body); lines starting with # are notes. */
    static Canned parseHttp(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        lines.removeIf(l -> l.startsWith("#"));
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        HttpHeaders.Builder headers = HttpHeaders.builder();
        int i = 1;
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            int colon = lines.get(i).indexOf(':');
            headers.add(lines.get(i).substring(0, colon).trim(), lines.get(i).substring(colon + 1).trim());
        }
        String body = String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())).strip();
        return new Canned(status, headers.build(), body.getBytes(StandardCharsets.UTF_8));
    }

    synchronized List<HttpRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public EngineConfig config() {
        return EngineConfig.defaults();
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
        return Flux.defer(() -> {
            Canned canned;
            synchronized (this) {
                requests.add(request);
                canned = answers.poll();
            }
            if (canned == null) {
                return Flux.error(new AssertionError("no canned answer left for " + request.operation()));
            }
            return Flux.from(handler.apply(new Response(request, canned, chunkSize)));
        });
    }

    @Override
    public void close() {
    }

    private record Response(HttpRequest request, Canned canned, int chunkSize) implements HttpResponse, ResponseBody {
        @Override
        public int statusCode() {
            return canned.status();
        }

        @Override
        public HttpHeaders headers() {
            return canned.headers();
        }

        @Override
        public ResponseBody body() {
            return this;
        }

        @Override
        public Flux<ByteBuffer> asFlux() {
            byte[] b = canned.body();
            return Flux.range(0, (b.length + chunkSize - 1) / chunkSize)
                    .map(i -> ByteBuffer.wrap(Arrays.copyOfRange(b, i * chunkSize, Math.min(b.length, (i + 1) * chunkSize))));
        }

        @Override
        public Mono<byte[]> asBytes(int maxBytes) {
            return canned.body().length > maxBytes ? Mono.error(new IllegalStateException("too large")) : Mono.just(canned.body());
        }

        @Override
        public Mono<String> asString() {
            return asString(StandardCharsets.UTF_8);
        }

        @Override
        public Mono<String> asString(Charset charset) {
            return Mono.just(new String(canned.body(), charset));
        }

        @Override
        public Mono<Void> discard() {
            return Mono.empty();
        }
    }
}
