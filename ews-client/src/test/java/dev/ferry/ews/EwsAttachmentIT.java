package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.ews.internal.MimeCodec;
import dev.ferry.ews.model.AttachmentInfo;
import dev.ferry.ews.model.FetchedMessage;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.testkit.ews.MockExchange;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments are streamed, never held whole, and refused past the bounds the user set. */
class EwsAttachmentIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SIZE = 3 * 1024 * 1024 + 17;
    private static MockExchangeFixture fixture;
    private static MockExchange exchange;
    private static byte[] large;
    private static ItemId itemId;

    @BeforeAll
    static void start() {
        fixture = MockExchangeFixture.start();
        exchange = fixture.exchange;
        large = new byte[SIZE];
        new Random(7).nextBytes(large);
        MailMessage message = MailMessage.builder().from("ronnie@contoso.com").to(MockExchangeFixture.MAILBOX).subject("big one")
                .textBody("see attached").attach(MailAttachment.of("data.bin", "application/octet-stream", large)).build();
        itemId = ItemId.of(exchange.deliver(MockExchangeFixture.MAILBOX, "inbox", MimeCodec.build(message, null)));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AttachmentInfo attachment(EwsClient ews) {
        ItemInfo item = ews.getItem(itemId).block(WAIT);
        assertThat(item.attachments()).hasSize(1);
        return item.attachments().get(0);
    }

    @Test
    void aLargeAttachmentArrivesInManyBuffersAsItIsDecoded() throws Exception {
        EwsClient ews = fixture.connect();
        AttachmentInfo info = attachment(ews);
        assertThat(info.size()).isEqualTo(SIZE);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        AtomicInteger buffers = new AtomicInteger();
        AtomicLong largest = new AtomicLong();

        long total = ews.attachmentContent(info.id())
                .doOnNext(b -> {
                    buffers.incrementAndGet();
                    largest.accumulateAndGet(b.remaining(), Math::max);
                    digest.update(b.duplicate());
                })
                .map(ByteBuffer::remaining).reduce(0, Integer::sum).block(WAIT);

        assertThat(total).isEqualTo(SIZE);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(large));
        assertThat(buffers.get()).as("decoded piece by piece").isGreaterThan(20);
        assertThat(largest.get()).as("no buffer holds the whole attachment").isLessThan(SIZE / 4);
    }

    @Test
    void downloadAttachmentWritesTheContentToAFile(@TempDir Path dir) throws Exception {
        EwsClient ews = fixture.connect();
        Path target = dir.resolve("data.bin");
        long written = ews.downloadAttachment(attachment(ews).id(), target).block(WAIT);
        assertThat(written).isEqualTo(SIZE);
        assertThat(Files.readAllBytes(target)).isEqualTo(large);
    }

    @Test
    void anAttachmentOverTheBoundFailsAndLeavesNoPartialFile(@TempDir Path dir) {
        EwsClient ews = fixture.connect(fixture.options().maxAttachmentBytes(1024 * 1024).build());
        AttachmentInfo info = attachment(ews);
        assertThatThrownBy(() -> ews.attachmentContent(info.id()).blockLast(WAIT)).isInstanceOf(FerryException.class)
                .hasMessageContaining("larger than the 1048576 bytes allowed");
        Path target = dir.resolve("partial.bin");
        assertThatThrownBy(() -> ews.downloadAttachment(info.id(), target).block(WAIT)).hasMessageContaining("1048576");
        assertThat(target).doesNotExist();
    }

    @Test
    void fetchMessageRefusesMimeOverTheInMemoryBoundWhileStreamingItStillWorks() {
        EwsClient ews = fixture.connect(fixture.options().maxInMemoryMimeBytes(1024 * 1024).build());
        assertThatThrownBy(() -> ews.fetchMessage(itemId).block(WAIT)).isInstanceOf(FerryException.class)
                .hasMessageContaining("the MIME content is larger than the 1048576 bytes allowed");
        long streamed = ews.mimeContent(itemId).map(ByteBuffer::remaining).reduce(0, Integer::sum).block(WAIT);
        assertThat(streamed).isGreaterThan(SIZE);
    }

    @Test
    void fetchMessageWithinTheBoundParsesTheAttachment() {
        EwsClient ews = fixture.connect();
        FetchedMessage fetched = ews.fetchMessage(itemId).block(WAIT);
        assertThat(fetched.message().attachments()).singleElement().satisfies(a -> assertThat(a.content()).isEqualTo(large));
        assertThat(fetched.mimeSize()).isGreaterThan(SIZE);
    }
}
