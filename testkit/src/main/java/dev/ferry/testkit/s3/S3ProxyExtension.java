package dev.ferry.testkit.s3;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link S3TestServer} backed by one embedded S3Proxy per test run (started on first
 * use, stopped when the run ends):
 *
 * <pre>{@code
 * @ExtendWith(S3ProxyExtension.class)
 * class PutObjectIT {
 *     @Test void putsAnObject(S3TestServer server) { ... }
 * }
 * }</pre>
 */
public final class S3ProxyExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The run's S3Proxy, started on first use. */
    public static S3TestServer server(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(S3ProxyExtension.class));
        return store.computeIfAbsent("server", key -> new Holder(S3ProxyServer.start()), Holder.class).server;
    }

    /** Stops S3Proxy when JUnit closes the root store at the end of the run. */
    private record Holder(S3ProxyServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
