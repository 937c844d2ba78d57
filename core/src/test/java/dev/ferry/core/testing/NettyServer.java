package dev.ferry.core.testing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/** A well-behaved Reactor Netty HTTP server on its own event loop, on a free loopback port. */
public final class NettyServer implements AutoCloseable {
    private final LoopResources loops;
    private final DisposableServer server;
    private final AtomicInteger connections;

    private NettyServer(LoopResources loops, DisposableServer server, AtomicInteger connections) {
        this.loops = loops;
        this.server = server;
        this.connections = connections;
    }

    public static NettyServer start(BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
        LoopResources loops = LoopResources.create("test-server", 1, 1, true);
        AtomicInteger connections = new AtomicInteger();
        DisposableServer server = HttpServer.create()
                .runOn(loops)
                .doOnChannelInit((observer, channel, remote) -> connections.incrementAndGet())
                .host("127.0.0.1")
                .port(0)
                .handle(handler)
                .bindNow(Duration.ofSeconds(5));
        return new NettyServer(loops, server, connections);
    }

    public int port() {
        return server.port();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
