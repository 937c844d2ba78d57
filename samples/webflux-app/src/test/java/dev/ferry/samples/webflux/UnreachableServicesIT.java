package dev.ferry.samples.webflux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The app with its S3 client pointed at a port where nothing listens. S3's client does not connect
 * at startup, so the app starts; no embedded server is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreachableServicesIT {

    @DynamicPropertySource
    static void pointS3AtAClosedPort(DynamicPropertyRegistry registry) {
        int closed = closedPort();
        registry.add("ferry.s3.endpoint", () -> "http://127.0.0.1:" + closed);
        registry.add("ferry.s3.region", () -> "us-east-1");
        registry.add("ferry.s3.credentials.access-key", () -> "unused-access-key");
        registry.add("ferry.s3.credentials.secret-key", () -> "unused-secret-key");
        registry.add("server.address", () -> "127.0.0.1");
    }

    /** A port that was free a moment ago: bound and closed again, so that connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    @Value("${local.server.port}")
    int port;
    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void anUnreachableServiceIsA502ProblemNamingTheReason() {
        client.get().uri("/objects/any/key").exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.title").isEqualTo("Storage service unreachable")
                .jsonPath("$.type").isEqualTo("urn:ferry:transport-error")
                .jsonPath("$.reason").isEqualTo("CONNECT_FAILED");
    }
}
