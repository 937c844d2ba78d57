package dev.ferry.ews.internal;

import dev.ferry.core.xml.XmlWriter;
import dev.ferry.ews.model.AttachmentId;
import dev.ferry.ews.model.Body;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.EmailAddress;
import dev.ferry.ews.model.FieldChange;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.Importance;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.SendMode;
import dev.ferry.ews.model.Sensitivity;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the SOAP envelopes of the operations Ferry performs, in the element order the EWS schema
 * fixes. Every envelope declares {@code soap}, {@code t} and {@code m} on the root and carries
 * {@code RequestServerVersion} and, when the client acts for another mailbox, {@code ExchangeImpersonation}.
 */
public final class SoapRequests {
    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String TYPES_NS = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static final String MESSAGES_NS = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static final String ERRORS_NS = "http://schemas.microsoft.com/exchange/services/2006/errors";

    /** PR_MESSAGE_FLAGS (0x0E07): set to 1 (read, not unsent) so an appended message is not shown as a draft. */
    private static final String PR_MESSAGE_FLAGS_TAG = "3591";

    /** Properties asked for an item besides its id: enough to describe it without its body. */
    private static final List<String> ITEM_PROPERTIES = List.of("item:ParentFolderId", "item:ItemClass", "item:Subject",
            "item:DateTimeReceived", "item:Size", "item:Categories", "item:HasAttachments", "message:From", "message:IsRead");

    private final String serverVersion;
    private final @Nullable String impersonatedMailbox;

    public SoapRequests(String serverVersion, @Nullable String impersonatedMailbox) {
        this.serverVersion = serverVersion;
        this.impersonatedMailbox = impersonatedMailbox;
    }

    private XmlWriter open(String operation, String... attributes) {
        XmlWriter w = XmlWriter.withDeclaration()
                .start("soap:Envelope", "xmlns:soap", SOAP_NS, "xmlns:t", TYPES_NS, "xmlns:m", MESSAGES_NS)
                .start("soap:Header")
                .start("t:RequestServerVersion", "Version", serverVersion).end("t:RequestServerVersion");
        if (impersonatedMailbox != null) {
            w.start("t:ExchangeImpersonation").start("t:ConnectingSID")
                    .element("t:SmtpAddress", impersonatedMailbox)
                    .end("t:ConnectingSID").end("t:ExchangeImpersonation");
        }
        return w.end("soap:Header").start("soap:Body").start("m:" + operation, attributes);
    }

    private static byte[] close(XmlWriter w, String operation) {
        return w.end("m:" + operation).end("soap:Body").end("soap:Envelope").toBytes();
    }

    /** CreateItem with the message's MIME, sent (and saved to Sent Items for SendAndSaveCopy). */
    public byte[] sendMime(byte[] mime, SendMode mode) {
        XmlWriter w = open("CreateItem", "MessageDisposition", mode.wireName());
        if (mode == SendMode.SEND_AND_SAVE_COPY) {
            w.start("m:SavedItemFolderId");
            folderId(w, FolderId.SENT_ITEMS);
            w.end("m:SavedItemFolderId");
        }
        w.start("m:Items").start("t:Message");
        mimeContent(w, mime);
        w.end("t:Message").end("m:Items");
        return close(w, "CreateItem");
    }

    /** CreateItem SaveOnly of each message's MIME into a folder, flagged as not a draft. */
    public byte[] appendMime(FolderId folder, List<byte[]> mimes) {
        XmlWriter w = open("CreateItem", "MessageDisposition", "SaveOnly");
        w.start("m:SavedItemFolderId");
        folderId(w, folder);
        w.end("m:SavedItemFolderId").start("m:Items");
        for (byte[] mime : mimes) {
            w.start("t:Message");
            mimeContent(w, mime);
            w.start("t:ExtendedProperty")
                    .start("t:ExtendedFieldURI", "PropertyTag", PR_MESSAGE_FLAGS_TAG, "PropertyType", "Integer").end("t:ExtendedFieldURI")
                    .element("t:Value", "1")
                    .end("t:ExtendedProperty");
            w.end("t:Message");
        }
        w.end("m:Items");
        return close(w, "CreateItem");
    }

    private static void mimeContent(XmlWriter w, byte[] mime) {
        w.start("t:MimeContent", "CharacterSet", "UTF-8").text(Base64.getEncoder().encodeToString(mime)).end("t:MimeContent");
    }

    /** GetItem of one item with its MIME (when asked) and its attachments' metadata. */
    public byte[] getItem(ItemId id, boolean includeMime) {
        XmlWriter w = open("GetItem");
        w.start("m:ItemShape").element("t:BaseShape", "IdOnly");
        if (includeMime) {
            w.element("t:IncludeMimeContent", "true");
        }
        w.start("t:AdditionalProperties");
        for (String uri : ITEM_PROPERTIES) {
            fieldUri(w, uri);
        }
        fieldUri(w, "item:Attachments");
        w.end("t:AdditionalProperties").end("m:ItemShape");
        w.start("m:ItemIds");
        itemId(w, id);
        w.end("m:ItemIds");
        return close(w, "GetItem");
    }

    /** GetAttachment of one attachment; an attached item comes with its MIME. */
    public byte[] getAttachment(AttachmentId id) {
        XmlWriter w = open("GetAttachment");
        w.start("m:AttachmentShape").element("t:IncludeMimeContent", "true").end("m:AttachmentShape");
        w.start("m:AttachmentIds").start("t:AttachmentId", "Id", id.id()).end("t:AttachmentId").end("m:AttachmentIds");
        return close(w, "GetAttachment");
    }

    /** CopyItem or MoveItem, asking for the new ids. */
    public byte[] copyOrMove(String operation, List<ItemId> ids, FolderId target) {
        XmlWriter w = open(operation);
        w.start("m:ToFolderId");
        folderId(w, target);
        w.end("m:ToFolderId").start("m:ItemIds");
        for (ItemId id : ids) {
            itemId(w, id.withoutChangeKey());
        }
        w.end("m:ItemIds").element("m:ReturnNewItemIds", "true");
        return close(w, operation);
    }

    public byte[] deleteItems(List<ItemId> ids, DeleteMode mode) {
        // Calendar items and tasks need these two attributes; for messages they are ignored.
        XmlWriter w = open("DeleteItem", "DeleteType", mode.wireName(), "SendMeetingCancellations", "SendToNone",
                "AffectedTaskOccurrences", "AllOccurrences");
        w.start("m:ItemIds");
        for (ItemId id : ids) {
            itemId(w, id.withoutChangeKey());
        }
        w.end("m:ItemIds");
        return close(w, "DeleteItem");
    }

    public byte[] deleteFolder(FolderId folder, DeleteMode mode) {
        XmlWriter w = open("DeleteFolder", "DeleteType", mode.wireName());
        w.start("m:FolderIds");
        folderId(w, folder);
        w.end("m:FolderIds");
        return close(w, "DeleteFolder");
    }

    /** UpdateItem of one message; SaveOnly, since a message update must say what to do with the message. */
    public byte[] updateItem(ItemUpdate update) {
        XmlWriter w = open("UpdateItem", "ConflictResolution", update.conflictResolution().wireName(), "MessageDisposition", "SaveOnly");
        if (update.savedItemFolder() != null) {
            w.start("m:SavedItemFolderId");
            folderId(w, update.savedItemFolder());
            w.end("m:SavedItemFolderId");
        }
        w.start("m:ItemChanges").start("t:ItemChange");
        itemId(w, update.itemId());
        w.start("t:Updates");
        for (FieldChange change : update.changes()) {
            String element = switch (change.kind()) {
                case SET -> "t:SetItemField";
                case APPEND -> "t:AppendToItemField";
                case DELETE -> "t:DeleteItemField";
            };
            w.start(element);
            fieldUri(w, change.field().fieldUri());
            if (change.value() != null) {
                w.start("t:Message");
                fieldValue(w, "t:" + change.field().elementName(), change.value());
                w.end("t:Message");
            }
            w.end(element);
        }
        w.end("t:Updates").end("t:ItemChange").end("m:ItemChanges");
        return close(w, "UpdateItem");
    }

    private static void fieldValue(XmlWriter w, String element, Object value) {
        if (value instanceof String s) {
            w.element(element, s);
        } else if (value instanceof Boolean b) {
            w.element(element, b.toString());
        } else if (value instanceof Body body) {
            w.start(element, "BodyType", body.type().wireName()).text(body.content()).end(element);
        } else if (value instanceof Importance i) {
            w.element(element, i.wireName());
        } else if (value instanceof Sensitivity s) {
            w.element(element, s.wireName());
        } else if (value instanceof List<?> list) {
            w.start(element);
            for (Object o : list) {
                if (o instanceof EmailAddress a) {
                    mailbox(w, a);
                } else {
                    w.element("t:String", o.toString());
                }
            }
            w.end(element);
        } else {
            throw new IllegalArgumentException("no EWS form for a " + value.getClass().getName());
        }
    }

    private static void mailbox(XmlWriter w, EmailAddress a) {
        w.start("t:Mailbox");
        if (a.name() != null) {
            w.element("t:Name", a.name());
        }
        w.element("t:EmailAddress", a.address()).end("t:Mailbox");
    }

    /** One page of FindItem. */
    public byte[] findItems(FindItemsQuery query, int offset) {
        XmlWriter w = open("FindItem", "Traversal", query.traversal().wireName());
        w.start("m:ItemShape").element("t:BaseShape", "IdOnly").start("t:AdditionalProperties");
        for (String uri : ITEM_PROPERTIES) {
            fieldUri(w, uri);
        }
        w.end("t:AdditionalProperties").end("m:ItemShape");
        w.start("m:IndexedPageItemView", "MaxEntriesReturned", Integer.toString(query.pageSize()), "Offset", Integer.toString(offset),
                "BasePoint", "Beginning").end("m:IndexedPageItemView");
        w.start("m:SortOrder").start("t:FieldOrder", "Order", query.newestFirst() ? "Descending" : "Ascending");
        fieldUri(w, "item:DateTimeReceived");
        w.end("t:FieldOrder").end("m:SortOrder");
        w.start("m:ParentFolderIds");
        folderId(w, query.folder());
        w.end("m:ParentFolderIds");
        return close(w, "FindItem");
    }

    private static void folderShape(XmlWriter w) {
        w.start("m:FolderShape").element("t:BaseShape", "Default").start("t:AdditionalProperties");
        fieldUri(w, "folder:ParentFolderId");
        fieldUri(w, "folder:FolderClass");
        w.end("t:AdditionalProperties").end("m:FolderShape");
    }

    public byte[] getFolder(FolderId folder) {
        XmlWriter w = open("GetFolder");
        folderShape(w);
        w.start("m:FolderIds");
        folderId(w, folder);
        w.end("m:FolderIds");
        return close(w, "GetFolder");
    }

    /** The cheapest call that proves endpoint, credentials and mailbox: the root's id, nothing else. */
    public byte[] probe() {
        XmlWriter w = open("GetFolder");
        w.start("m:FolderShape").element("t:BaseShape", "IdOnly").end("m:FolderShape");
        w.start("m:FolderIds");
        folderId(w, FolderId.MSG_FOLDER_ROOT);
        w.end("m:FolderIds");
        return close(w, "GetFolder");
    }

    /** One page of FindFolder. */
    public byte[] findFolders(FolderId parent, boolean deep, int pageSize, int offset) {
        XmlWriter w = open("FindFolder", "Traversal", deep ? "Deep" : "Shallow");
        folderShape(w);
        w.start("m:IndexedPageFolderView", "MaxEntriesReturned", Integer.toString(pageSize), "Offset", Integer.toString(offset),
                "BasePoint", "Beginning").end("m:IndexedPageFolderView");
        w.start("m:ParentFolderIds");
        folderId(w, parent);
        w.end("m:ParentFolderIds");
        return close(w, "FindFolder");
    }

    public byte[] createFolder(FolderId parent, String displayName, @Nullable String folderClass) {
        XmlWriter w = open("CreateFolder");
        w.start("m:ParentFolderId");
        folderId(w, parent);
        w.end("m:ParentFolderId").start("m:Folders").start("t:Folder");
        if (folderClass != null) {
            w.element("t:FolderClass", folderClass);
        }
        w.element("t:DisplayName", displayName).end("t:Folder").end("m:Folders");
        return close(w, "CreateFolder");
    }

    private static void fieldUri(XmlWriter w, String uri) {
        w.start("t:FieldURI", "FieldURI", uri).end("t:FieldURI");
    }

    private static void itemId(XmlWriter w, ItemId id) {
        if (id.changeKey() == null) {
            w.start("t:ItemId", "Id", id.id());
        } else {
            w.start("t:ItemId", "Id", id.id(), "ChangeKey", id.changeKey());
        }
        w.end("t:ItemId");
    }

    static void folderId(XmlWriter w, FolderId folder) {
        if (folder instanceof FolderId.Id id) {
            if (id.changeKey() == null) {
                w.start("t:FolderId", "Id", id.id());
            } else {
                w.start("t:FolderId", "Id", id.id(), "ChangeKey", id.changeKey());
            }
            w.end("t:FolderId");
        } else if (folder instanceof FolderId.Distinguished d) {
            w.start("t:DistinguishedFolderId", "Id", d.folder().wireName());
            if (d.mailbox() != null) {
                w.start("t:Mailbox").element("t:EmailAddress", d.mailbox()).end("t:Mailbox");
            }
            w.end("t:DistinguishedFolderId");
        }
    }
}
