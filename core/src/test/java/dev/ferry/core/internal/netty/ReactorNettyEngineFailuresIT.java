package dev.ferry.core.internal.netty;

import static dev.ferry.core.testing.Engines.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.testing.Engines;
import dev.ferry.core.testing.NettyServer;
import dev.ferry.core.testing.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** How the engine fails: what it reports, whether it says the request was sent, and what it leaves behind. */
class ReactorNettyEngineFailuresIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Engines engines = new Engines();
    private NettyServer nettyServer;
    private RawServer rawServer;

    @AfterEach
    void stop() {
        engines.close();
        if (nettyServer != null) {
            nettyServer.close();
        }
        if (rawServer != null) {
            rawServer.close();
        }
    }

    private NettyServer echoServer() {
        nettyServer = NettyServer.start((req, res) -> req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                .flatMap(body -> res.status(200).sendString(Mono.just("received " + body.length)).then()));
        return nettyServer;
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static TransportException transport(Throwable e, Reason reason) {
        assertThat(e).isInstanceOf(TransportException.class);
        TransportException t = (TransportException) e;
        assertThat(t.reason()).as("reason of: %s", t.getMessage()).isEqualTo(reason);
        return t;
    }

    @Test
    void connectionRefusedIsConnectFailedAndNotSent() throws Exception {
        HttpEngine engine = engines.create();
        HttpRequest request = HttpRequest.builder("POST", closedPort()).path("/nobody").operation("Probe").build();

        StepVerifier.create(engine.exchange(request, r -> r.body().discard()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.CONNECT_FAILED);
                    assertThat(t.requestSent()).isFalse();
                    assertThat(t.getMessage()).contains("Probe POST http://127.0.0.1:").contains("cannot connect");
                })
                .verify(WAIT);
    }

    @Test
    void waitingForTheOnlyBusyConnectionTimesOutWithoutSending() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        rawServer = RawServer.start(conn -> {
            conn.readHead();
            firstArrived.countDown();
            conn.awaitClose(); // never answers
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).pendingAcquireTimeout(Duration.ofMillis(200)));
        HttpRequest request = HttpRequest.builder("GET", rawServer.uri()).path("/stuck").build();

        Disposable first = engine.exchange(request, r -> r.body().discard()).subscribe(v -> { }, e -> { });
        try {
            assertThat(firstArrived.await(5, TimeUnit.SECONDS)).as("the first request holds the connection").isTrue();

            StepVerifier.create(engine.exchange(request, r -> r.body().discard()))
                    .expectErrorSatisfies(e -> {
                        TransportException t = transport(e, Reason.POOL_ACQUIRE_TIMEOUT);
                        assertThat(t.requestSent()).isFalse();
                        assertThat(t.getMessage()).contains("maxConnectionsPerHost");
                    })
                    .verify(WAIT);
            assertThat(rawServer.connectionCount()).isEqualTo(1);
        } finally {
            first.dispose();
        }
    }

    @Test
    void publisherProducingFewerBytesThanDeclaredFailsTheRequestBody() {
        HttpEngine engine = engines.create();
        Flux<ByteBuffer> short1000 = Flux.just(ByteBuffer.wrap(randomBytes(1000)));
        HttpRequest request = HttpRequest.builder("PUT", echoServer().uri()).path("/short")
                .body(RequestBody.fromPublisher(short1000, 2000)).operation("PutObject").build();

        StepVerifier.create(engine.exchange(request, r -> r.body().asString()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.REQUEST_BODY_FAILED);
                    assertThat(t.getMessage()).contains("PutObject").contains("declared 2000 bytes but produced 1000");
                })
                .verify(WAIT);
    }

    @Test
    void publisherProducingMoreBytesThanDeclaredFailsTheRequestBody() {
        HttpEngine engine = engines.create();
        Flux<ByteBuffer> long1500 = Flux.range(0, 3).map(i -> ByteBuffer.wrap(randomBytes(500)));
        HttpRequest request = HttpRequest.builder("PUT", echoServer().uri()).path("/long")
                .body(RequestBody.fromPublisher(long1500, 1000)).build();

        StepVerifier.create(engine.exchange(request, r -> r.body().asString()))
                .expectErrorSatisfies(e -> assertThat(transport(e, Reason.REQUEST_BODY_FAILED).getMessage())
                        .contains("declared 1000 bytes but produced more than 1000"))
                .verify(WAIT);
    }

    @Test
    void aFailingBodyPublisherFailsTheRequestBodyWithItsCause() {
        HttpEngine engine = engines.create();
        IOException diskGone = new IOException("disk gone");
        Flux<ByteBuffer> failing = Flux.concat(Flux.just(ByteBuffer.wrap(randomBytes(100))), Flux.error(diskGone));
        HttpRequest request = HttpRequest.builder("PUT", echoServer().uri()).path("/failing")
                .body(RequestBody.fromPublisher(failing, 1000)).build();

        StepVerifier.create(engine.exchange(request, r -> r.body().asString()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.REQUEST_BODY_FAILED);
                    assertThat(t).hasMessageContaining("disk gone").hasCause(diskGone);
                })
                .verify(WAIT);
    }

    @Test
    void theEngineStaysUsableAfterABodyLengthMismatch() {
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).pendingAcquireTimeout(Duration.ofSeconds(2)));
        URI uri = echoServer().uri();
        HttpRequest bad = HttpRequest.builder("PUT", uri).path("/bad")
                .body(RequestBody.fromPublisher(Flux.just(ByteBuffer.wrap(new byte[10])), 20)).build();
        HttpRequest good = HttpRequest.builder("PUT", uri).path("/good").body(RequestBody.fromString("fine")).build();

        StepVerifier.create(engine.exchange(bad, r -> r.body().asString())).expectError(TransportException.class).verify(WAIT);
        StepVerifier.create(engine.exchangeForMono(good, r -> r.body().asString()))
                .expectNext("received 4")
                .expectComplete()
                .verify(WAIT);
        assertThat(nettyServer.connectionCount()).as("the half-sent connection is not reused").isEqualTo(2);
    }

    @Test
    void cancellingInTheMiddleOfALargeBodyReleasesTheConnection() {
        AtomicInteger bigBodiesStarted = new AtomicInteger();
        nettyServer = NettyServer.start((req, res) -> {
            if (req.uri().startsWith("/big")) {
                bigBodiesStarted.incrementAndGet();
                // 32 MiB: far more than socket buffers hold, so the client cancels mid-way.
                return res.status(200).header("Content-Length", String.valueOf(512 * 65536))
                        .sendByteArray(Flux.range(0, 512).map(i -> new byte[65536])).then();
            }
            return res.status(200).sendString(Mono.just("small")).then();
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).pendingAcquireTimeout(Duration.ofSeconds(2)));
        HttpRequest big = HttpRequest.builder("GET", nettyServer.uri()).path("/big").build();
        HttpRequest small = HttpRequest.builder("GET", nettyServer.uri()).path("/small").build();

        StepVerifier.create(engine.exchange(big, r -> r.body().asFlux()), 0)
                .thenRequest(3)
                .expectNextCount(3)
                .thenCancel()
                .verify(WAIT);

        StepVerifier.create(engine.exchangeForMono(small, r -> r.body().asString()))
                .expectNext("small")
                .expectComplete()
                .verify(WAIT);
        assertThat(bigBodiesStarted).hasValue(1);
    }

    @Test
    void aServerClosingAfterTheRequestArrivedIsConnectionClosedAndSent() {
        rawServer = RawServer.start(conn -> {
            RawServer.Head head = conn.readHead();
            conn.readBody(head);
            // then close without a word
        });
        HttpEngine engine = engines.create();
        HttpRequest request = HttpRequest.builder("POST", rawServer.uri()).path("/vanish").body(RequestBody.fromString("payload")).build();

        StepVerifier.create(engine.exchange(request, r -> r.body().discard()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.CONNECTION_CLOSED);
                    assertThat(t.requestSent()).isTrue();
                    assertThat(t.getMessage()).contains("/vanish");
                })
                .verify(WAIT);
        assertThat(rawServer.connectionCount()).as("the engine itself never resends a request").isEqualTo(1);
    }

    @Test
    void anExceptionThrownByTheHandlerReachesTheCallerAsIs() {
        HttpEngine engine = engines.create();
        IllegalStateException boom = new IllegalStateException("decoder broke");
        HttpRequest request = HttpRequest.builder("GET", echoServer().uri()).path("/x").build();

        StepVerifier.create(engine.exchange(request, r -> {
                    throw boom;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(WAIT);
    }
}
