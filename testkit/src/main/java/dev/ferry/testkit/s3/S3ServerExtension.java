package dev.ferry.testkit.s3;

import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * Gives tests the {@link S3TestServer} the run was asked for, so that one integration suite runs
 * against every server Ferry is tested on. The system property {@value #PROPERTY} chooses:
 * {@code s3proxy} (the default, embedded), {@code rgw} (Ceph's RADOS Gateway, see {@link RgwServer})
 * or {@code minio} (Testcontainers). The server starts once per test JVM, on first use, and stops
 * when the run ends.
 *
 * <p>A server that cannot run here skips the tests with the reason. With {@value #REQUIRED_PROPERTY}
 * set to {@code true} (CI sets it: it runs as root, so it can install Ceph) that is a failure
 * instead, so a broken server never passes as a quietly skipped suite.
 *
 * <pre>{@code
 * @ExtendWith(S3ServerExtension.class)
 * class PutObjectIT { @Test void puts(S3TestServer server) { ... } }
 * }</pre>
 */
public final class S3ServerExtension implements BeforeAllCallback, ParameterResolver {
    public static final String PROPERTY = "ferry.s3.server";
    /** When {@code true}, a server that cannot start fails the tests instead of skipping them. */
    public static final String REQUIRED_PROPERTY = "ferry.s3.server.required";

    /** The name of the server this run talks to: {@code s3proxy}, {@code rgw} or {@code minio}. */
    public static String serverName() {
        return System.getProperty(PROPERTY, "s3proxy").trim().toLowerCase(Locale.ROOT);
    }

    private static Supplier<S3TestServer> starter(String name) {
        return switch (name) {
            case "s3proxy" -> S3ProxyServer::start;
            case "rgw" -> RgwServer::start;
            case "minio" -> () -> {
                if (!MinioExtension.dockerAvailable()) {
                    throw new ServerUnavailableException("no Docker engine is reachable, so MinIO cannot be started here");
                }
                return MinioExtension.startServer();
            };
            default -> throw new IllegalArgumentException(PROPERTY + "=" + name
                    + " is not a server Ferry knows; use s3proxy, rgw or minio");
        };
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = serverName();
        Started started = started(context, name);
        if (started.unavailable() != null) {
            String reason = started.unavailable().getMessage();
            if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
                throw new IllegalStateException("this run requires the " + name + " server (-D" + REQUIRED_PROPERTY
                        + "=true), but " + reason, started.unavailable());
            }
            Assumptions.abort("skipped on " + name + ": " + reason);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = serverName();
        Started started = started(context, name);
        if (started.server() == null) {
            Assumptions.abort("skipped on " + name + ": " + started.unavailable().getMessage());
        }
        return started.server();
    }

    /**
     * The run's server, started on first use; a server that could not start is remembered with its
     * reason, so one failed start is not repeated for every test class.
     */
    private static Started started(ExtensionContext context, String name) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(S3ServerExtension.class));
        return store.computeIfAbsent(name, key -> {
            try {
                return new Started(starter(name).get(), null);
            } catch (ServerUnavailableException e) {
                return new Started(null, e);
            }
        }, Started.class);
    }

    /** Stops the server when JUnit closes the root store at the end of the run. */
    private record Started(@Nullable S3TestServer server, @Nullable ServerUnavailableException unavailable) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
