package dev.ferry.ews;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.testkit.SharedMaterial;
import dev.ferry.testkit.ews.MockExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A mock Exchange with one mailbox and one registered app, and clients for it. */
final class MockExchangeFixture implements AutoCloseable {
    static final String MAILBOX = "sadie@contoso.com";
    static final String TENANT = "contoso.onmicrosoft.com";
    static final String CLIENT_ID = "6f1c9c2e-ferry-tour";
    static final String CLIENT_SECRET = "tour~secret.value";

    final MockExchange exchange;
    final HttpEngine engine;

    private MockExchangeFixture(MockExchange exchange) {
        this.exchange = exchange;
        this.engine = HttpEngine.create(EngineConfig.builder().name("ews-test").responseTimeout(Duration.ofSeconds(20)).build());
        exchange.mailbox(MAILBOX).mailbox("ronnie@contoso.com").registerApp(CLIENT_ID, CLIENT_SECRET);
    }

    /** Starts the mock, or skips the test when ../shared (the schema) is not there. */
    static MockExchangeFixture start() {
        Optional<MockExchange> exchange = MockExchange.startWithSharedSchema();
        assumeTrue(exchange.isPresent(), SharedMaterial.missing("ews/schema/ews-all.xsd"));
        return new MockExchangeFixture(exchange.get());
    }

    EntraTokenProvider tokens() {
        return EntraTokenProvider.builder(TENANT, CLIENT_ID, CLIENT_SECRET).authority(exchange.authority()).engine(engine).build();
    }

    EwsOptions.Builder options() {
        return EwsOptions.builder().impersonate(MAILBOX).engine(engine);
    }

    EwsClient connect() {
        return connect(options().build());
    }

    EwsClient connect(EwsOptions options) {
        return EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(tokens()), options).block(Duration.ofSeconds(30));
    }

    static byte[] sampleMessage() {
        Path eml = SharedMaterial.resolve("ews/samples/11-synthesized-for-mock/sample-message.eml").orElseThrow();
        try {
            return Files.readAllBytes(eml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        exchange.close();
        engine.close();
    }
}
