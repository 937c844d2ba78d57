package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.ews.model.AttachmentInfo;
import dev.ferry.ews.model.Body;
import dev.ferry.ews.model.ConflictResolution;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.DistinguishedFolder;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.Importance;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.ItemOutcome;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import dev.ferry.testkit.ews.MockExchange;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives every operation of the client against the mock, which validates each envelope against the
 * EWS schema, and checks what the mock captured: every request valid, every EWS operation the
 * client uses seen. Also checks the operations' behaviour the walk-through does not reach.
 */
class EwsRequestSchemaIT {
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
        return MailMessage.builder().from(MockExchangeFixture.MAILBOX).to("ronnie@contoso.com").bcc("audit@contoso.com")
                .subject(subject).textBody("text").htmlBody("<b>html</b>").build();
    }

    @Test
    void everyOperationSendsASchemaValidEnvelopeAndBehaves() {
        int mark = exchange.requests().size();
        EwsClient ews = fixture.connect();
        var b = ews.blocking();

        for (SendMode mode : SendMode.values()) {
            b.send(message("send " + mode), mode);
        }
        assertThat(exchange.sentMessages()).anySatisfy(m -> assertThat(m.mimeAsString()).contains("Bcc: audit@contoso.com"));
        int before = exchange.itemIds(MockExchangeFixture.MAILBOX, "sentitems").size();
        assertThat(before).as("SendAndSaveCopy kept a copy").isPositive();

        List<ItemId> ids = b.appendMessages(FolderId.INBOX, List.of(message("one"), message("two"), message("three")));
        assertThat(exchange.itemIds(MockExchangeFixture.MAILBOX, "inbox")).containsAll(ids.stream().map(ItemId::id).toList());
        ItemInfo info = b.getItem(ids.get(0));
        assertThat(info.subject()).isEqualTo("one");
        assertThat(info.from().address()).isEqualTo(MockExchangeFixture.MAILBOX);
        assertThat(info.isRead()).isTrue();
        assertThat(b.fetchMessage(ids.get(0)).message().htmlBody()).contains("<b>html</b>");
        assertThat(b.mimeContent(ids.get(0))).isNotEmpty();

        String delivered = exchange.deliver(MockExchangeFixture.MAILBOX, "inbox", MockExchangeFixture.sampleMessage());
        AttachmentInfo attachment = b.getItem(ItemId.of(delivered)).attachments().get(0);
        assertThat(b.attachmentContent(attachment.id())).isNotEmpty();

        ItemId moved = b.moveItem(ids.get(2), FolderId.of(DistinguishedFolder.ARCHIVE));
        assertThat(exchange.folderNameOf(moved.id())).contains("Archive");
        assertThat(b.copyItem(ids.get(1), FolderId.of(DistinguishedFolder.INBOX, "ronnie@contoso.com")))
                .as("no id for a copy into another mailbox").isNull();

        ItemId updated = b.updateItem(ItemUpdate.builder(ids.get(1))
                .set(ItemField.SUBJECT, "two, filed").set(ItemField.IMPORTANCE, Importance.HIGH)
                .set(ItemField.CATEGORIES, List.of("Red")).append(ItemField.CATEGORIES, List.of("Blue"))
                .append(ItemField.BODY, Body.text("-- appended")).delete(ItemField.SENSITIVITY)
                .conflictResolution(ConflictResolution.NEVER_OVERWRITE).build());
        assertThat(b.getItem(updated).categories()).containsExactly("Red", "Blue");

        // A stale ChangeKey: someone else changed the item since it was read.
        exchange.touch(updated.id());
        assertThatThrownBy(() -> b.updateItem(ItemUpdate.builder(updated).set(ItemField.IS_READ, true)
                .conflictResolution(ConflictResolution.NEVER_OVERWRITE).build()))
                .isInstanceOfSatisfying(EwsException.class, e -> assertThat(e.responseCode()).isEqualTo(EwsException.ERROR_IRRESOLVABLE_CONFLICT));
        assertThat(b.updateItem(ItemUpdate.builder(updated).set(ItemField.IS_READ, true)
                .conflictResolution(ConflictResolution.ALWAYS_OVERWRITE).build()).changeKey()).isNotEqualTo(updated.changeKey());

        List<ItemInfo> inbox = b.findItems(FindItemsQuery.of(FolderId.INBOX).withPageSize(2));
        assertThat(inbox).extracting(i -> i.id().id()).contains(ids.get(0).id(), updated.id(), delivered).doesNotHaveDuplicates();
        assertThat(b.findItems(FindItemsQuery.of(FolderId.INBOX).withPageSize(1).oldestFirst())).hasSameSizeAs(inbox);

        Folder parent = b.createFolder(FolderId.MSG_FOLDER_ROOT, "Projects");
        Folder child = b.createFolder(parent.id(), "2026");
        assertThat(b.findFolders(parent.id(), false)).extracting(Folder::displayName).containsExactly("2026");
        assertThat(b.findFolders(FolderId.MSG_FOLDER_ROOT, true)).extracting(Folder::displayName).contains("Inbox", "Projects", "2026");
        assertThat(b.getFolder(child.id()).displayName()).isEqualTo("2026");
        assertThatThrownBy(() -> b.createFolder(FolderId.MSG_FOLDER_ROOT, "Projects"))
                .isInstanceOfSatisfying(EwsException.class, e -> assertThat(e.responseCode()).isEqualTo("ErrorFolderExists"));
        assertThatThrownBy(() -> b.deleteFolder(FolderId.INBOX, DeleteMode.HARD_DELETE))
                .isInstanceOfSatisfying(EwsException.class, e -> assertThat(e.responseCode()).isEqualTo("ErrorDeleteDistinguishedFolder"));
        b.deleteFolder(child.id(), DeleteMode.MOVE_TO_DELETED_ITEMS);
        b.deleteFolder(parent.id(), DeleteMode.SOFT_DELETE);
        assertThat(exchange.hasFolder(parent.id().id())).isFalse();

        b.deleteItem(ids.get(0), DeleteMode.MOVE_TO_DELETED_ITEMS);
        assertThat(exchange.folderNameOf(ids.get(0).id())).contains("Deleted Items");
        b.deleteItem(moved, DeleteMode.SOFT_DELETE);
        assertThat(exchange.folderNameOf(moved.id())).contains("Deletions");
        List<ItemOutcome<ItemId>> outcomes = b.deleteItems(List.of(moved, ItemId.of(ids.get(0).id()), ItemId.of(moved.id())),
                DeleteMode.HARD_DELETE);
        assertThat(outcomes).extracting(ItemOutcome::isSuccess).containsExactly(true, true, false);
        assertThat(outcomes.get(2).error().responseCode()).isEqualTo(EwsException.ERROR_ITEM_NOT_FOUND);
        assertThat(outcomes.get(2).error().itemIndex()).isEqualTo(2);
        b.deleteItem(updated, DeleteMode.HARD_DELETE);
        assertThat(exchange.hasItem(updated.id())).isFalse();

        List<MockExchange.RecordedRequest> requests = exchange.requests().subList(mark, exchange.requests().size());
        assertThat(requests).allSatisfy(r -> assertThat(r.violation()).as(r.operation() + ":\n" + r.bodyAsString()).isNull());
        Set<String> operations = new TreeSet<>();
        requests.forEach(r -> operations.add(r.operation()));
        assertThat(operations).containsExactlyInAnyOrder("CreateItem", "GetItem", "GetAttachment", "CopyItem", "MoveItem", "DeleteItem",
                "UpdateItem", "FindItem", "GetFolder", "FindFolder", "CreateFolder", "DeleteFolder");
    }

    @Test
    void anEnvelopeTheSchemaRefusesComesBackAsErrorSchemaValidationWithItsPosition() {
        // Exchange2099 passes the client's pattern but is no RequestServerVersion the schema knows.
        assertThatThrownBy(() -> fixture.connect(fixture.options().serverVersion("Exchange2099").build()))
                .isInstanceOfSatisfying(EwsException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(EwsException.ERROR_SCHEMA_VALIDATION);
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.messageXml()).containsKeys("LineNumber", "LinePosition", "Violation");
                    assertThat(e.getMessage()).contains("Exchange2099");
                });
    }
}
