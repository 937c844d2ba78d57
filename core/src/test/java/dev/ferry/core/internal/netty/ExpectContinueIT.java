package dev.ferry.core.internal.netty;

import static dev.ferry.core.testing.Engines.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.testing.Engines;
import dev.ferry.core.testing.NettyServer;
import dev.ferry.core.testing.RawServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@code Expect: 100-continue} for bodies at or above the threshold, against servers that say yes, no, and nothing. */
class ExpectContinueIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Longer than any test waits: a test that passes did not wait for it. */
    private static final Duration NEVER = Duration.ofSeconds(60);

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

    @Test
    void aServerThatSaysContinueReceivesTheWholeBodyWithoutTheClientWaitingOutTheTimeout() throws Exception {
        BlockingQueue<String> expectHeaders = new LinkedBlockingQueue<>();
        // Reactor Netty's server answers 100 Continue when the handler starts reading the body.
        nettyServer = NettyServer.start((req, res) -> {
            expectHeaders.add(String.valueOf(req.requestHeaders().get("Expect")));
            return req.receive().aggregate().asByteArray()
                    .flatMap(body -> res.sendString(Mono.just("received " + body.length)).then());
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).expectContinueThreshold(1000).expectContinueTimeout(NEVER)
                .expectContinueEveryTime(true));
        byte[] data = randomBytes(200_000);
        HttpRequest request = HttpRequest.builder("PUT", nettyServer.uri()).path("/ok").body(RequestBody.fromBytes(data)).build();

        // Several times over one connection: each exchange must hear its own 100 Continue.
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                    .expectNext("received 200000")
                    .expectComplete()
                    .verify(WAIT);
            assertThat(expectHeaders.poll(1, TimeUnit.SECONDS)).isEqualTo("100-continue");
        }
        assertThat(nettyServer.connectionCount()).isEqualTo(1);
    }

    @Test
    void aHostIsAskedUntilItAcceptsALargeBodyAndAgainFromItsFirstRefusal() throws Exception {
        BlockingQueue<String> expectHeaders = new LinkedBlockingQueue<>();
        nettyServer = NettyServer.start((req, res) -> {
            expectHeaders.add(String.valueOf(req.requestHeaders().get("Expect")));
            return req.receive().aggregate().asByteArray().flatMap(body -> req.uri().startsWith("/refused")
                    ? res.status(503).sendString(Mono.just("SlowDown")).then()
                    : res.sendString(Mono.just("received " + body.length)).then());
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).expectContinueThreshold(1000).expectContinueTimeout(NEVER));
        byte[] data = randomBytes(50_000);
        HttpRequest accepted = HttpRequest.builder("PUT", nettyServer.uri()).path("/ok").body(RequestBody.fromBytes(data)).build();
        HttpRequest refused = HttpRequest.builder("PUT", nettyServer.uri()).path("/refused").body(RequestBody.fromBytes(data)).build();

        List<String> seen = new ArrayList<>();
        for (HttpRequest request : List.of(accepted, accepted, refused, refused, accepted, accepted)) {
            StepVerifier.create(engine.exchangeForMono(request, r -> Mono.just(r.statusCode())))
                    .expectNext(request == refused ? 503 : 200)
                    .expectComplete()
                    .verify(WAIT);
            seen.add(expectHeaders.poll(1, TimeUnit.SECONDS));
        }
        assertThat(seen).as("Expect on each request in turn")
                .containsExactly("100-continue", "null", "null", "100-continue", "100-continue", "null");
    }

    @Test
    void bodiesBelowTheThresholdAreSentWithoutExpect() throws Exception {
        BlockingQueue<String> expectHeaders = new LinkedBlockingQueue<>();
        nettyServer = NettyServer.start((req, res) -> {
            expectHeaders.add(String.valueOf(req.requestHeaders().get("Expect")));
            return req.receive().aggregate().asByteArray()
                    .flatMap(body -> res.sendString(Mono.just("received " + body.length)).then());
        });
        HttpEngine engine = engines.create(b -> b.expectContinueThreshold(1000));
        HttpRequest request = HttpRequest.builder("PUT", nettyServer.uri()).path("/small").body(RequestBody.fromBytes(new byte[999])).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("received 999")
                .expectComplete()
                .verify(WAIT);
        assertThat(expectHeaders.poll(1, TimeUnit.SECONDS)).isEqualTo("null");
    }

    @Test
    void aServerThatRefusesAtOnceIsHeardPromptlyAndItsConnectionIsNotReused() throws Exception {
        AtomicReference<String> expectSeen = new AtomicReference<>();
        // A strict HTTP/1.1 server: after answering, it reads the body the request declared
        // before it reads the next request. A client that reused this connection without sending
        // the body would have its next request swallowed as that body, and wait forever.
        rawServer = RawServer.start(conn -> {
            RawServer.Head head;
            while ((head = conn.readHead()) != null) {
                if (head.target().startsWith("/forbidden")) {
                    expectSeen.set(head.header("expect"));
                    conn.respond(403, "<Error><Code>AccessDenied</Code></Error>");
                    conn.readExactly((int) head.contentLength());
                } else {
                    conn.readBody(head);
                    conn.respond(200, "ok " + head.target());
                }
            }
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).expectContinueThreshold(1000)
                .expectContinueTimeout(NEVER).responseTimeout(Duration.ofSeconds(3)));
        HttpRequest forbidden = HttpRequest.builder("PUT", rawServer.uri()).path("/forbidden")
                .body(RequestBody.fromBytes(new byte[1_000_000])).build();
        HttpRequest next = HttpRequest.builder("GET", rawServer.uri()).path("/next").build();

        StepVerifier.create(engine.exchangeForMono(forbidden, r -> r.body().asString().map(body -> r.statusCode() + " " + body)))
                .expectNext("403 <Error><Code>AccessDenied</Code></Error>")
                .expectComplete()
                .verify(WAIT);
        assertThat(expectSeen.get()).isEqualTo("100-continue");

        StepVerifier.create(engine.exchangeForMono(next, r -> r.body().asString()))
                .expectNext("ok /next")
                .expectComplete()
                .verify(WAIT);
        assertThat(rawServer.connectionCount()).isEqualTo(2);
        assertThat(rawServer.failures()).isEmpty();
    }

    @Test
    void aServerThatAnswersBeforeTheBodyIsAllSentDoesNotGetThatConnectionBack() throws Exception {
        // No Expect (as for a host that has accepted large bodies before): the server reads a little
        // of the body, refuses it, and reads on only until the client hangs up. A client that pooled
        // this connection would send its next request into the rest of the refused body, unanswered.
        rawServer = RawServer.start(16 * 1024, conn -> {
            RawServer.Head head;
            while ((head = conn.readHead()) != null) {
                if (head.target().startsWith("/refused")) {
                    conn.readExactly(1000);
                    conn.respond(400, "<Error><Code>XAmzContentSHA256Mismatch</Code></Error>");
                    conn.drain();
                    return;
                }
                conn.readBody(head);
                conn.respond(200, "ok " + head.target());
            }
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).expectContinueThreshold(Long.MAX_VALUE)
                .responseTimeout(Duration.ofSeconds(3)));
        HttpRequest refused = HttpRequest.builder("PUT", rawServer.uri()).path("/refused")
                .body(RequestBody.fromBytes(randomBytes(8 << 20))).build();
        HttpRequest next = HttpRequest.builder("GET", rawServer.uri()).path("/next").build();

        StepVerifier.create(engine.exchangeForMono(refused, r -> Mono.just(r.statusCode())))
                .expectNext(400)
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(engine.exchangeForMono(next, r -> r.body().asString()))
                .expectNext("ok /next")
                .expectComplete()
                .verify(WAIT);
        assertThat(rawServer.connectionCount()).as("a new connection for the next request").isEqualTo(2);
    }

    @Test
    void aRequestWaitingForTheConnectionIsNotGivenTheHalfWrittenOne() throws Exception {
        CountDownLatch forbiddenArrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        rawServer = RawServer.start(conn -> {
            RawServer.Head head;
            while ((head = conn.readHead()) != null) {
                if (head.target().startsWith("/forbidden")) {
                    forbiddenArrived.countDown();
                    answer.await();
                    conn.respond(403, "denied");
                    conn.readExactly((int) head.contentLength());
                } else {
                    conn.readBody(head);
                    conn.respond(200, "ok " + head.target());
                }
            }
        });
        HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).expectContinueThreshold(1000)
                .expectContinueTimeout(NEVER).responseTimeout(Duration.ofSeconds(3)));
        HttpRequest forbidden = HttpRequest.builder("PUT", rawServer.uri()).path("/forbidden")
                .body(RequestBody.fromBytes(new byte[1_000_000])).build();
        HttpRequest next = HttpRequest.builder("PUT", rawServer.uri()).path("/queued").body(RequestBody.fromString("small")).build();

        StepVerifier.FirstStep<String> first = StepVerifier.create(engine.exchangeForMono(forbidden, r -> r.body().asString()));
        Mono<String> queued = engine.exchangeForMono(next, r -> r.body().asString()).cache();
        Thread answering = new Thread(() -> {
            try {
                if (!forbiddenArrived.await(5, TimeUnit.SECONDS)) {
                    return; // the server never answers, and the test fails waiting for it
                }
                // Subscribing registers the acquire with the pool before it returns: it now waits for the only connection.
                queued.subscribe(v -> { }, e -> { });
                answer.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        answering.start();

        first.expectNext("denied").expectComplete().verify(WAIT);
        StepVerifier.create(queued).expectNext("ok /queued").expectComplete().verify(WAIT);
        answering.join();
        assertThat(rawServer.failures()).isEmpty();
    }

    @Test
    void aServerThatNeverSaysContinueGetsTheBodyAfterTheTimeout() throws Exception {
        AtomicReference<String> expectSeen = new AtomicReference<>();
        rawServer = RawServer.start(conn -> {
            RawServer.Head head = conn.readHead();
            expectSeen.set(head.header("expect"));
            byte[] body = conn.readBody(head); // waits, silent, until the client gives up waiting for 100
            conn.respond(200, "received " + body.length);
        });
        HttpEngine engine = engines.create(b -> b.expectContinueThreshold(1000).expectContinueTimeout(Duration.ofMillis(200)));
        byte[] data = randomBytes(300_000);
        HttpRequest request = HttpRequest.builder("PUT", rawServer.uri()).path("/mute").body(RequestBody.fromBytes(data)).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("received 300000")
                .expectComplete()
                .verify(WAIT);
        assertThat(expectSeen.get()).isEqualTo("100-continue");
    }

    @Test
    void aServerThatSaysContinueOnTheWireGetsTheBodyWithoutTheClientWaitingOutTheTimeout() throws Exception {
        rawServer = RawServer.start(conn -> {
            RawServer.Head head = conn.readHead();
            conn.write("HTTP/1.1 100 Continue\r\n\r\n");
            byte[] body = conn.readBody(head);
            conn.respond(200, "received " + body.length);
        });
        HttpEngine engine = engines.create(b -> b.expectContinueThreshold(1000).expectContinueTimeout(NEVER));
        HttpRequest request = HttpRequest.builder("PUT", rawServer.uri()).path("/go").body(RequestBody.fromBytes(new byte[100_000])).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("received 100000")
                .expectComplete()
                .verify(WAIT);
    }
}
