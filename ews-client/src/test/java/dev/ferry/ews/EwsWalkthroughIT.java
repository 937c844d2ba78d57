package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.ews.model.AttachmentInfo;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.FetchedMessage;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import dev.ferry.testkit.ews.MockExchange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walk-through of Aspose.Email's async EWS client, against the mock Exchange: token provider,
 * connect, send, fetch with attachments, append two messages, copy, delete for good, delete a
 * folder, update an item. Once reactive, once with futures, once with Begin/End, each style from
 * connect on.
 */
class EwsWalkthroughIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static MockExchangeFixture fixture;
    private static MockExchange exchange;

    @BeforeAll
    static void start() {
        fixture = MockExchangeFixture.start();
        exchange = fixture.exchange;
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static MailMessage message(String subject) {
        return MailMessage.builder()
                .from(MockExchangeFixture.MAILBOX)
                .to("ronnie@contoso.com")
                .cc("team@contoso.com")
                .subject(subject)
                .textBody("Hi Ronnie,\nthe figures are attached.")
                .htmlBody("<p>Hi Ronnie,<br>the figures are <b>attached</b>.</p>")
                .attach(MailAttachment.of("figures.csv", "text/csv", "q,revenue\n1,100\n".getBytes(StandardCharsets.UTF_8)))
                .header("X-Ferry-Walkthrough", subject)
                .build();
    }

    private static byte[] concat(List<ByteBuffer> buffers) {
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        buffers.forEach(b -> all.put(b.duplicate()));
        return all.array();
    }

    @Test
    void reactiveWalkthroughDoesEveryStepOfTheAsposeSample() {
        EntraTokenProvider tokens = fixture.tokens();
        String delivered = exchange.deliver(MockExchangeFixture.MAILBOX, "inbox", MockExchangeFixture.sampleMessage());
        StepResult r = EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(tokens), fixture.options().build())
                .flatMap(ews -> {
                    ItemId deliveredId = ItemId.of(delivered);
                    return ews.send(message("Reactive send"), SendMode.SEND_AND_SAVE_COPY)
                            .then(ews.fetchMessage(deliveredId))
                            .flatMap(fetched -> {
                                AttachmentInfo info = fetched.item().attachments().get(0);
                                return ews.attachmentContent(info.id()).collectList()
                                        .map(buffers -> new StepResult(fetched, concat(buffers)));
                            })
                            .flatMap(step -> ews.appendMessages(FolderId.INBOX, List.of(message("append one"), message("append two")))
                                    .map(step::withAppended))
                            .flatMap(step -> ews.copyItem(step.appended.get(0), FolderId.of(dev.ferry.ews.model.DistinguishedFolder.ARCHIVE))
                                    .map(step::withCopy))
                            .flatMap(step -> ews.deleteItem(step.copy, DeleteMode.HARD_DELETE).thenReturn(step))
                            .flatMap(step -> ews.createFolder(FolderId.MSG_FOLDER_ROOT, "Reactive tour")
                                    .flatMap(folder -> ews.deleteFolder(folder.id(), DeleteMode.HARD_DELETE).thenReturn(step.withFolder(folder))))
                            .flatMap(step -> ews.updateItem(ItemUpdate.builder(step.appended.get(1))
                                            .set(ItemField.SUBJECT, "append two (filed)").set(ItemField.IS_READ, false).build())
                                    .map(step::withUpdated));
                })
                .block(WAIT);

        assertThat(exchange.sentMessages()).anySatisfy(sent -> {
            assertThat(sent.disposition()).isEqualTo("SendAndSaveCopy");
            assertThat(sent.mimeAsString()).contains("Subject: Reactive send", "X-Ferry-Walkthrough: Reactive send", "figures.csv");
        });
        assertFetched(r.fetched, r.attachment);
        assertAppendedCopiedDeletedUpdated(r.appended, r.copy, r.folder, r.updated);
    }

    @Test
    void futuresWalkthroughDoesEveryStepOfTheAsposeSample() throws Exception {
        EwsClient client = EwsClient.connectFuture(exchange.endpoint(), EwsCredentials.oauth(fixture.tokens()), fixture.options().build())
                .get(30, TimeUnit.SECONDS);
        EwsFutures ews = client.futures();
        String delivered = exchange.deliver(MockExchangeFixture.MAILBOX, "inbox", MockExchangeFixture.sampleMessage());

        ews.send(message("Futures send"), SendMode.SEND_ONLY).get(30, TimeUnit.SECONDS);
        FetchedMessage fetched = ews.fetchMessage(ItemId.of(delivered)).get(30, TimeUnit.SECONDS);
        byte[] attachment = concat(ews.attachmentContent(fetched.item().attachments().get(0).id()).get(30, TimeUnit.SECONDS));
        List<ItemId> appended = ews.appendMessages(FolderId.INBOX, List.of(message("f one"), message("f two"))).get(30, TimeUnit.SECONDS);
        ItemId copy = ews.copyItem(appended.get(0), FolderId.DELETED_ITEMS).get(30, TimeUnit.SECONDS);
        ews.deleteItem(copy, DeleteMode.HARD_DELETE).get(30, TimeUnit.SECONDS);
        Folder folder = ews.createFolder(FolderId.MSG_FOLDER_ROOT, "Futures tour").get(30, TimeUnit.SECONDS);
        ews.deleteFolder(folder.id(), DeleteMode.HARD_DELETE).get(30, TimeUnit.SECONDS);
        ItemId updated = ews.updateItem(ItemUpdate.builder(appended.get(1)).set(ItemField.SUBJECT, "f two (filed)").build())
                .get(30, TimeUnit.SECONDS);

        assertThat(exchange.sentMessages()).anySatisfy(sent -> {
            assertThat(sent.disposition()).isEqualTo("SendOnly");
            assertThat(sent.mimeAsString()).contains("Subject: Futures send");
        });
        assertFetched(fetched, attachment);
        assertAppendedCopiedDeletedUpdated(appended, copy, folder, updated);
    }

    @Test
    void beginEndWalkthroughDoesEveryStepOfTheAsposeSample() throws Exception {
        // The callback style of the .NET sample: Begin with a callback and a state object, End inside the callback.
        CompletableFuture<EwsClient> connected = new CompletableFuture<>();
        AsyncResult<EwsClient> connecting = EwsClient.beginConnect(exchange.endpoint(), EwsCredentials.oauth(fixture.tokens()),
                fixture.options().build(), ar -> {
                    try {
                        connected.complete(EwsClient.endConnect(ar));
                    } catch (RuntimeException e) {
                        connected.completeExceptionally(e);
                    }
                }, "connect-state");
        EwsClient client = connected.get(30, TimeUnit.SECONDS);
        assertThat(connecting.isCompleted()).isTrue();
        assertThat(connecting.asyncState()).isEqualTo("connect-state");
        EwsCallbacks ews = client.callbacks();
        String delivered = exchange.deliver(MockExchangeFixture.MAILBOX, "inbox", MockExchangeFixture.sampleMessage());

        CompletableFuture<Object> sentState = new CompletableFuture<>();
        ews.beginSend(message("Begin/End send"), SendMode.SEND_AND_SAVE_COPY, ar -> {
            try {
                ews.endSend(ar);
                sentState.complete(ar.asyncState());
            } catch (RuntimeException e) {
                sentState.completeExceptionally(e);
            }
        }, "send-state");
        assertThat(sentState.get(30, TimeUnit.SECONDS)).isEqualTo("send-state");

        AsyncResult<FetchedMessage> fetching = ews.beginFetchMessage(ItemId.of(delivered), null, null);
        assertThat(fetching.waitHandle().await(WAIT)).isTrue();
        FetchedMessage fetched = ews.endFetchMessage(fetching);
        byte[] attachment = concat(ews.endAttachmentContent(ews.beginAttachmentContent(fetched.item().attachments().get(0).id(), null, null)));
        List<ItemId> appended = ews.endAppendMessages(ews.beginAppendMessages(FolderId.INBOX, List.of(message("b one"), message("b two")), null, null));
        ItemId copy = ews.endCopyItem(ews.beginCopyItem(appended.get(0), FolderId.INBOX, null, null));
        ews.endDeleteItem(ews.beginDeleteItem(copy, DeleteMode.HARD_DELETE, null, null));
        Folder folder = ews.endCreateFolder(ews.beginCreateFolder(FolderId.MSG_FOLDER_ROOT, "Begin-End tour", null, null));
        ews.endDeleteFolder(ews.beginDeleteFolder(folder.id(), DeleteMode.HARD_DELETE, null, null));
        ItemId updated = ews.endUpdateItem(ews.beginUpdateItem(
                ItemUpdate.builder(appended.get(1)).set(ItemField.SUBJECT, "b two (filed)").build(), null, null));

        assertFetched(fetched, attachment);
        assertAppendedCopiedDeletedUpdated(appended, copy, folder, updated);
    }

    private static void assertFetched(FetchedMessage fetched, byte[] attachment) {
        assertThat(fetched.message().subject()).isEqualTo("Quarterly report (draft)");
        assertThat(fetched.message().from().address()).isEqualTo("sadie@contoso.com");
        assertThat(fetched.message().textBody()).contains("the draft is attached");
        assertThat(fetched.message().attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("FileAttachment.txt");
            assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("This is a file attachment.");
        });
        assertThat(fetched.item().attachments()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("FileAttachment.txt"));
        assertThat(new String(attachment, StandardCharsets.UTF_8)).isEqualTo("This is a file attachment.");
    }

    private static void assertAppendedCopiedDeletedUpdated(List<ItemId> appended, ItemId copy, Folder folder, ItemId updated) {
        assertThat(appended).hasSize(2).doesNotHaveDuplicates();
        assertThat(appended).allSatisfy(id -> {
            assertThat(exchange.hasItem(id.id())).isTrue();
            assertThat(exchange.isDraft(id.id())).as("appended messages are not drafts").isFalse();
        });
        assertThat(copy.id()).isNotEqualTo(appended.get(0).id());
        assertThat(exchange.hasItem(copy.id())).as("the copy was deleted for good").isFalse();
        assertThat(exchange.hasItem(appended.get(0).id())).as("the original stays").isTrue();
        assertThat(exchange.hasFolder(folder.id().id())).isFalse();
        assertThat(updated.id()).isEqualTo(appended.get(1).id());
        assertThat(updated.changeKey()).isNotNull().isNotEqualTo(appended.get(1).changeKey());
        assertThat(exchange.subjectOf(updated.id())).get().asString().endsWith("(filed)");
    }

    private record StepResult(FetchedMessage fetched, byte[] attachment, List<ItemId> appended, ItemId copy, Folder folder, ItemId updated) {
        StepResult(FetchedMessage fetched, byte[] attachment) {
            this(fetched, attachment, null, null, null, null);
        }

        StepResult withAppended(List<ItemId> ids) {
            return new StepResult(fetched, attachment, ids, copy, folder, updated);
        }

        StepResult withCopy(ItemId id) {
            return new StepResult(fetched, attachment, appended, id, folder, updated);
        }

        StepResult withFolder(Folder f) {
            return new StepResult(fetched, attachment, appended, copy, f, updated);
        }

        StepResult withUpdated(ItemId id) {
            return new StepResult(fetched, attachment, appended, copy, folder, id);
        }
    }
}
