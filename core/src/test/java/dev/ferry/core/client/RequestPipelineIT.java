package dev.ferry.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.auth.CredentialsException;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.testing.Engines;
import dev.ferry.core.testing.NettyServer;
import dev.ferry.core.testing.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Sign, send, decode and retry, against a real server that fails on purpose. */
class RequestPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5));

    private final Engines engines = new Engines();
    /** The signature header of every request the server received, in order. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger signed = new AtomicInteger();
    /** How many requests the server fails with 503 before it answers 200. */
    private volatile int failFirst = Integer.MAX_VALUE;
    private NettyServer server;
    private HttpEngine engine;

    /** Signs each attempt afresh, as SigV4 does, with the attempt number in the signature. */
    private final RequestSigner signer = request -> Mono.fromCallable(() -> request.toBuilder()
            .setHeader("Authorization", "sig-" + signed.incrementAndGet()).build());

    @BeforeEach
    void start() {
        server = NettyServer.start((req, res) -> req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            received.add(req.requestHeaders().get("Authorization"));
            if (received.size() <= failFirst) {
                return res.status(503).header("x-request-id", "req-" + received.size()).sendString(Mono.just("<Error>SlowDown</Error>")).then();
            }
            return res.status(200).sendString(Mono.just("done after " + received.size())).then();
        }));
        engine = engines.create();
    }

    @AfterEach
    void stop() {
        engines.close();
        server.close();
    }

    /** Decodes as a service would: 503 becomes a retryable ServiceException carrying the request id. */
    private static Mono<String> decode(HttpResponse response) {
        if (response.statusCode() == 503) {
            return response.body().asString().flatMap(body -> Mono.error(new ServiceException("SlowDown: " + body, 503, "SlowDown",
                    response.headers().first("x-request-id"), true, true, null, null)));
        }
        return response.body().asString();
    }

    private HttpRequest request(String method) {
        return HttpRequest.builder(method, server.uri()).path("/object").body(RequestBody.fromString("data")).build();
    }

    @Test
    void aRetryableServiceErrorIsRetriedUpToMaxAttemptsSigningEachAttemptAnew() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);

        StepVerifier.create(pipeline.execute(request("PUT"), RequestPipelineIT::decode))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ServiceException.class);
                    assertThat(((ServiceException) e).requestId()).isEqualTo("req-3");
                    assertThat(e.getSuppressed()).hasSize(2);
                    assertThat(e.getSuppressed()).allSatisfy(s -> assertThat(s).isInstanceOf(ServiceException.class));
                    assertThat(((ServiceException) e.getSuppressed()[0]).requestId()).isEqualTo("req-1");
                    assertThat(((ServiceException) e.getSuppressed()[1]).requestId()).isEqualTo("req-2");
                })
                .verify(WAIT);

        assertThat(signed).hasValue(3);
        assertThat(received).containsExactly("sig-1", "sig-2", "sig-3");
    }

    @Test
    void aRequestThatSucceedsOnARetryReturnsTheValue() {
        failFirst = 2;
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);

        StepVerifier.create(pipeline.execute(request("PUT"), RequestPipelineIT::decode))
                .expectNext("done after 3")
                .expectComplete()
                .verify(WAIT);
        assertThat(received).containsExactly("sig-1", "sig-2", "sig-3");
    }

    @Test
    void aPostThatReachedTheServerIsNotRetried() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);

        StepVerifier.create(pipeline.execute(request("POST"), RequestPipelineIT::decode))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ServiceException.class);
                    assertThat(e.getSuppressed()).isEmpty();
                })
                .verify(WAIT);
        assertThat(received).hasSize(1);
    }

    @Test
    void aPostMarkedIdempotentIsRetried() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);
        HttpRequest complete = request("POST").toBuilder().idempotent(true).operation("CompleteMultipartUpload").build();

        StepVerifier.create(pipeline.execute(complete, RequestPipelineIT::decode))
                .expectError(ServiceException.class)
                .verify(WAIT);
        assertThat(received).hasSize(3);
    }

    @Test
    void aPostWhoseConnectionDroppedAfterItWasSentIsNotRetried() {
        RawServer dropping = RawServer.start(conn -> conn.readBody(conn.readHead()));
        try {
            RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);
            HttpRequest post = HttpRequest.builder("POST", dropping.uri()).path("/send-mail").body(RequestBody.fromString("mail")).build();

            StepVerifier.create(pipeline.execute(post, RequestPipelineIT::decode))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TransportException.class);
                        assertThat(((TransportException) e).requestSent()).isTrue();
                    })
                    .verify(WAIT);
            assertThat(dropping.connectionCount()).isEqualTo(1);
            assertThat(signed).hasValue(1);
        } finally {
            dropping.close();
        }
    }

    @Test
    void aPostThatCouldNotConnectIsRetriedBecauseItWasNeverSent() throws Exception {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);
        HttpRequest post = HttpRequest.builder("POST", closedPort()).path("/send-mail").body(RequestBody.fromString("mail")).build();

        StepVerifier.create(pipeline.execute(post, RequestPipelineIT::decode))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransportException.class);
                    assertThat(((TransportException) e).reason()).isEqualTo(Reason.CONNECT_FAILED);
                    assertThat(e.getSuppressed()).hasSize(2).allSatisfy(s -> assertThat(s).isInstanceOf(TransportException.class));
                })
                .verify(WAIT);
        assertThat(signed).hasValue(3);
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void aBodyFromAPublisherIsNeverRetried() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);
        HttpRequest put = request("PUT").toBuilder()
                .body(RequestBody.fromPublisher(Flux.just(ByteBuffer.wrap(new byte[] {1, 2, 3})), 3)).build();

        StepVerifier.create(pipeline.execute(put, RequestPipelineIT::decode))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ServiceException.class);
                    assertThat(e.getSuppressed()).isEmpty();
                })
                .verify(WAIT);
        assertThat(received).hasSize(1);
    }

    @Test
    void aFailureAfterTheFirstElementIsNotRetried() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);
        ServiceException midway = new ServiceException("listing broke", 503, "SlowDown", null, true, false, null, null);

        StepVerifier.create(pipeline.executeMany(request("GET"), response -> response.body().discard()
                        .thenMany(Flux.just("first page").concatWith(Mono.error(midway)))))
                .expectNext("first page")
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(midway))
                .verify(WAIT);
        assertThat(received).hasSize(1);
    }

    @Test
    void aFailureBeforeAnyElementIsRetried() {
        failFirst = 1;
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);

        StepVerifier.create(pipeline.executeMany(request("GET"), response -> RequestPipelineIT.decode(response).flux()))
                .expectNext("done after 2")
                .expectComplete()
                .verify(WAIT);
        assertThat(received).hasSize(2);
    }

    @Test
    void aServiceErrorMarkedNotRetryableIsNotRetried() {
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, signer);

        StepVerifier.create(pipeline.execute(request("GET"), response -> response.body().discard()
                        .then(Mono.error(new ServiceException("AccessDenied", 403, "AccessDenied", null, false, false, null, null)))))
                .expectError(ServiceException.class)
                .verify(WAIT);
        assertThat(received).hasSize(1);
    }

    @Test
    void aSignerFailureSurfacesAsIsAndNothingIsSent() {
        CredentialsException none = new CredentialsException("no credentials found");
        RequestPipeline pipeline = new RequestPipeline(engine, QUICK, request -> {
            signed.incrementAndGet();
            return Mono.error(none);
        });

        StepVerifier.create(pipeline.execute(request("GET"), RequestPipelineIT::decode))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(none))
                .verify(WAIT);
        assertThat(signed).hasValue(1);
        assertThat(received).isEmpty();
    }

    @Test
    void withRetriesOffTheFirstFailureIsFinal() {
        RequestPipeline pipeline = new RequestPipeline(engine, RetryPolicy.none(), signer);

        StepVerifier.create(pipeline.execute(request("GET"), RequestPipelineIT::decode))
                .expectError(ServiceException.class)
                .verify(WAIT);
        assertThat(received).hasSize(1);
    }
}
