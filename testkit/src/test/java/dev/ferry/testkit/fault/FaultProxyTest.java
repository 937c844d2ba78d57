package dev.ferry.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault against a plain JDK HTTP server, seen from a plain JDK client (or a raw socket where
 * the exact bytes matter): what passes, what is cut, what the server never sees.
 */
class FaultProxyTest {
    private static final int MIB = 1024 * 1024;

    private HttpServer server;
    private FaultProxy proxy;
    private HttpClient client;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger bodiesReceived = new AtomicInteger();
    private final AtomicBoolean flag = new AtomicBoolean();
    private volatile boolean flagSeenByServer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/bytes", this::bytes);
        server.createContext("/chunked", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(("chunk " + i + ";").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        });
        server.createContext("/echo", exchange -> {
            served.incrementAndGet();
            flagSeenByServer = flag.get();
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodiesReceived.incrementAndGet();
            byte[] answer = ("received " + body.length).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        proxy = FaultProxy.start(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private void bytes(HttpExchange exchange) throws IOException {
        served.incrementAndGet();
        int n = Integer.parseInt(exchange.getRequestURI().getQuery().split("&")[0].substring("n=".length()));
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(n));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, n);
            exchange.getResponseBody().write(content(n));
        }
        exchange.close();
    }

    private static byte[] content(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.stop(0);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(proxy.endpoint() + pathAndQuery);
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> put(String pathAndQuery, byte[] body, boolean expectContinue) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).expectContinue(expectContinue)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passesEveryKindOfMessageThroughUnchangedAndRecordsTheRequests() throws Exception {
        assertThat(get("/bytes?n=" + MIB).body()).isEqualTo(content(MIB));
        assertThat(put("/echo", new byte[300_000], false).body()).isEqualTo("received 300000");
        assertThat(put("/echo", new byte[2 * MIB], true).body()).as("through 100 Continue").isEqualTo("received " + 2 * MIB);
        assertThat(new String(get("/chunked").body(), StandardCharsets.US_ASCII)).startsWith("chunk 0;").endsWith("chunk 9;");
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(uri("/bytes?n=77")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("content-length")).hasValue("77");
        assertThat(get("/bytes?n=5").body()).as("the connection still works after a HEAD").hasSize(5);

        assertThat(proxy.requests()).extracting(RequestHead::method).containsExactly("GET", "PUT", "PUT", "GET", "HEAD", "GET");
        RequestHead first = proxy.requests().get(0);
        assertThat(first.path()).isEqualTo("/bytes");
        assertThat(first.queryParameter("n")).isEqualTo(Integer.toString(MIB));
        assertThat(first.header("Host")).isNotNull();
        assertThat(first.fault()).isNull();
        assertThat(proxy.faultsInjected()).isZero();
    }

    @Test
    void answersSlowDownInTheServersPlaceForTheNextRequestsThenForwardsAgain() throws Exception {
        proxy.inject(Fault.slowDown(), 2);

        HttpResponse<byte[]> first = get("/bytes?n=10&x=1");
        HttpResponse<byte[]> second = get("/bytes?n=10");
        HttpResponse<byte[]> third = get("/bytes?n=10");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("<Code>SlowDown</Code>",
                "<Resource>/bytes?n=10&amp;x=1</Resource>", "<RequestId>ferry-fault-1</RequestId>");
        assertThat(first.headers().firstValue("x-amz-request-id")).hasValue("ferry-fault-1");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(served).as("the server saw only the third").hasValue(1);
        assertThat(proxy.faultsInjected()).isEqualTo(2);
        assertThat(proxy.requests().get(0).fault()).isEqualTo(Fault.slowDown());
    }

    @Test
    void answersAnErrorToARequestWhoseBodyIsStillComingWithoutLosingTheAnswer() throws Exception {
        proxy.inject(Fault.internalError(), 1);

        HttpResponse<String> refused = put("/echo", new byte[4 * MIB], false);

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("<Code>InternalError</Code>");
        assertThat(put("/echo", new byte[10], false).body()).isEqualTo("received 10");
        assertThat(bodiesReceived).hasValue(1);
    }

    @Test
    void appliesAFaultOnlyToTheRequestsItMatches() throws Exception {
        proxy.inject(Fault.internalError(), FaultProxy.EVERY_TIME, r -> r.path().equals("/echo"));

        assertThat(put("/echo", new byte[1], false).statusCode()).isEqualTo(500);
        assertThat(get("/bytes?n=3").statusCode()).isEqualTo(200);
        assertThat(put("/echo", new byte[1], false).statusCode()).isEqualTo(500);
        proxy.clearFaults();
        assertThat(put("/echo", new byte[1], false).statusCode()).isEqualTo(200);
        assertThat(proxy.faultsInjected()).isEqualTo(2);
    }

    @Test
    void resetsTheConnectionPartWayThroughARequestBody() throws Exception {
        proxy.inject(Fault.resetAfterRequestBytes(100_000), 1);

        assertThatThrownBy(() -> put("/echo", new byte[MIB], false)).isInstanceOf(IOException.class);

        assertThat(bodiesReceived).as("the server never got a whole body").hasValue(0);
        assertThat(put("/echo", new byte[MIB], false).body()).isEqualTo("received " + MIB);
    }

    @Test
    void resetsTheConnectionPartWayThroughAResponse() throws Exception {
        proxy.inject(Fault.resetAfterResponseBytes(50_000), 1);

        assertThatThrownBy(() -> get("/bytes?n=" + MIB)).isInstanceOf(IOException.class);
        assertThat(get("/bytes?n=" + MIB).body()).isEqualTo(content(MIB));
    }

    @Test
    void truncatesAResponseBodyAfterTheGivenBytesAndClosesCleanly() throws Exception {
        proxy.inject(Fault.truncateResponseBody(1000), 1);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.endpoint().getPort())) {
            socket.getOutputStream().write("GET /bytes?n=100000 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] all = socket.getInputStream().readAllBytes();   // until the proxy closes

            String text = new String(all, StandardCharsets.ISO_8859_1);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            assertThat(text).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-length: 100000");
            assertThat(all.length - bodyStart).isEqualTo(1000);
            assertThat(Arrays.copyOfRange(all, bodyStart, all.length)).isEqualTo(Arrays.copyOf(content(100_000), 1000));
        }
    }

    @Test
    void stallsAResponseBodyUntilTheClientGivesUp() throws Exception {
        proxy.inject(Fault.stallResponseBody(2000), 1);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.endpoint().getPort())) {
            socket.setSoTimeout(300);
            socket.getOutputStream().write("GET /bytes?n=100000 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            assertThatThrownBy(() -> {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    got.write(buffer, 0, n);
                }
            }).isInstanceOf(SocketTimeoutException.class);

            String text = got.toString(StandardCharsets.ISO_8859_1);
            assertThat(got.size() - (text.indexOf("\r\n\r\n") + 4)).as("body bytes before the stall").isEqualTo(2000);
        }
        awaitNoOpenConnections();
    }

    @Test
    void stallsARequestAndThenResetsIt() {
        proxy.inject(Fault.stallRequest(1000, Duration.ofMillis(200)), 1);

        assertThatThrownBy(() -> put("/echo", new byte[MIB], false)).isInstanceOf(IOException.class);
        assertThat(bodiesReceived).hasValue(0);
    }

    @Test
    void delaysARequestByAtLeastTheDelay() throws Exception {
        proxy.inject(Fault.delay(Duration.ofMillis(200)), 1);

        long start = System.nanoTime();
        HttpResponse<byte[]> response = get("/bytes?n=10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void runsTheActionBeforeTheRequestReachesTheServer() throws Exception {
        proxy.inject(Fault.runFirst(() -> flag.set(true)), 1, r -> r.path().equals("/echo"));

        assertThat(get("/bytes?n=1").statusCode()).isEqualTo(200);
        assertThat(flag).as("not for a request it does not match").isFalse();
        assertThat(put("/echo", new byte[3], false).body()).isEqualTo("received 3");
        assertThat(flagSeenByServer).isTrue();
    }

    @Test
    void closingTheProxyClosesEveryConnection() throws Exception {
        get("/bytes?n=1");
        assertThat(proxy.openConnections()).isEqualTo(1);

        proxy.close();

        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> get("/bytes?n=1")).isInstanceOf(IOException.class);
    }

    private void awaitNoOpenConnections() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(proxy.openConnections()).isZero();
    }
}
