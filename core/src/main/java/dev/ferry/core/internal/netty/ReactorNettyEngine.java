package dev.ferry.core.internal.netty;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.TlsConfig;
import dev.ferry.core.internal.body.ByteBufferBody;
import dev.ferry.core.internal.body.BytesBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The one {@link HttpEngine}: a Reactor Netty {@link HttpClient} over a pool this engine owns.
 *
 * <p>Per exchange it tracks how far the request got ({@link ExchangeState}), so that a failure can
 * say whether the request was sent; it runs the response timeout only once the request is written
 * and the read timeout only once the response has begun; and it holds large bodies back until the
 * server says {@code 100 Continue}, for hosts that have not yet accepted one (see {@link EngineConfig}).
 */
public final class ReactorNettyEngine implements HttpEngine {
    private static final Logger log = LoggerFactory.getLogger(ReactorNettyEngine.class);
    private static final Object SHARED_LOCK = new Object();
    /** Largest heap slice handed to Netty at once (see {@link #writeChunks}). */
    private static final int WRITE_CHUNK = 64 * 1024;
    /** More hosts than this in {@link #acceptingHosts} (virtual-hosted buckets by the thousand): start again. */
    private static final int MAX_ACCEPTING_HOSTS = 4096;
    private static volatile @Nullable ReactorNettyEngine shared;

    private final EngineConfig config;
    private final ConnectionProvider pool;
    private final LoopResources loops;
    private final boolean ownsLoops;
    private final HttpClient client;
    private final boolean isShared;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Hosts ({@code host:port}) that accepted a body over the Expect threshold and have refused none
     * since: their large bodies go at once, without waiting for {@code 100 Continue}.
     */
    private final Set<String> acceptingHosts = ConcurrentHashMap.newKeySet();
    /**
     * Times requests waiting for a pooled connection. Reactor Netty's default timer is Reactor's
     * parallel scheduler, a ScheduledThreadPoolExecutor: every wait took its lock and woke one of
     * its threads (a futex call), a third of the cost of issuing a small PUT when all connections
     * were busy, as they are whenever requests follow each other at the pool's limit. A wheel
     * timer only enqueues; its one thread ticks every 100 ms and starts on the first wait.
     */
    private final HashedWheelTimer acquireTimer;

    private ReactorNettyEngine(EngineConfig config, @Nullable LoopResources givenLoops, boolean isShared) {
        this.config = config;
        this.isShared = isShared;
        this.ownsLoops = givenLoops == null;
        this.loops = givenLoops != null ? givenLoops : LoopResources.create(config.name(), config.eventLoopThreads(), true);
        this.acquireTimer = new HashedWheelTimer(new DefaultThreadFactory(config.name() + "-acquire-timer", true),
                100, TimeUnit.MILLISECONDS);
        this.pool = ConnectionProvider.builder(config.name())
                .maxConnections(config.maxConnectionsPerHost())
                .pendingAcquireTimer((task, delay) -> {
                    Timeout timeout = acquireTimer.newTimeout(t -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
                    return timeout::cancel;
                })
                .pendingAcquireMaxCount(config.maxPendingAcquires())
                .pendingAcquireTimeout(config.pendingAcquireTimeout())
                .maxIdleTime(config.maxIdleTime())
                .maxLifeTime(config.maxLifeTime())
                .evictInBackground(config.maxIdleTime().dividedBy(2))
                .build();
        this.client = configure(HttpClient.create(pool).runOn(loops), config);
    }

    public static HttpEngine create(EngineConfig config) {
        return new ReactorNettyEngine(config, null, false);
    }

    /** An engine on event loops someone else owns (a WebFlux server's); they are never disposed here. */
    public static HttpEngine create(EngineConfig config, LoopResources loops) {
        return new ReactorNettyEngine(config, loops, false);
    }

    public static HttpEngine shared() {
        ReactorNettyEngine engine = shared;
        if (engine == null) {
            synchronized (SHARED_LOCK) {
                engine = shared;
                if (engine == null) {
                    engine = new ReactorNettyEngine(EngineConfig.builder().name("ferry-shared").build(), null, true);
                    shared = engine;
                }
            }
        }
        return engine;
    }

    private static HttpClient configure(HttpClient client, EngineConfig config) {
        HttpClient c = client
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .keepAlive(true)
                .compress(false)
                .followRedirect(false)
                // doOnConnected runs each time a pooled connection is acquired, not only when it is
                // opened: adding the handler unconditionally threw "Duplicate handler name" on reuse.
                .doOnConnected(conn -> {
                    if (conn.channel().pipeline().get(Timeouts.WRITE_TIMEOUT_HANDLER) == null) {
                        conn.channel().pipeline().addFirst(Timeouts.WRITE_TIMEOUT_HANDLER, new WriteStallTimeout(config.writeTimeout()));
                    }
                })
                .doOnRequest((request, conn) -> onRequest(request, conn))
                .doAfterRequest((request, conn) -> afterRequest(request, conn, config))
                .doOnResponse((response, conn) -> onResponse(response, conn, config));
        TlsConfig tls = config.tls();
        if (!tls.equals(TlsConfig.defaults())) {
            c = c.secure(spec -> spec.sslContext(sslContext(tls))
                    .handlerConfigurator(handler -> verifyHostname(handler.engine(), tls.hostnameVerification())));
        }
        return c;
    }

    private static Http11SslContextSpec sslContext(TlsConfig tls) {
        Http11SslContextSpec spec = Http11SslContextSpec.forClient();
        if (!tls.trustedCertificates().isEmpty()) {
            X509Certificate[] certs = tls.trustedCertificates().toArray(new X509Certificate[0]);
            spec = spec.configure(b -> b.trustManager(certs));
        }
        return spec;
    }

    private static void verifyHostname(SSLEngine engine, boolean on) {
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(on ? "HTTPS" : null);
        engine.setSSLParameters(params);
    }

    private static ExchangeState state(ContextView context) {
        return context.get(ExchangeState.class);
    }

    private static void onRequest(HttpClientRequest request, Connection conn) {
        ExchangeState state = state(request.currentContextView());
        state.requestStarted = true;
    }

    private static void afterRequest(HttpClientRequest request, Connection conn, EngineConfig config) {
        ExchangeState state = state(request.currentContextView());
        state.requestWritten = true;
        if (!state.responseReceived) {
            conn.addHandlerLast(Timeouts.RESPONSE_TIMEOUT_HANDLER, Timeouts.responseTimeout(config.responseTimeout()));
        }
    }

    private static void onResponse(HttpClientResponse response, Connection conn, EngineConfig config) {
        ExchangeState state = state(response.currentContextView());
        state.responseReceived = true;
        state.connection = conn;
        state.continueGate.tryEmitValue(false);
        conn.removeHandler(Timeouts.RESPONSE_TIMEOUT_HANDLER);
        conn.addHandlerLast(Timeouts.READ_TIMEOUT_HANDLER, Timeouts.readTimeout(config.readTimeout()));
    }

    @Override
    public EngineConfig config() {
        return config;
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
        if (closed.get()) {
            return Flux.error(new IllegalStateException("HttpEngine '" + config.name() + "' is closed"));
        }
        return Flux.defer(() -> {
            ExchangeState state = new ExchangeState();
            boolean large = request.body().contentLength() >= config.expectContinueThreshold();
            boolean expectContinue = large && !request.headers().contains("Expect")
                    && (config.expectContinueEveryTime() || !acceptingHosts.contains(request.authority()));
            return client
                    .request(HttpMethod.valueOf(request.method()))
                    .uri(request.uri())
                    .send((out, outbound) -> send(request, out, outbound, state, expectContinue))
                    .response((response, inbound) -> {
                        if (large) {
                            noteLargeBodyAnswer(request.authority(), response.status().code());
                        }
                        return handle(request, response, inbound, handler, state, expectContinue);
                    })
                    .contextWrite(Context.of(ExchangeState.class, state))
                    .onErrorMap(error -> TransportErrors.translate(error, state, request));
        });
    }

    /** A host that accepts a large body needs no more asking; one that refuses is asked again. */
    private void noteLargeBodyAnswer(String authority, int status) {
        if (status >= 200 && status < 300) {
            if (acceptingHosts.size() >= MAX_ACCEPTING_HOSTS) {
                acceptingHosts.clear();
            }
            acceptingHosts.add(authority);
        } else if (status >= 400) {
            acceptingHosts.remove(authority);
        }
    }

    private static <T> Publisher<T> handle(HttpRequest request, HttpClientResponse response, ByteBufFlux inbound,
                                           Function<? super HttpResponse, ? extends Publisher<T>> handler, ExchangeState state,
                                           boolean expectContinue) {
        NettyResponse wrapped = new NettyResponse(request, response, inbound);
        if (log.isDebugEnabled()) {
            log.debug("{} -> {}", request, wrapped.statusCode());
        }
        Publisher<T> result;
        try {
            result = handler.apply(wrapped);
        } catch (RuntimeException e) {
            return Flux.error(e);
        }
        if (expectContinue) {
            // If the server answered before the body was sent, the request on this connection is
            // half written: the connection must not go back to the pool.
            return Flux.from(result).doFinally(signal -> {
                Connection connection = state.connection;
                if (state.bodyWithheld && connection != null) {
                    connection.channel().close();
                }
            });
        }
        return result;
    }

    private NettyOutbound send(HttpRequest request, HttpClientRequest out, NettyOutbound outbound, ExchangeState state,
                               boolean expectContinue) {
        io.netty.handler.codec.http.HttpHeaders headers = out.requestHeaders();
        if (request.headers().contains("User-Agent")) {
            // Reactor Netty puts its own User-Agent in every request: a caller's must replace it, not follow it.
            headers.remove(HttpHeaderNames.USER_AGENT);
        }
        request.headers().forEach(headers::add);
        headers.set(HttpHeaderNames.HOST, request.authority());
        RequestBody body = request.body();
        long length = body.contentLength();
        if (length >= 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        } else {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (length == 0) {
            return outbound;
        }
        if (!expectContinue) {
            ByteBuffer inMemory = inMemory(body);
            if (inMemory != null && (inMemory.isDirect() || inMemory.remaining() <= WRITE_CHUNK)) {
                // A Mono is written by Reactor Netty as one full message: head and body in one
                // write and one flush, where a Flux flushes the head on its own first (two
                // system calls per small PUT instead of one). A larger heap body still goes in
                // slices (writeChunks), or Netty would copy all of it to direct memory at once.
                return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(inMemory)));
            }
            return outbound.send(checkedContent(request, body));
        }
        Flux<ByteBuf> content = checkedContent(request, body);
        headers.set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        // Installed here, not in doOnRequest: Reactor Netty calls doOnRequest before this send
        // function has set the Expect header, so a listener keyed on that header was never
        // installed, 100 Continue went unheard and every large body waited out the timeout.
        outbound.withConnection(conn -> conn.addHandlerFirst(ExpectContinueListener.NAME, new ExpectContinueListener(state)));
        // Reactor Netty flushes the headers before it subscribes to the body, so waiting here
        // holds back only the body. No 100 in time: send it anyway, as RFC 9110 allows.
        Mono<Boolean> gate = state.continueGate.asMono()
                .timeout(config.expectContinueTimeout(), Mono.just(true));
        return outbound.send(gate.flatMapMany(proceed -> {
            if (proceed) {
                return content;
            }
            state.bodyWithheld = true;
            return Flux.empty();
        }));
    }

    /** The bytes of a body held in memory, whose length is exact by construction; null for other bodies. */
    private static @Nullable ByteBuffer inMemory(RequestBody body) {
        if (body instanceof BytesBody bytes) {
            return bytes.buffer();
        }
        if (body instanceof ByteBufferBody buffer) {
            return buffer.buffer();
        }
        return null;
    }

    /** The body as Netty buffers, failing clearly when it does not produce the length it declared. */
    private static Flux<ByteBuf> checkedContent(HttpRequest request, RequestBody body) {
        long declared = body.contentLength();
        return Flux.defer(() -> {
            long[] sent = {0};
            return body.content()
                    .<ByteBuffer>handle((ByteBuffer buffer, reactor.core.publisher.SynchronousSink<ByteBuffer> sink) -> {
                        sent[0] += buffer.remaining();
                        if (declared >= 0 && sent[0] > declared) {
                            sink.error(lengthMismatch(request, declared, "more than " + declared));
                        } else if (buffer.hasRemaining()) {
                            sink.next(buffer);
                        }
                    })
                    .concatMapIterable(ReactorNettyEngine::writeChunks, 1)
                    .concatWith(Mono.defer(() -> declared >= 0 && sent[0] != declared
                            ? Mono.error(lengthMismatch(request, declared, String.valueOf(sent[0])))
                            : Mono.empty()))
                    .onErrorMap(e -> !(e instanceof TransportException), e -> new TransportException(
                            request.operation() + ": reading the request body failed: " + e.getMessage(),
                            TransportException.Reason.REQUEST_BODY_FAILED, true, e));
        });
    }

    /**
     * A buffer as Netty buffers to write. Netty copies a heap buffer into a direct one as it is
     * written: handed an 8 MiB heap buffer (a multipart part in memory), it allocated 8 MiB of
     * direct memory per request in flight. Cut into slices, at most a channel's write buffer of
     * them is copied at a time. Direct buffers are written as they are, without a copy.
     */
    private static Iterable<ByteBuf> writeChunks(ByteBuffer buffer) {
        if (buffer.isDirect() || buffer.remaining() <= WRITE_CHUNK) {
            return List.of(Unpooled.wrappedBuffer(buffer));
        }
        // Slices are made as they are asked for, so a cancelled body leaves none behind.
        return () -> new Iterator<>() {
            private int position = buffer.position();

            @Override
            public boolean hasNext() {
                return position < buffer.limit();
            }

            @Override
            public ByteBuf next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(WRITE_CHUNK, buffer.limit() - position);
                ByteBuf slice = Unpooled.wrappedBuffer(buffer.slice(position, n));
                position += n;
                return slice;
            }
        };
    }

    private static TransportException lengthMismatch(HttpRequest request, long declared, String produced) {
        return new TransportException(request.operation() + ": the request body declared " + declared
                + " bytes but produced " + produced + "; nothing more is sent and the connection is closed",
                TransportException.Reason.REQUEST_BODY_FAILED, true, null);
    }

    @Override
    public void close() {
        if (isShared || !closed.compareAndSet(false, true)) {
            return;
        }
        // Called from user code, possibly in a try-with-resources: dispose without blocking an event loop.
        pool.disposeLater()
                .then(ownsLoops ? loops.disposeLater() : Mono.empty())
                .then(Mono.fromRunnable(acquireTimer::stop))
                .subscribe(null, e -> log.warn("closing HttpEngine '{}' failed", config.name(), e));
    }

    @Override
    public String toString() {
        return "HttpEngine[" + config.name() + (isShared ? ", shared" : "") + (closed.get() ? ", closed" : "") + "]";
    }
}
