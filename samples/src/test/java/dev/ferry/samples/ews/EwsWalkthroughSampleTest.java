package dev.ferry.samples.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.ews.EntraTokenProvider;
import dev.ferry.testkit.SharedMaterial;
import dev.ferry.testkit.ews.MockExchange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The walk-through against the schema-validating mock Exchange: what it prints is what the mailbox shows. */
class EwsWalkthroughSampleTest {
    private static final String MAILBOX = "sadie@contoso.com";

    @Test
    void everyStepLeavesItsMarkInTheMailbox() {
        Optional<MockExchange> started = MockExchange.startWithSharedSchema();
        assumeTrue(started.isPresent(), SharedMaterial.missing("ews/schema/ews-all.xsd"));
        try (MockExchange exchange = started.get()) {
            exchange.mailbox(MAILBOX).registerApp("sample-app", "sample-secret");
            EntraTokenProvider tokens = EntraTokenProvider.builder("contoso.onmicrosoft.com", "sample-app", "sample-secret")
                    .authority(exchange.authority()).build();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            EwsWalkthroughSample.run(exchange.endpoint(), tokens, MAILBOX, new PrintStream(printed, true, StandardCharsets.UTF_8));

            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(exchange.sentMessages()).singleElement()
                    .satisfies(sent -> assertThat(sent.mimeAsString()).contains("Subject: Ferry tour: quarterly report"));
            assertThat(exchange.itemIds(MAILBOX, "inbox")).hasSize(2);
            assertThat(exchange.itemIds(MAILBOX, "drafts")).as("the copy was hard-deleted").isEmpty();
            assertThat(exchange.itemIds(MAILBOX, "inbox").stream().map(id -> exchange.subjectOf(id).orElseThrow()))
                    .containsExactlyInAnyOrder("Ferry tour: quarterly report", "Ferry tour: second (unread)");
            assertThat(exchange.requests()).extracting(MockExchange.RecordedRequest::operation)
                    .contains("CreateItem", "GetItem", "GetAttachment", "CopyItem", "DeleteItem", "UpdateItem",
                            "CreateFolder", "DeleteFolder", "FindItem", "GetFolder");
            assertThat(text).contains("token provider: a token valid until", "connected to " + exchange.endpoint(),
                    "append: 2 messages", "fetch: attachment streamed, 23 bytes", "copy: into Drafts",
                    "delete item: the copy", "update item:", "create folder: 'Ferry tour'", "delete folder: permanently",
                    "find: the Inbox holds 2 item(s)", "cancel: GetFolder cancelled in flight",
                    "after the cancel the client still works: the Inbox has 2 item(s)");
        }
    }
}
