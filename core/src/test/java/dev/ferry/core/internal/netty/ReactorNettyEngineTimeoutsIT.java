package dev.ferry.core.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.testing.Engines;
import dev.ferry.core.testing.NettyServer;
import dev.ferry.core.testing.RawServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The response, read and write timeouts, each against a server that misbehaves in the one way that
 * timeout exists for, and against one that is slow in a way the timeout must tolerate.
 */
class ReactorNettyEngineTimeoutsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far more than loopback socket buffers hold, so that a slow reader keeps the client's writes pending. */
    private static final int LARGE = 32 * 1024 * 1024;

    private final Engines engines = new Engines();
    private RawServer server;

    @AfterEach
    void stop() {
        engines.close();
        if (server != null) {
            server.close();
        }
    }

    private static TransportException transport(Throwable e, Reason reason) {
        assertThat(e).isInstanceOf(TransportException.class);
        TransportException t = (TransportException) e;
        assertThat(t.reason()).as("reason of: %s", t.getMessage()).isEqualTo(reason);
        return t;
    }

    @Test
    void aServerThatNeverAnswersHitsTheResponseTimeout() {
        server = RawServer.start(conn -> {
            conn.readBody(conn.readHead());
            conn.awaitClose();
        });
        HttpEngine engine = engines.create(b -> b.responseTimeout(Duration.ofMillis(300)));
        HttpRequest request = HttpRequest.builder("PUT", server.uri()).path("/silent").body(RequestBody.fromString("x")).build();

        StepVerifier.create(engine.exchange(request, r -> r.body().discard()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.RESPONSE_TIMEOUT);
                    assertThat(t.requestSent()).isTrue();
                    assertThat(t.getMessage()).contains("/silent").contains("no response within 300 ms");
                })
                .verify(WAIT);
    }

    /**
     * Reads the first 4 MiB of the body slowly (about 1.3 s, well over the 500 ms response timeout
     * of the tests that use it), then the rest at full speed, then answers.
     */
    private static RawServer slowReader() {
        return slowReader(4 * 1024 * 1024, 20);
    }

    /** Reads {@code slowBytes} of the body in 64 KiB reads {@code pauseMillis} apart, then the rest at full speed, then answers. */
    private static RawServer slowReader(long slowBytes, int pauseMillis) {
        return RawServer.start(64 * 1024, conn -> {
            RawServer.Head head = conn.readHead();
            long length = head.contentLength();
            conn.readSlowly(slowBytes, 64 * 1024, pauseMillis);
            conn.readSlowly(length - slowBytes, 64 * 1024, 0);
            conn.respond(200, "read " + length);
        });
    }

    @Test
    void theResponseTimeoutDoesNotRunWhileALargeBodyIsStillBeingWritten() {
        server = slowReader();
        HttpEngine engine = engines.create(b -> b.responseTimeout(Duration.ofMillis(500)).writeTimeout(Duration.ofSeconds(20)));
        HttpRequest request = HttpRequest.builder("PUT", server.uri()).path("/slow")
                .body(RequestBody.fromBytes(new byte[LARGE])).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("read " + LARGE)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void theResponseTimeoutDoesNotRunWhileALargeFileIsStillBeingWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("large.bin");
        Files.write(file, new byte[LARGE]);
        server = slowReader();
        HttpEngine engine = engines.create(b -> b.responseTimeout(Duration.ofMillis(500)).writeTimeout(Duration.ofSeconds(20)));
        HttpRequest request = HttpRequest.builder("PUT", server.uri()).path("/slow-file").body(RequestBody.fromFile(file)).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("read " + LARGE)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aSlowButSteadyUploadOfOneLargeBufferOutlastsTheWriteTimeout() {
        // The write timeout is for a server that stopped reading; this one reads all along, slowly
        // (some 3 s for the first 16 MiB), for longer than the write timeout in all. The pauses
        // the client sees are the time the server takes to free a third of the client's socket
        // buffer (some 300 ms here), well under the timeout.
        server = slowReader(16 * 1024 * 1024, 10);
        HttpEngine engine = engines.create(b -> b.writeTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(5)));
        HttpRequest request = HttpRequest.builder("PUT", server.uri()).path("/steady")
                .body(RequestBody.fromBytes(new byte[LARGE])).build();

        StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString()))
                .expectNext("read " + LARGE)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aResponseBodyThatStallsMidWayHitsTheReadTimeout() {
        server = RawServer.start(conn -> {
            conn.readBody(conn.readHead());
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            conn.write(new byte[1000]);
            conn.awaitClose();
        });
        HttpEngine engine = engines.create(b -> b.readTimeout(Duration.ofMillis(300)));
        HttpRequest request = HttpRequest.builder("GET", server.uri()).path("/stall").build();

        StepVerifier.create(engine.exchange(request, r -> r.body().asBytes()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.READ_TIMEOUT);
                    assertThat(t.requestSent()).isTrue();
                    assertThat(t.getMessage()).contains("/stall").contains("stalled for more than 300 ms");
                })
                .verify(WAIT);
    }

    @Test
    void aPooledConnectionIdleForLongerThanTheTimeoutsIsNotClosedByThem() throws Exception {
        NettyServer echo = NettyServer.start((req, res) -> req.receive().then(res.sendString(Mono.just("ok")).then()));
        try {
            HttpEngine engine = engines.create(b -> b.maxConnectionsPerHost(1).readTimeout(Duration.ofMillis(150))
                    .responseTimeout(Duration.ofMillis(150)).writeTimeout(Duration.ofMillis(150)));
            HttpRequest request = HttpRequest.builder("PUT", echo.uri()).path("/idle").body(RequestBody.fromString("x")).build();

            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString())).expectNext("ok").expectComplete().verify(WAIT);
            // Idle in the pool for longer than every timeout: none of them may fire there.
            Thread.sleep(500);
            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asString())).expectNext("ok").expectComplete().verify(WAIT);

            assertThat(echo.connectionCount()).as("the first connection served both").isEqualTo(1);
        } finally {
            echo.close();
        }
    }

    @Test
    void aServerThatStopsReadingTheBodyHitsTheWriteTimeout() {
        server = RawServer.start(64 * 1024, conn -> {
            conn.readHead();
            conn.hold(); // never reads the body, never answers
        });
        HttpEngine engine = engines.create(b -> b.writeTimeout(Duration.ofMillis(300)).responseTimeout(Duration.ofSeconds(30)));
        HttpRequest request = HttpRequest.builder("PUT", server.uri()).path("/deaf").body(RequestBody.fromBytes(new byte[LARGE])).build();

        StepVerifier.create(engine.exchange(request, r -> r.body().discard()))
                .expectErrorSatisfies(e -> {
                    TransportException t = transport(e, Reason.WRITE_TIMEOUT);
                    assertThat(t.requestSent()).isTrue();
                })
                .verify(WAIT);
    }
}
