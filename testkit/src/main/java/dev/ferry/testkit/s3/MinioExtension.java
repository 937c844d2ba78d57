package dev.ferry.testkit.s3;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Gives tests an {@link S3TestServer} backed by MinIO in a container. Where no Docker engine is
 * reachable the tests are skipped (not failed), with a message that says so.
 */
public final class MinioExtension implements BeforeAllCallback, ParameterResolver {
    static final String IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";
    private static final String USER = "ferryminio";
    private static final String PASSWORD = "ferryminiosecret";

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(dockerAvailable(), "skipped: no Docker engine is reachable, so MinIO cannot be started here");
    }

    static boolean dockerAvailable() {
        // Testcontainers probes several strategies for seconds; with neither a socket nor DOCKER_HOST
        // there is nothing to find, so say so at once.
        String host = System.getenv("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(MinioExtension.class));
        return store.computeIfAbsent("server", key -> Minio.start(), Minio.class);
    }

    /** Starts a MinIO container; the caller stops it by closing the returned server. */
    static S3TestServer startServer() {
        return Minio.start();
    }

    private static final class Minio implements S3TestServer, AutoCloseable {
        private final GenericContainer<?> container;
        private final URI endpoint;

        private Minio(GenericContainer<?> container) {
            this.container = container;
            this.endpoint = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(9000));
        }

        @SuppressWarnings("resource")
        static Minio start() {
            GenericContainer<?> c = new GenericContainer<>(IMAGE)
                    .withEnv("MINIO_ROOT_USER", USER)
                    .withEnv("MINIO_ROOT_PASSWORD", PASSWORD)
                    .withCommand("server", "/data")
                    .withExposedPorts(9000)
                    .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000).withStartupTimeout(Duration.ofMinutes(2)));
            c.start();
            return new Minio(c);
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public String accessKey() {
            return USER;
        }

        @Override
        public String secretKey() {
            return PASSWORD;
        }

        @Override
        public String description() {
            return "MinIO " + IMAGE + " at " + endpoint;
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
