package dev.ferry.testkit.s3;

import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link S3TestServer} the run was asked for, so that one integration suite runs
 * against every server Ferry is tested on. The system property {@code ferry.s3.server} chooses:
 * {@code s3proxy} (the default, embedded), or {@code minio} (Testcontainers). A server that
 * cannot run here skips the tests with the reason.
 *
 * <pre>{@code
 * @ExtendWith(S3ServerExtension.class)
 * class PutObjectIT { @Test void puts(S3TestServer server) { ... } }
 * }</pre>
 */
public final class S3ServerExtension implements BeforeAllCallback, ParameterResolver {
    public static final String PROPERTY = "ferry.s3.server";

    /** The server of this run's choice: its name, whether it can run here (and why not), how to start it. */
    private record Choice(String name, Supplier<String> unavailableReason, Supplier<S3TestServer> start) {
    }

    private static Choice choice() {
        String name = System.getProperty(PROPERTY, "s3proxy").trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "s3proxy" -> new Choice(name, () -> null, S3ProxyServer::start);
            case "minio" -> new Choice(name,
                    () -> MinioExtension.dockerAvailable() ? null : "no Docker engine is reachable, so MinIO cannot be started here",
                    MinioExtension::startServer);
            default -> throw new IllegalArgumentException(PROPERTY + "=" + name + " is not a server Ferry knows; use s3proxy or minio");
        };
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Choice choice = choice();
        String reason = choice.unavailableReason().get();
        Assumptions.assumeTrue(reason == null, () -> "skipped on " + choice.name() + ": " + reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Choice choice = choice();
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(S3ServerExtension.class));
        return store.computeIfAbsent(choice.name(), key -> new Running(choice.start().get()), Running.class).server();
    }

    /** Stops the server when JUnit closes the root store at the end of the run. */
    private record Running(S3TestServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
