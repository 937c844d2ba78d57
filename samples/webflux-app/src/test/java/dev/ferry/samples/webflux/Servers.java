package dev.ferry.samples.webflux;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.testkit.ews.MockExchange;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The embedded servers the app's tests run against, and the properties that point the starter at them. */
final class Servers implements AutoCloseable {
    static final String BUCKET = "uploads";
    static final String MAILBOX = "sadie@contoso.com";

    final S3ProxyServer s3 = S3ProxyServer.start();
    final OssMockServer oss = OssMockServer.start().createBucket("docs");
    /** Absent when ../shared (the EWS schema the mock validates against) is not there. */
    final @Nullable MockExchange exchange;

    Servers() {
        Optional<MockExchange> started = MockExchange.startWithSharedSchema();
        exchange = started.map(e -> e.basicUser("app-user", "app-password", MAILBOX)).orElse(null);
        try (S3Client admin = S3Client.builder().endpoint(s3.endpoint()).region(S3ProxyServer.REGION)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build()) {
            admin.createBucket(CreateBucketRequest.of(BUCKET)).block(Duration.ofSeconds(10));
        }
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("ferry.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("ferry.s3.region", () -> S3ProxyServer.REGION);
        registry.add("ferry.s3.credentials.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("ferry.s3.credentials.secret-key", () -> S3ProxyServer.SECRET_KEY);
        registry.add("ferry.oss.region", () -> OssMockServer.REGION);
        registry.add("ferry.oss.endpoint", () -> oss.endpoint().toString());
        registry.add("ferry.oss.credentials.access-key-id", () -> OssMockServer.ACCESS_KEY_ID);
        registry.add("ferry.oss.credentials.access-key-secret", () -> OssMockServer.ACCESS_KEY_SECRET);
        if (exchange != null) {
            registry.add("ferry.ews.endpoint", () -> exchange.endpoint().toString());
            registry.add("ferry.ews.basic.username", () -> "app-user");
            registry.add("ferry.ews.basic.password", () -> "app-password");
        }
        registry.add("app.bucket", () -> BUCKET);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @Override
    public void close() {
        s3.close();
        oss.close();
        if (exchange != null) {
            exchange.close();
        }
    }
}
