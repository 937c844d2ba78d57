package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testkit.SharedMaterial;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tour sample runs as written: a sample that rots fails the build. */
class EwsTourIT {

    @Test
    void theTourRunsAgainstTheMockExchange() {
        assumeTrue(SharedMaterial.resolve("ews/schema/ews-all.xsd").isPresent(), SharedMaterial.missing("ews/schema/ews-all.xsd"));
        try (MockExchangeFixture fixture = MockExchangeFixture.start()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            EwsTour.run(fixture.exchange.endpoint(), fixture.tokens(), MockExchangeFixture.MAILBOX,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("connected", "appended 2 messages", "attachment streamed: 23 bytes",
                    "copy deleted for good", "folder created and deleted", "tour done");
        }
    }
}
