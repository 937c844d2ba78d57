package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.ews.model.AttachmentId;
import dev.ferry.ews.model.Body;
import dev.ferry.ews.model.ConflictResolution;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.DistinguishedFolder;
import dev.ferry.ews.model.EmailAddress;
import dev.ferry.ews.model.FieldChange;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.Importance;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.SendMode;
import dev.ferry.ews.model.Sensitivity;
import dev.ferry.ews.model.Traversal;
import dev.ferry.testkit.SharedMaterial;
import dev.ferry.testkit.ews.EwsSchemaValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every envelope the client can write, in every variant its options allow, validates against
 * Microsoft's EWS schema. (The mock Exchange validates what the client sends in the ITs as well;
 * this covers the variants those do not reach.)
 */
class SoapRequestsSchemaTest {
    private static EwsSchemaValidator validator;
    private static final String ID = "AAMkADExZTI1MjVmLWQ4MzEtNDBjYS1hMWEwLTYzMDIyNGQ5MWFjNwBGAAAAAAAsm1xVH2inSpA0JbGZEhm1BwBb0+EYLBFiQqC1D2X3n3odAAAA1zbaAABUGpQQZwqURZb0pqd+SpczAAJQbUuOAAA=";
    private static final ItemId ITEM = ItemId.of(ID, "CQAAABYAAABUGpQQZwqURZb0pqd+SpczAAJQdXwY");
    private static final byte[] MIME = "From: a@b.c\r\nTo: d@e.f\r\nSubject: x & <y>\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void schema() {
        Path xsd = SharedMaterial.resolve("ews/schema/ews-all.xsd").orElse(null);
        assumeTrue(xsd != null, SharedMaterial.missing("ews/schema/ews-all.xsd"));
        validator = EwsSchemaValidator.of(xsd);
    }

    static Stream<Arguments> envelopes() {
        List<Arguments> all = new ArrayList<>();
        for (String impersonated : new String[] {null, "sadie@contoso.com"}) {
            for (String version : new String[] {"Exchange2013_SP1", "Exchange2016", "Exchange2010_SP2"}) {
                SoapRequests soap = new SoapRequests(version, impersonated);
                String v = version + (impersonated == null ? "" : " impersonating");
                for (SendMode mode : SendMode.values()) {
                    all.add(Arguments.of("send " + mode + " " + v, soap.sendMime(MIME, mode)));
                }
                all.add(Arguments.of("probe " + v, soap.probe()));
                all.add(Arguments.of("append " + v, soap.appendMime(FolderId.INBOX, List.of(MIME, MIME))));
                all.add(Arguments.of("append by id " + v, soap.appendMime(FolderId.of(ID, "AQAAAA=="), List.of(MIME))));
                all.add(Arguments.of("getItem mime " + v, soap.getItem(ITEM, true)));
                all.add(Arguments.of("getItem " + v, soap.getItem(ITEM.withoutChangeKey(), false)));
                all.add(Arguments.of("getAttachment " + v, soap.getAttachment(AttachmentId.of(ID))));
                for (String op : new String[] {"CopyItem", "MoveItem"}) {
                    all.add(Arguments.of(op + " " + v, soap.copyOrMove(op, List.of(ITEM, ITEM), FolderId.of(DistinguishedFolder.ARCHIVE))));
                    all.add(Arguments.of(op + " other mailbox " + v,
                            soap.copyOrMove(op, List.of(ITEM), FolderId.of(DistinguishedFolder.INBOX, "ronnie@contoso.com"))));
                }
                for (DeleteMode mode : DeleteMode.values()) {
                    all.add(Arguments.of("deleteItems " + mode + " " + v, soap.deleteItems(List.of(ITEM, ITEM), mode)));
                    all.add(Arguments.of("deleteFolder " + mode + " " + v, soap.deleteFolder(FolderId.of(ID, "AQAAAA=="), mode)));
                }
                for (FieldChange change : everyChange()) {
                    for (ConflictResolution cr : ConflictResolution.values()) {
                        ItemUpdate update = new ItemUpdate(ITEM, List.of(change), cr, null);
                        all.add(Arguments.of("update " + change.kind() + " " + change.field() + " " + cr + " " + v, soap.updateItem(update)));
                    }
                }
                all.add(Arguments.of("update many, saved folder " + v, soap.updateItem(new ItemUpdate(ITEM, everyChange(),
                        ConflictResolution.NEVER_OVERWRITE, FolderId.of(DistinguishedFolder.JUNK_EMAIL)))));
                for (Traversal t : Traversal.values()) {
                    FindItemsQuery q = FindItemsQuery.of(FolderId.INBOX).withTraversal(t).withPageSize(1000);
                    all.add(Arguments.of("findItems " + t + " " + v, soap.findItems(q, 0)));
                    all.add(Arguments.of("findItems oldest " + t + " " + v, soap.findItems(q.oldestFirst(), 2000)));
                }
                all.add(Arguments.of("getFolder " + v, soap.getFolder(FolderId.of(DistinguishedFolder.SENT_ITEMS, "ronnie@contoso.com"))));
                for (DistinguishedFolder f : DistinguishedFolder.values()) {
                    all.add(Arguments.of("getFolder " + f + " " + v, soap.getFolder(FolderId.of(f))));
                }
                all.add(Arguments.of("findFolders shallow " + v, soap.findFolders(FolderId.MSG_FOLDER_ROOT, false, 200, 0)));
                all.add(Arguments.of("findFolders deep " + v, soap.findFolders(FolderId.of(ID), true, 10, 30)));
                all.add(Arguments.of("createFolder " + v, soap.createFolder(FolderId.MSG_FOLDER_ROOT, "Q3 & <reports>", null)));
                all.add(Arguments.of("createFolder class " + v, soap.createFolder(FolderId.of(ID), "Tasks 2", "IPF.Task")));
            }
        }
        return all.stream();
    }

    static List<FieldChange> everyChange() {
        List<FieldChange> changes = new ArrayList<>();
        Map<ItemField, Object> values = Map.ofEntries(
                Map.entry(ItemField.SUBJECT, "New subject & <more>"),
                Map.entry(ItemField.BODY, Body.html("<p>appended</p>")),
                Map.entry(ItemField.CATEGORIES, List.of("Red", "Blue")),
                Map.entry(ItemField.IMPORTANCE, Importance.HIGH),
                Map.entry(ItemField.SENSITIVITY, Sensitivity.CONFIDENTIAL),
                Map.entry(ItemField.TO_RECIPIENTS, List.of(EmailAddress.of("a@contoso.com", "A"), EmailAddress.of("b@contoso.com"))),
                Map.entry(ItemField.CC_RECIPIENTS, List.of(EmailAddress.of("c@contoso.com"))),
                Map.entry(ItemField.BCC_RECIPIENTS, List.of(EmailAddress.of("d@contoso.com"))),
                Map.entry(ItemField.REPLY_TO, List.of(EmailAddress.of("e@contoso.com"))),
                Map.entry(ItemField.IS_READ_RECEIPT_REQUESTED, true),
                Map.entry(ItemField.IS_READ, false));
        for (ItemField field : ItemField.values()) {
            Object value = values.get(field);
            assertThat(value).as("a test value for " + field).isNotNull();
            changes.add(new FieldChange(FieldChange.Kind.SET, field, value));
            changes.add(new FieldChange(FieldChange.Kind.DELETE, field, null));
            if (field.isAppendable()) {
                changes.add(new FieldChange(FieldChange.Kind.APPEND, field, value));
            }
        }
        return changes;
    }

    /**
     * One test over every variant, not one per variant: each test pays for the leak guard's
     * garbage collections, and several hundred of them cost over a minute.
     */
    @Test
    void everyEnvelopeTheClientWritesIsSchemaValid() {
        List<String> invalid = new ArrayList<>();
        List<Arguments> all = envelopes().toList();
        for (Arguments a : all) {
            String what = (String) a.get()[0];
            byte[] envelope = (byte[]) a.get()[1];
            validator.validate(envelope).ifPresent(v -> invalid.add(what + ": " + v + "\n" + new String(envelope, StandardCharsets.UTF_8)));
        }
        assertThat(all).hasSizeGreaterThan(700);
        assertThat(invalid).isEmpty();
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        byte[] valid = new SoapRequests("Exchange2013_SP1", null).probe();
        String broken = new String(valid, StandardCharsets.UTF_8).replace("Id=\"msgfolderroot\"", "Id=\"invalidparentid\"");
        assertThat(validator.validate(broken.getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(v -> assertThat(v.message()).contains("invalidparentid"));
    }
}
