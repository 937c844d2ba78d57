package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.xml.XmlException;
import dev.ferry.ews.internal.EwsClientImpl;
import dev.ferry.ews.internal.SoapResponse;
import dev.ferry.ews.internal.SoapResponseReader;
import dev.ferry.ews.internal.StreamingEnvelope;
import dev.ferry.ews.model.AttachmentId;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.FetchedMessage;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.ItemOutcome;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import dev.ferry.testkit.SharedMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every response sample in {@code ../shared/ews/samples} that is well-formed goes through the
 * client (cut into 7-byte chunks, as a network would) and comes out as the right result or the
 * right {@link EwsException}. The samples {@code SOURCES.tsv} documents as broken are skipped with
 * the reason; documentation examples that use the https SOAP namespace get the namespace fix
 * {@code SOURCES.tsv} describes ("valid-after-ns-fix").
 *
 * <p>One test walks all samples, so that adding a sample without an expectation fails it.
 */
class SampleResponsesTest {
    /** A GetFolder answer to the probe connect sends. */
    static final String PROBE = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<m:GetFolderResponse xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" "
            + "xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"><m:ResponseMessages>"
            + "<m:GetFolderResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:Folder>"
            + "<t:FolderId Id=\"AAMkAGroot\" ChangeKey=\"AQAAAA==\"/></t:Folder></m:Folders></m:GetFolderResponseMessage>"
            + "</m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>";
    private static final ItemId ITEM = ItemId.of("AAMkAGM2item", "CQAAABYA");
    private static final MailMessage MESSAGE = MailMessage.builder().from("sadie@contoso.com").to("ronnie@contoso.com")
            .subject("sample").textBody("hi").build();

    /** Documented as broken in SOURCES.tsv, with the reason. */
    private static final Map<String, String> SKIPPED = Map.of(
            "02-append/exportitems.response-body.xml", "not namespace-well-formed: the prefix s on Body is not declared (SOURCES.tsv: INVALID)",
            "03-getitem/getitem-default-includemimecontent.response.xml", "not well-formed: mismatched <meta> and </head> (SOURCES.tsv: NOT-WELL-FORMED)",
            "05-copy-move/copyitem-success.response.xml", "the new id is in <t:ItemID>, a documentation typo for <t:ItemId> (SOURCES.tsv: INVALID)",
            "05-copy-move/moveitem-success.response.xml", "the new id is in <t:ItemID>, a documentation typo for <t:ItemId> (SOURCES.tsv: INVALID)");

    private static Path samples;
    private static final Set<String> checked = new LinkedHashSet<>();
    private static final List<String> skipped = new ArrayList<>();

    @BeforeAll
    static void locate() {
        checked.clear();
        samples = SharedMaterial.resolve("ews/samples").orElse(null);
        assumeTrue(samples != null, SharedMaterial.missing("ews/samples"));
    }

    @AfterAll
    static void report() {
        System.out.println("EWS samples parsed: " + checked.size() + "; skipped: " + skipped);
    }

    private static byte[] read(String relative) {
        try {
            String text = Files.readString(samples.resolve(relative), StandardCharsets.UTF_8);
            // The namespace fix SOURCES.tsv applies to documentation examples.
            return text.replace("https://schemas.xmlsoap.org/soap/envelope/", "http://schemas.xmlsoap.org/soap/envelope/")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client connected through a scripted engine that answers with this sample after the probe. */
    private static EwsClient client(ScriptedEngine.Canned... answers) {
        ScriptedEngine engine = new ScriptedEngine(7).then(200, "text/xml; charset=utf-8", PROBE.getBytes(StandardCharsets.UTF_8));
        for (ScriptedEngine.Canned c : answers) {
            engine.then(c);
        }
        int[] counter = {0};
        AsyncTokenProvider tokens = ignore -> reactor.core.publisher.Mono.just(
                new AccessToken("token-" + (++counter[0]), Instant.now().plusSeconds(3600)));
        EwsOptions options = EwsOptions.builder().engine(engine).retryPolicy(RetryPolicy.none()).build();
        return EwsClient.connect(URI.create("https://mail.contoso.com/EWS/Exchange.asmx"), EwsCredentials.oauth(tokens), options)
                .block(Duration.ofSeconds(10));
    }

    private static ScriptedEngine.Canned xml(int status, String relative) {
        checked.add(relative);
        return new ScriptedEngine.Canned(status, dev.ferry.core.http.HttpHeaders.of("Content-Type", "text/xml; charset=utf-8"), read(relative));
    }

    private static ScriptedEngine.Canned ok(String relative) {
        return xml(200, relative);
    }

    private static ScriptedEngine.Canned fault(String relative) {
        return xml(500, relative);
    }

    private static EwsException error(Runnable call) {
        Throwable[] thrown = new Throwable[1];
        try {
            call.run();
        } catch (Throwable t) {
            thrown[0] = t;
        }
        assertThat(thrown[0]).isInstanceOf(EwsException.class);
        return (EwsException) thrown[0];
    }

    private static byte[] concat(List<ByteBuffer> buffers) {
        ByteBuffer all = ByteBuffer.allocate(buffers.stream().mapToInt(ByteBuffer::remaining).sum());
        buffers.forEach(all::put);
        return all.array();
    }

    /** Parser level, for answers to operations the client does not offer (UpdateFolder) or fragments. */
    private static SoapResponse parse(byte[] document) {
        StreamingEnvelope reader = new StreamingEnvelope(1 << 20, 1 << 24, "content");
        for (int i = 0; i < document.length; i += 5) {
            reader.feed(ByteBuffer.wrap(document, i, Math.min(5, document.length - i)));
        }
        return SoapResponseReader.read(reader.finish());
    }

    @Test
    void everyWellFormedSampleParsesIntoTheRightResultOrError() throws IOException {
        // 01 send
        client(ok("01-send/createitem-send-success.response.xml")).blocking().send(MESSAGE, SendMode.SEND_ONLY);
        EwsClient c = client(ok("01-send/createitem-error-sendasdenied.response.xml"));
        EwsException e = error(() -> c.blocking().send(MESSAGE, SendMode.SEND_AND_SAVE_COPY));
        assertThat(e.responseCode()).isEqualTo("ErrorSendAsDenied");
        assertThat(e.itemIndex()).isZero();
        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.isRetryable()).isFalse();

        // 03 get item
        ItemInfo withAttachments = client(ok("03-getitem/getitem-attachments.response.xml")).blocking().getItem(ITEM);
        assertThat(withAttachments.id().id()).isEqualTo("ERu/AAA=");
        assertThat(withAttachments.attachments()).extracting(a -> a.name()).containsExactly("FileAttachment.txt", "Attached Message Item");
        assertThat(withAttachments.attachments().get(1).itemAttachment()).isTrue();
        SoapResponse batch = parse(("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + new String(read("03-getitem/getitem-batch-mixed-erroritemnotfound.response-fragment.xml"), StandardCharsets.UTF_8)
                + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8));
        checked.add("03-getitem/getitem-batch-mixed-erroritemnotfound.response-fragment.xml");
        assertThat(batch.messages()).hasSize(2);
        assertThat(batch.messages().get(0).items()).singleElement().satisfies(i -> assertThat(i.subject()).isEqualTo("Business plans"));
        assertThat(batch.messages().get(1).isSuccess()).isFalse();
        assertThat(batch.messages().get(1).responseCode()).isEqualTo("ErrorItemNotFound");
        EwsClient c3 = client(ok("03-getitem/getitem-error-invalidpropertyrequest.response.xml"));
        assertThat(error(() -> c3.blocking().getItem(ITEM)).responseCode()).isEqualTo("ErrorInvalidPropertyRequest");
        byte[] mime = concat(client(ok("03-getitem/getitem-idonly-includemimecontent.response.xml")).blocking().mimeContent(ITEM));
        // The documentation shortened this MIME to a fragment: what matters is that the chunked decode is exact.
        assertThat(mime).isEqualTo(java.util.Base64.getDecoder().decode("UmVjZ6IGZyb2b2suY29y5hMzgwZTA1YtDQo="));

        // 04 get attachment
        assertThat(concat(client(ok("04-getattachment/getattachment-file-ref.response.xml")).blocking()
                .attachmentContent(AttachmentId.of("AAMkA=")))).containsExactly(1, 2, 3, 4, 5);
        assertThat(new String(concat(client(ok("04-getattachment/getattachment-fileattachment.response.xml")).blocking()
                .attachmentContent(AttachmentId.of("AAMkA="))), StandardCharsets.UTF_8)).isEqualTo("This is a file attachment.");
        EwsClient c4 = client(ok("04-getattachment/getattachment-itemattachment.response.xml"));
        // This attached item was fetched without its MIME (the documented request did not ask), so there is no content to stream.
        assertThatThrownBy(() -> c4.blocking().attachmentContent(AttachmentId.of("Ktum21o="))).isInstanceOf(XmlException.class)
                .hasMessageContaining("without");
        SoapResponse itemAttachment = parse(read("04-getattachment/getattachment-itemattachment.response.xml"));
        assertThat(itemAttachment.messages().get(0).attachments()).singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("Attached Message Item"));

        // 05 copy / move
        EwsClient c5 = client(ok("05-copy-move/copyitem-error-invalididmalformed.response.xml"));
        assertThat(error(() -> c5.blocking().copyItem(ITEM, FolderId.INBOX)).responseCode()).isEqualTo("ErrorInvalidIdMalformed");

        // 06 delete
        EwsClient c6 = client(ok("06-delete/deletefolder-error-deletedistinguishedfolder-exchange2010sp2-real.evolution.response.xml"));
        assertThat(error(() -> c6.blocking().deleteFolder(FolderId.INBOX, DeleteMode.HARD_DELETE)).responseCode())
                .isEqualTo("ErrorDeleteDistinguishedFolder");
        EwsClient c6b = client(ok("06-delete/deletefolder-error-itemnotfound.response.xml"));
        assertThat(error(() -> c6b.blocking().deleteFolder(FolderId.of("AAMkAf"), DeleteMode.SOFT_DELETE)).responseCode())
                .isEqualTo("ErrorItemNotFound");
        client(ok("06-delete/deletefolder-success-exchange2010sp2-real.evolution.response.xml")).blocking()
                .deleteFolder(FolderId.of("AAMkAf"), DeleteMode.HARD_DELETE);
        client(ok("06-delete/deletefolder-success.response.xml")).blocking().deleteFolder(FolderId.of("AAMkAf"), DeleteMode.HARD_DELETE);
        EwsClient c6c = client(ok("06-delete/deleteitem-error-itemnotfound.response.xml"));
        assertThat(error(() -> c6c.blocking().deleteItem(ITEM, DeleteMode.HARD_DELETE)).responseCode()).isEqualTo("ErrorItemNotFound");
        client(ok("06-delete/deleteitem-success.response.xml")).blocking().deleteItem(ITEM, DeleteMode.MOVE_TO_DELETED_ITEMS);
        EwsClient c6d = client(ok("06-delete/getfolder-error-itemnotfound-exchange2010sp2-real.evolution.response.xml"));
        assertThat(error(() -> c6d.blocking().getFolder(FolderId.of("AAMkAf"))).responseCode()).isEqualTo("ErrorItemNotFound");

        // 07 update
        SoapResponse staleFolder = parse(read("07-update/updatefolder-error-invalidchangekey.response.xml"));
        checked.add("07-update/updatefolder-error-invalidchangekey.response.xml");
        assertThat(staleFolder.messages()).singleElement().satisfies(m -> assertThat(m.responseCode()).isEqualTo("ErrorInvalidChangeKey"));
        SoapResponse updatedFolder = parse(read("07-update/updatefolder-success.response.xml"));
        checked.add("07-update/updatefolder-success.response.xml");
        assertThat(updatedFolder.messages()).singleElement().satisfies(m -> assertThat(m.folders()).hasSize(1));
        EwsClient c7 = client(fault("07-update/updateitem-contact-error-schemavalidation-fault.response.xml"));
        EwsException schema = error(() -> c7.blocking().updateItem(ItemUpdate.builder(ITEM).set(ItemField.SUBJECT, "x").build()));
        assertThat(schema.responseCode()).isEqualTo("ErrorSchemaValidation");
        assertThat(schema.statusCode()).isEqualTo(500);
        assertThat(schema.itemIndex()).isEqualTo(-1);
        ItemId updated = client(ok("07-update/updateitem-success.response.xml")).blocking()
                .updateItem(ItemUpdate.builder(ITEM).set(ItemField.IS_READ, true).build());
        // The documentation shortened both to "...": they must come through as written, not trimmed or dropped.
        assertThat(updated).isEqualTo(ItemId.of("AAAtAEFkbW...", "CQAAABYAAA..."));

        // 08 find and folders
        List<Folder> deep = client(ok("08-find/findfolder-deep-indexedpage.response.xml")).blocking().findFolders(FolderId.MSG_FOLDER_ROOT, true);
        // The documentation cut this page short with an ellipsis after the fourth folder; each kind keeps its element name.
        assertThat(deep).extracting(Folder::displayName)
                .containsExactly("Calendar", "Contacts", "Recipient Cache", "Conversation Action Settings");
        assertThat(deep).extracting(Folder::type).containsExactly("CalendarFolder", "ContactsFolder", "ContactsFolder", "Folder");
        assertThat(deep.get(0).id()).isEqualTo(new FolderId.Id("AAAEOAAA=", "AgAAABYAAAAPxolXAHv3TaHUnjW8wWqXAAAAAAA3"));
        EwsClient c8 = client(ok("08-find/findfolder-error-invalididmalformed.response.xml"));
        assertThat(error(() -> c8.blocking().findFolders(FolderId.of("bad"), false)).responseCode()).isEqualTo("ErrorInvalidIdMalformed");
        assertThat(client(ok("08-find/findfolder-success.response.xml")).blocking().findFolders(FolderId.INBOX, false))
                .extracting(Folder::displayName).containsExactly("TestFolder");
        EwsClient c8b = client(ok("08-find/finditem-error-invalididmalformed.response.xml"));
        assertThat(error(() -> c8b.blocking().findItems(FindItemsQuery.of(FolderId.of("bad")))).responseCode())
                .isEqualTo("ErrorInvalidIdMalformed");
        ScriptedEngine.Canned page0 = ok("08-find/finditem-paged-offset0.response.xml");
        ScriptedEngine.Canned page5 = ok("08-find/finditem-paged-offset5.response.xml");
        List<ItemInfo> paged = client(page0, page5).blocking().findItems(FindItemsQuery.of(FolderId.INBOX).withPageSize(6));
        assertThat(paged).hasSize(6 + 3);
        assertThat(client(ok("08-find/finditem-success.response.xml")).blocking().findItems(FindItemsQuery.of(FolderId.INBOX))).hasSize(2);
        EwsClient c8c = client(ok("08-find/getfolder-error-invalididmalformed.response.xml"));
        assertThat(error(() -> c8c.blocking().getFolder(FolderId.of("bad"))).responseCode()).isEqualTo("ErrorInvalidIdMalformed");
        Folder idOnly = client(ok("08-find/getfolder-idonly.response.xml")).blocking().getFolder(FolderId.INBOX);
        assertThat(idOnly.id()).isEqualTo(new FolderId.Id("AAAENAAA=", "AQAAABYAAAAPxolXAHv3TaHUnjW8wWqXAAAEkbCr"));
        // IdOnly asks for nothing else: the counts say "not returned" rather than zero.
        assertThat(idOnly.displayName()).isNull();
        assertThat(idOnly.totalCount()).isEqualTo(-1);
        Folder inbox = client(ok("08-find/getfolder-success.response.xml")).blocking().getFolder(FolderId.INBOX);
        assertThat(inbox.displayName()).isEqualTo("Inbox");
        assertThat(inbox.id()).isEqualTo(new FolderId.Id("AQApA=", "AQAAAB"));
        assertThat(inbox.totalCount()).isEqualTo(2);
        assertThat(inbox.childFolderCount()).isZero();
        assertThat(inbox.unreadCount()).isEqualTo(2);

        // 09 errors
        EwsClient c9 = client(fault("09-errors/fault-client-accessdenied-exchange2007.response.xml"));
        EwsException denied = error(() -> c9.blocking().getFolder(FolderId.INBOX));
        assertThat(denied.responseCode()).isEqualTo("Client");
        assertThat(denied.getMessage()).contains("User is not mailbox owner");
        EwsClient c9b = client(fault("09-errors/fault-errorexceededconnectioncount-maxconcurrency.ews-rs.response.xml"));
        EwsException connections = error(() -> c9b.blocking().getFolder(FolderId.INBOX));
        assertThat(connections.responseCode()).isEqualTo(EwsException.ERROR_EXCEEDED_CONNECTION_COUNT);
        assertThat(connections.isThrottling()).isTrue();
        assertThat(connections.messageXml()).containsEntry("MaxConcurrencyLimit", "27");
        EwsClientImpl impl = (EwsClientImpl) c9b;
        assertThat(impl.gate().limit(impl.mailboxKey())).isEqualTo(EwsOptions.defaults().maxConcurrentRequestsPerMailbox() / 2);
        EwsClient c9c = client(fault("09-errors/fault-errorschemavalidation-findconversation.response.xml"));
        assertThat(error(() -> c9c.blocking().getFolder(FolderId.INBOX)).responseCode()).isEqualTo(EwsException.ERROR_SCHEMA_VALIDATION);
        EwsClient c9d = client(fault("09-errors/fault-errorschemavalidation-http500-exchange2010sp2-real.evolution.response.xml"));
        EwsException real = error(() -> c9d.blocking().createFolder(FolderId.INBOX, "x"));
        assertThat(real.messageXml()).containsEntry("LineNumber", "2").containsEntry("LinePosition", "630");
        assertThat(real.getMessage()).contains("line 2, position 630", "invalidparentid");
        EwsClient c9e = client(fault("09-errors/fault-errorserverbusy-backoffmilliseconds.exchangelib.response.xml"));
        EwsException busy = error(() -> c9e.blocking().getFolder(FolderId.INBOX));
        assertThat(busy.responseCode()).isEqualTo(EwsException.ERROR_SERVER_BUSY);
        assertThat(busy.retryAfter()).contains(Duration.ofMillis(297749));
        assertThat(busy.isThrottling()).isTrue();
        assertThat(((EwsClientImpl) c9e).gate().closedForMillis(((EwsClientImpl) c9e).mailboxKey())).isGreaterThan(290_000);
        EwsClient c9f = client(ok("09-errors/responsemessage-errorinternalservererror-inner-quota.exchangelib.response.xml"));
        EwsException quota = error(() -> c9f.blocking().deleteItem(ITEM, DeleteMode.HARD_DELETE));
        assertThat(quota.responseCode()).isEqualTo("ErrorInternalServerError");
        assertThat(quota.messageXml()).containsEntry("InnerErrorResponseCode", "ErrorQuotaExceededOnDelete");
        EwsClient c9g = client(ok("09-errors/responsemessage-errorinvalidvalueforproperty-messagexml.exchangelib.response.xml"));
        assertThat(error(() -> c9g.blocking().deleteItem(ITEM, DeleteMode.HARD_DELETE)).messageXml())
                .containsEntry("Foo", "XXX").containsEntry("Bar", "YYY");
        EwsClient c9h = client(ok("09-errors/responsemessage-errortoomanyobjectsopened.exchangelib.response.xml"));
        EwsException opened = error(() -> c9h.blocking().findFolders(FolderId.INBOX, false));
        assertThat(opened.responseCode()).isEqualTo("ErrorTooManyObjectsOpened");
        assertThat(opened.isRetryable()).isTrue();

        // 11 synthesized for the mock
        ItemId copy = client(ok("11-synthesized-for-mock/copyitem-success-newid.response.xml")).blocking().copyItem(ITEM, FolderId.INBOX);
        assertThat(copy.id()).endsWith("bUuRAAA=");
        List<ItemId> appended = client(ok("11-synthesized-for-mock/createitem-mimecontent-saveonly-two-items.response.xml")).blocking()
                .appendMessages(FolderId.INBOX, List.of(MESSAGE, MESSAGE));
        assertThat(appended).extracting(ItemId::id).containsExactly(
                "AAMkADExZTI1MjVmLWQ4MzEtNDBjYS1hMWEwLTYzMDIyNGQ5MWFjNwBGAAAAAAAsm1xVH2inSpA0JbGZEhm1BwBb0+EYLBFiQqC1D2X3n3odAAAA1zbaAABUGpQQZwqURZb0pqd+SpczAAJQbUuPAAA=",
                "AAMkADExZTI1MjVmLWQ4MzEtNDBjYS1hMWEwLTYzMDIyNGQ5MWFjNwBGAAAAAAAsm1xVH2inSpA0JbGZEhm1BwBb0+EYLBFiQqC1D2X3n3odAAAA1zbaAABUGpQQZwqURZb0pqd+SpczAAJQbUuQAAA=");
        List<ItemOutcome<ItemId>> mixed = client(ok("11-synthesized-for-mock/deleteitem-harddelete-mixed.response.xml")).blocking()
                .deleteItems(List.of(ITEM, ItemId.of("AAMkAGgone")), DeleteMode.HARD_DELETE);
        assertThat(mixed.get(0).isSuccess()).isTrue();
        assertThat(mixed.get(0).value()).isEqualTo(ITEM);
        assertThat(mixed.get(1).error().responseCode()).isEqualTo("ErrorItemNotFound");
        assertThat(mixed.get(1).error().itemIndex()).isEqualTo(1);
        FetchedMessage fetched = client(ok("11-synthesized-for-mock/getitem-mime-and-attachments.response.xml")).blocking().fetchMessage(ITEM);
        assertThat(fetched.message().subject()).isEqualTo("Quarterly report (draft)");
        assertThat(fetched.message().attachments()).extracting(a -> a.fileName()).containsExactly("FileAttachment.txt");
        assertThat(fetched.item().attachments()).hasSize(1);
        assertThat(fetched.item().isRead()).isFalse();
        EwsClient c11 = client(ok("11-synthesized-for-mock/updateitem-error-irresolvableconflict.response.xml"));
        EwsException conflict = error(() -> c11.blocking().updateItem(ItemUpdate.builder(ITEM).set(ItemField.SUBJECT, "x").build()));
        assertThat(conflict.responseCode()).isEqualTo(EwsException.ERROR_IRRESOLVABLE_CONFLICT);
        assertThat(conflict.getMessage()).contains("fetch it again");

        ScriptedEngine.Canned busy500 = http("11-synthesized-for-mock/http-500-errorserverbusy-fault.http.txt");
        EwsException busyHttp = error(() -> client(busy500).blocking().getFolder(FolderId.INBOX));
        assertThat(busyHttp.responseCode()).isEqualTo(EwsException.ERROR_SERVER_BUSY);
        assertThat(busyHttp.requestId()).isEqualTo("0f4b3c52-2d63-4d1c-9a8e-6c1b4e2f7a90");
        ScriptedEngine.Canned unauthorized = http("11-synthesized-for-mock/http-401-invalid-token.http.txt");
        EwsException auth = error(() -> client(unauthorized, unauthorized).blocking().getFolder(FolderId.INBOX));
        assertThat(auth.isAuthenticationFailure()).isTrue();
        assertThat(auth.getMessage()).contains("twice", "full_access_as_app");
        EwsException queued = error(() -> client(http("11-synthesized-for-mock/http-503-queued-in-iis.http.txt")).blocking()
                .getFolder(FolderId.INBOX));
        assertThat(queued.statusCode()).isEqualTo(503);
        assertThat(queued.retryAfter()).contains(Duration.ofSeconds(30));

        // Nothing left unexamined: every response sample is either checked or skipped for a documented reason.
        Set<String> all = new TreeSet<>();
        try (Stream<Path> files = Files.walk(samples)) {
            files.filter(Files::isRegularFile).map(p -> samples.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.contains(".response") || n.startsWith("11-synthesized-for-mock/http-"))
                    .forEach(all::add);
        }
        for (String name : all) {
            if (SKIPPED.containsKey(name)) {
                skipped.add(name + " (" + SKIPPED.get(name) + ")");
            }
        }
        Set<String> unexamined = new TreeSet<>(all);
        unexamined.removeAll(checked);
        unexamined.removeAll(SKIPPED.keySet());
        assertThat(unexamined).as("response samples without an expectation").isEmpty();
        assertThat(checked).hasSize(all.size() - SKIPPED.size());
    }

    /**
     * The samples documented as broken show up as skipped tests with their reason, after checking
     * that they are broken the way SOURCES.tsv says (so a fixed sample would come back into play).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("brokenSamples")
    void samplesDocumentedAsBrokenAreSkippedWithTheReason(String relative, String reason) {
        byte[] document = read(relative);
        if (reason.contains("ItemID")) {
            EwsClient c = client(ok(relative));
            checked.remove(relative);
            assertThat(c.copyItem(ITEM, FolderId.INBOX).blockOptional(Duration.ofSeconds(10))).as("no t:ItemId, so no new id").isEmpty();
        } else {
            assertThatThrownBy(() -> parse(document)).isInstanceOf(XmlException.class);
        }
        org.junit.jupiter.api.Assumptions.abort(relative + ": " + reason);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> brokenSamples() {
        return SKIPPED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> org.junit.jupiter.params.provider.Arguments.of(e.getKey(), e.getValue()));
    }

    private static ScriptedEngine.Canned http(String relative) {
        checked.add(relative);
        return ScriptedEngine.parseHttp(new String(read(relative), StandardCharsets.UTF_8));
    }
}
