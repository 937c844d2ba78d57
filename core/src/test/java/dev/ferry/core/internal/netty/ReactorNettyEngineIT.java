package dev.ferry.core.internal.netty;

import static dev.ferry.core.testing.Engines.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.testing.Engines;
import dev.ferry.core.testing.NettyServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.test.StepVerifier;

/** What goes over the wire and what comes back, against a real Reactor Netty server. */
class ReactorNettyEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What the echo server saw of one request. */
    record Seen(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private final Engines engines = new Engines();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private NettyServer server;
    private HttpEngine engine;

    @BeforeEach
    void start() {
        server = NettyServer.start((req, res) -> req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    seen.add(new Seen(req.method().name(), req.uri(), headersOf(req), body));
                    return res.status(200).header("Content-Type", "text/plain").sendString(Mono.just("received " + body.length)).then();
                }));
        engine = engines.create();
    }

    @AfterEach
    void stop() {
        engines.close();
        server.close();
    }

    private static Map<String, List<String>> headersOf(HttpServerRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.requestHeaders().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue()));
        return headers;
    }

    private Seen lastSeen() throws InterruptedException {
        Seen s = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(s).as("the server received a request").isNotNull();
        return s;
    }

    private HttpRequest.Builder put(String path) {
        return HttpRequest.builder("PUT", server.uri()).path(path);
    }

    private String send(HttpRequest request) {
        return engine.exchangeForMono(request, r -> r.body().asString()).block(WAIT);
    }

    @Test
    void bytesBodyHeadersAndQueryArriveAsSent() throws Exception {
        byte[] data = randomBytes(100_000);
        HttpRequest request = put("/bucket/a%20key")
                .query("partNumber", "3")
                .query("uploadId", "a b/c")
                .header("Content-Type", "application/octet-stream")
                .header("x-amz-meta-color", "red")
                .header("X-Amz-Meta-Color", "blue")
                .body(RequestBody.fromBytes(data))
                .build();

        assertThat(send(request)).isEqualTo("received 100000");

        Seen s = lastSeen();
        assertThat(s.method()).isEqualTo("PUT");
        assertThat(s.uri()).isEqualTo("/bucket/a%20key?partNumber=3&uploadId=a%20b%2Fc");
        assertThat(s.header("content-length")).containsExactly("100000");
        assertThat(s.header("transfer-encoding")).isEmpty();
        assertThat(s.header("content-type")).containsExactly("application/octet-stream");
        assertThat(s.header("x-amz-meta-color")).containsExactly("red", "blue");
        assertThat(s.body()).isEqualTo(data);
    }

    @Test
    void hostHeaderNamesHostAndPort() throws Exception {
        send(HttpRequest.builder("GET", server.uri()).path("/").build());

        assertThat(lastSeen().header("host")).containsExactly("127.0.0.1:" + server.port());
    }

    @Test
    void byteBufferBodySendsTheRemainingBytesAndLeavesThePositionAlone() throws Exception {
        byte[] data = randomBytes(50_000);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        buffer.position(1_000).limit(41_000);

        assertThat(send(put("/b").body(RequestBody.fromByteBuffer(buffer)).build())).isEqualTo("received 40000");

        assertThat(lastSeen().body()).isEqualTo(Arrays.copyOfRange(data, 1_000, 41_000));
        assertThat(buffer.position()).isEqualTo(1_000);
        assertThat(buffer.limit()).isEqualTo(41_000);
    }

    @Test
    void fileRegionBodySendsExactlyThatRegion(@TempDir Path dir) throws Exception {
        byte[] data = randomBytes(300_000);
        Path file = dir.resolve("data.bin");
        Files.write(file, data);

        // A region spanning several read chunks, starting and ending inside one.
        String answer = send(put("/f").body(RequestBody.fromFile(file, 1_234, 200_001)).build());

        assertThat(answer).isEqualTo("received 200001");
        Seen s = lastSeen();
        assertThat(s.header("content-length")).containsExactly("200001");
        assertThat(s.body()).isEqualTo(Arrays.copyOfRange(data, 1_234, 201_235));
    }

    @Test
    void wholeFileBodyArrives(@TempDir Path dir) throws Exception {
        byte[] data = randomBytes(70_000);
        Path file = dir.resolve("whole.bin");
        Files.write(file, data);

        send(put("/f").body(RequestBody.fromFile(file)).build());

        assertThat(lastSeen().body()).isEqualTo(data);
    }

    @Test
    void publisherOfKnownLengthIsSentWithContentLength() throws Exception {
        byte[] data = randomBytes(30_000);
        Flux<ByteBuffer> parts = Flux.range(0, 3).map(i -> ByteBuffer.wrap(data, i * 10_000, 10_000));

        send(put("/p").body(RequestBody.fromPublisher(parts, 30_000)).build());

        Seen s = lastSeen();
        assertThat(s.header("content-length")).containsExactly("30000");
        assertThat(s.header("transfer-encoding")).isEmpty();
        assertThat(s.body()).isEqualTo(data);
    }

    @Test
    void publisherOfUnknownLengthIsSentChunked() throws Exception {
        byte[] data = randomBytes(25_000);
        Flux<ByteBuffer> parts = Flux.range(0, 5).map(i -> ByteBuffer.wrap(data, i * 5_000, 5_000));

        send(put("/p").body(RequestBody.fromPublisher(parts)).build());

        Seen s = lastSeen();
        assertThat(s.header("transfer-encoding")).containsExactly("chunked");
        assertThat(s.header("content-length")).isEmpty();
        assertThat(s.body()).isEqualTo(data);
    }

    @Test
    void emptyBodySendsZeroLength() throws Exception {
        send(HttpRequest.builder("DELETE", server.uri()).path("/x").build());

        Seen s = lastSeen();
        assertThat(s.method()).isEqualTo("DELETE");
        assertThat(s.body()).isEmpty();
    }

    @Test
    void responseStatusHeadersAndBodyReachTheHandler() {
        StepVerifier.create(engine.exchangeForMono(put("/r").body(RequestBody.fromString("hello")).build(),
                        r -> r.body().asString().map(body -> r.statusCode() + " " + r.isSuccessful() + " "
                                + r.headers().first("CONTENT-TYPE") + " " + body + " " + r.request().encodedPath())))
                .expectNext("200 true text/plain received 5 /r")
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void responseBodyCanBeReadAsBytesOrAsAFlux() {
        NettyServer big = NettyServer.start((req, res) -> res.status(200)
                .sendByteArray(Flux.range(0, 20).map(i -> chunk(i))).then());
        try {
            HttpRequest request = HttpRequest.builder("GET", big.uri()).path("/big").build();
            byte[] expected = expectedChunks(20);

            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asBytes()))
                    .assertNext(bytes -> assertThat(bytes).isEqualTo(expected))
                    .expectComplete()
                    .verify(WAIT);

            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            StepVerifier.create(engine.exchange(request, r -> r.body().asFlux()))
                    .thenConsumeWhile(b -> {
                        byte[] copy = new byte[b.remaining()];
                        b.get(copy);
                        streamed.writeBytes(copy);
                        return true;
                    })
                    .expectComplete()
                    .verify(WAIT);
            assertThat(streamed.toByteArray()).isEqualTo(expected);
        } finally {
            big.close();
        }
    }

    private static byte[] chunk(int i) {
        byte[] b = new byte[10_000];
        Arrays.fill(b, (byte) i);
        return b;
    }

    private static byte[] expectedChunks(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            out.writeBytes(chunk(i));
        }
        return out.toByteArray();
    }

    @Test
    void asStringDecodesWithTheCharsetOfTheContentType() {
        NettyServer latin = NettyServer.start((req, res) -> res.status(200)
                .header("Content-Type", "text/plain; charset=ISO-8859-1")
                .sendByteArray(Mono.just("café".getBytes(StandardCharsets.ISO_8859_1))).then());
        try {
            StepVerifier.create(engine.exchangeForMono(HttpRequest.builder("GET", latin.uri()).build(), r -> r.body().asString()))
                    .expectNext("café")
                    .expectComplete()
                    .verify(WAIT);
        } finally {
            latin.close();
        }
    }

    @Test
    void asBytesRefusesABodyLargerThanItsLimitAndTheEngineStaysUsable() {
        NettyServer big = NettyServer.start((req, res) -> res.status(200)
                .sendByteArray(Flux.range(0, 5).map(i -> chunk(i))).then());
        try {
            HttpRequest request = HttpRequest.builder("GET", big.uri()).path("/big").build();

            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asBytes(20_000)))
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(TransportException.class)
                            .hasMessageContaining("larger than the 20000 bytes")
                            .hasMessageContaining("stream it instead"))
                    .verify(WAIT);

            StepVerifier.create(engine.exchangeForMono(request, r -> r.body().asBytes(50_000)))
                    .assertNext(bytes -> assertThat(bytes).hasSize(50_000))
                    .expectComplete()
                    .verify(WAIT);
        } finally {
            big.close();
        }
    }

    @Test
    void sequentialExchangesReuseOnePooledConnection() {
        HttpEngine single = engines.create(b -> b.maxConnectionsPerHost(1));
        HttpRequest request = put("/again").body(RequestBody.fromString("abc")).build();

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(single.exchangeForMono(request, r -> r.body().asString()))
                    .expectNext("received 3")
                    .expectComplete()
                    .verify(WAIT);
        }

        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aHandlerThatIgnoresTheBodyLeavesTheConnectionReusable() {
        HttpEngine single = engines.create(b -> b.maxConnectionsPerHost(1).pendingAcquireTimeout(Duration.ofSeconds(2)));
        HttpRequest request = put("/ignored").body(RequestBody.fromString("x")).build();

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(single.exchangeForMono(request, r -> Mono.just(r.statusCode())))
                    .expectNext(200)
                    .expectComplete()
                    .verify(WAIT);
        }
    }

    @Test
    void aClosedEngineRefusesNewExchanges() {
        HttpEngine closing = engines.create();
        closing.close();

        StepVerifier.create(closing.exchange(put("/x").build(), r -> r.body().discard()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"))
                .verify(WAIT);
    }
}
