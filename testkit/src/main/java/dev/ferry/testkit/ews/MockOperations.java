package dev.ferry.testkit.ews;

import static dev.ferry.testkit.ews.Dom.child;
import static dev.ferry.testkit.ews.Dom.children;
import static dev.ferry.testkit.ews.Dom.text;
import static dev.ferry.testkit.ews.SoapOut.MESSAGES;
import static dev.ferry.testkit.ews.SoapOut.TYPES;

import dev.ferry.testkit.ews.MockStore.Folder;
import dev.ferry.testkit.ews.MockStore.Item;
import dev.ferry.testkit.ews.MockStore.Mailbox;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * The EWS operations of the mock: each reads its request element (DOM) and writes the answer
 * Exchange would give, one response message per id it was given, in order. Called with the
 * store's monitor held.
 */
final class MockOperations {
    private static final Session MAIL = Session.getInstance(new Properties());
    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    private final MockStore store;
    private final Consumer<MockExchange.SentMessage> sent;

    MockOperations(MockStore store, Consumer<MockExchange.SentMessage> sent) {
        this.store = store;
        this.sent = sent;
    }

    /** What one request is about: the mailbox it acts on and the misbehaviour that applies to it. */
    record Context(Mailbox mailbox, Injection.@Nullable Kind injected, long injectedValue) {
        boolean busyInMessage() {
            return injected == Injection.Kind.SERVER_BUSY_MESSAGE;
        }

        boolean illegalRefs() {
            return injected == Injection.Kind.ILLEGAL_CHARACTER_REFERENCES;
        }
    }

    String dispatch(Context ctx, Element op) {
        String name = op.getLocalName();
        if (!MESSAGES.equals(op.getNamespaceURI())) {
            return SoapOut.fault("ErrorInvalidRequest", "The request is invalid.", "The request is invalid.", "");
        }
        return switch (name) {
            case "GetFolder" -> getFolder(ctx, op);
            case "FindFolder" -> findFolder(ctx, op);
            case "CreateFolder" -> createFolder(ctx, op);
            case "DeleteFolder" -> deleteFolder(ctx, op);
            case "CreateItem" -> createItem(ctx, op);
            case "GetItem" -> getItem(ctx, op);
            case "GetAttachment" -> getAttachment(ctx, op);
            case "CopyItem", "MoveItem" -> copyOrMove(ctx, op, name.equals("MoveItem"));
            case "DeleteItem" -> deleteItem(ctx, op);
            case "UpdateItem" -> updateItem(ctx, op);
            case "FindItem" -> findItem(ctx, op);
            default -> SoapOut.fault("ErrorInvalidOperation", "The mock does not implement " + name + ".",
                    "The mock does not implement " + name + ".", "");
        };
    }

    private static boolean busy(SoapOut out, Context ctx, String op) {
        if (ctx.busyInMessage()) {
            out.error(op, "ErrorServerBusy", "The server cannot service this request right now. Try again later.",
                    "<t:Value Name=\"BackOffMilliseconds\">" + ctx.injectedValue() + "</t:Value>").endMessage(op);
            return true;
        }
        return false;
    }

    /** A folder named by a FolderId or DistinguishedFolderId element, or the error code why not. */
    private Object resolveFolder(Context ctx, Element idElement) {
        if ("DistinguishedFolderId".equals(idElement.getLocalName())) {
            Mailbox mailbox = ctx.mailbox();
            Element mb = child(idElement, TYPES, "Mailbox");
            if (mb != null) {
                String smtp = text(child(mb, TYPES, "EmailAddress"));
                mailbox = store.mailboxes.get(smtp.toLowerCase(Locale.ROOT));
                if (mailbox == null) {
                    return "ErrorNonExistentMailbox";
                }
            }
            Folder f = store.distinguished(mailbox, idElement.getAttribute("Id"));
            return f == null ? "ErrorFolderNotFound" : f;
        }
        String id = idElement.getAttribute("Id");
        if (!wellFormedId(id)) {
            return "ErrorInvalidIdMalformed";
        }
        Folder f = store.folder(id);
        return f == null ? "ErrorItemNotFound" : f;
    }

    private static boolean wellFormedId(String id) {
        try {
            return id.length() >= 20 && Base64.getDecoder().decode(id).length >= 12;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String errorText(String code) {
        return switch (code) {
            case "ErrorInvalidIdMalformed" -> "Id is malformed.";
            case "ErrorItemNotFound" -> "The specified object was not found in the store., The process failed to get the correct properties.";
            case "ErrorFolderNotFound" -> "The specified folder could not be found in the store.";
            case "ErrorNonExistentMailbox" -> "The SMTP address has no mailbox associated with it.";
            case "ErrorDeleteDistinguishedFolder" -> "Distinguished folders cannot be deleted.";
            case "ErrorFolderExists" -> "A folder with the specified name already exists.";
            case "ErrorIrresolvableConflict" -> "The send or update operation could not be performed because the change key passed in the"
                    + " request does not match the current change key for the item., Cannot save changes made to an item to store."
                    + "SaveStatus: IrresolvableConflict";
            case "ErrorInvalidRecipients" -> "At least one recipient isn't valid.";
            case "ErrorMessageDispositionRequired" -> "MessageDisposition attribute is required.";
            default -> code;
        };
    }

    private void writeFolder(SoapOut out, Folder f, boolean idOnly) {
        String element = switch (f.folderClass) {
            case "IPF.Appointment" -> "t:CalendarFolder";
            case "IPF.Contact" -> "t:ContactsFolder";
            case "IPF.Task" -> "t:TasksFolder";
            default -> "t:Folder";
        };
        out.open(element).empty("t:FolderId", "Id", f.id, "ChangeKey", f.changeKey);
        if (!idOnly) {
            if (f.parentId != null) {
                Folder parent = store.folder(f.parentId);
                out.empty("t:ParentFolderId", "Id", f.parentId, "ChangeKey", parent == null ? "AQAAAA==" : parent.changeKey);
            }
            if (!f.folderClass.isEmpty()) {
                out.element("t:FolderClass", f.folderClass);
            }
            int unread = 0;
            List<Item> items = store.itemsIn(f);
            for (Item i : items) {
                unread += i.isRead ? 0 : 1;
            }
            out.element("t:DisplayName", f.displayName).element("t:TotalCount", Integer.toString(items.size()))
                    .element("t:ChildFolderCount", Integer.toString(store.children(f, false).size()));
            if (element.equals("t:Folder")) {
                out.element("t:UnreadCount", Integer.toString(unread));
            }
        }
        out.close(element);
    }

    private static boolean idOnlyShape(Element op, String shapeName) {
        Element shape = child(op, MESSAGES, shapeName);
        return shape != null && "IdOnly".equals(text(child(shape, TYPES, "BaseShape"))) && child(shape, TYPES, "AdditionalProperties") == null;
    }

    private String getFolder(Context ctx, Element op) {
        boolean idOnly = idOnlyShape(op, "FolderShape");
        SoapOut out = SoapOut.response("GetFolder");
        for (Element id : children(child(op, MESSAGES, "FolderIds"))) {
            if (busy(out, ctx, "GetFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("GetFolder", code, errorText(code)).raw("<m:Folders/>").endMessage("GetFolder");
            } else {
                out.success("GetFolder").open("m:Folders");
                writeFolder(out, (Folder) f, idOnly);
                out.close("m:Folders").endMessage("GetFolder");
            }
        }
        return out.endResponse("GetFolder");
    }

    private String findFolder(Context ctx, Element op) {
        boolean deep = "Deep".equals(op.getAttribute("Traversal"));
        boolean idOnly = idOnlyShape(op, "FolderShape");
        Element view = child(op, MESSAGES, "IndexedPageFolderView");
        SoapOut out = SoapOut.response("FindFolder");
        for (Element id : children(child(op, MESSAGES, "ParentFolderIds"))) {
            if (busy(out, ctx, "FindFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("FindFolder", code, errorText(code)).endMessage("FindFolder");
                continue;
            }
            List<Folder> all = store.children((Folder) f, deep);
            page(out, "FindFolder", view, all, "t:Folders", folder -> writeFolder(out, folder, idOnly));
        }
        return out.endResponse("FindFolder");
    }

    private static <T> void page(SoapOut out, String op, @Nullable Element view, List<T> all, String listElement,
                                 java.util.function.Consumer<T> write) {
        int offset = view == null ? 0 : Integer.parseInt(view.getAttribute("Offset"));
        int max = view == null || view.getAttribute("MaxEntriesReturned").isEmpty() ? Integer.MAX_VALUE
                : Integer.parseInt(view.getAttribute("MaxEntriesReturned"));
        if (view != null && "End".equals(view.getAttribute("BasePoint"))) {
            List<T> reversed = new ArrayList<>(all);
            Collections.reverse(reversed);
            all = reversed;
        }
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + max, all.size());
        out.success(op).open("m:RootFolder", "IndexedPagingOffset", Integer.toString(to), "TotalItemsInView", Integer.toString(all.size()),
                "IncludesLastItemInRange", Boolean.toString(to >= all.size()));
        out.open(listElement);
        all.subList(from, to).forEach(write);
        out.close(listElement).close("m:RootFolder").endMessage(op);
    }

    private String createFolder(Context ctx, Element op) {
        SoapOut out = SoapOut.response("CreateFolder");
        Object parent = resolveFolder(ctx, children(child(op, MESSAGES, "ParentFolderId")).get(0));
        for (Element folder : children(child(op, MESSAGES, "Folders"))) {
            if (busy(out, ctx, "CreateFolder")) {
                continue;
            }
            if (parent instanceof String code) {
                out.error("CreateFolder", code, errorText(code)).raw("<m:Folders/>").endMessage("CreateFolder");
                continue;
            }
            String name = text(child(folder, TYPES, "DisplayName"));
            boolean exists = store.children((Folder) parent, false).stream().anyMatch(f -> f.displayName.equalsIgnoreCase(name));
            if (exists) {
                out.error("CreateFolder", "ErrorFolderExists", errorText("ErrorFolderExists")).raw("<m:Folders/>").endMessage("CreateFolder");
                continue;
            }
            String folderClass = child(folder, TYPES, "FolderClass") != null ? text(child(folder, TYPES, "FolderClass")) : "IPF.Note";
            Folder created = store.createFolder((Folder) parent, name, folderClass);
            out.success("CreateFolder").open("m:Folders");
            writeFolder(out, created, true);
            out.close("m:Folders").endMessage("CreateFolder");
        }
        return out.endResponse("CreateFolder");
    }

    private String deleteFolder(Context ctx, Element op) {
        String type = op.getAttribute("DeleteType");
        SoapOut out = SoapOut.response("DeleteFolder");
        for (Element id : children(child(op, MESSAGES, "FolderIds"))) {
            if (busy(out, ctx, "DeleteFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("DeleteFolder", code, errorText(code)).endMessage("DeleteFolder");
            } else if (((Folder) f).distinguishedName != null) {
                out.error("DeleteFolder", "ErrorDeleteDistinguishedFolder", errorText("ErrorDeleteDistinguishedFolder")).endMessage("DeleteFolder");
            } else {
                Folder folder = (Folder) f;
                if (type.equals("MoveToDeletedItems")) {
                    Folder deleted = store.distinguished(folder.mailbox, "deleteditems");
                    folder.parentId = deleted == null ? folder.parentId : deleted.id;
                    folder.changeKey = store.newChangeKey();
                } else {
                    store.deleteFolder(folder);
                }
                out.success("DeleteFolder").endMessage("DeleteFolder");
            }
        }
        return out.endResponse("DeleteFolder");
    }

    private String createItem(Context ctx, Element op) {
        String disposition = op.getAttribute("MessageDisposition");
        Element savedTo = child(op, MESSAGES, "SavedItemFolderId");
        SoapOut out = SoapOut.response("CreateItem");
        for (Element item : children(child(op, MESSAGES, "Items"))) {
            if (busy(out, ctx, "CreateItem")) {
                continue;
            }
            byte[] mime = mimeOf(item);
            boolean sending = disposition.equals("SendOnly") || disposition.equals("SendAndSaveCopy");
            if (sending) {
                if (!hasRecipients(mime)) {
                    out.error("CreateItem", "ErrorInvalidRecipients", errorText("ErrorInvalidRecipients")).raw("<m:Items/>").endMessage("CreateItem");
                    continue;
                }
                sent.accept(new MockExchange.SentMessage(ctx.mailbox().smtp, disposition, mime));
                if (disposition.equals("SendAndSaveCopy")) {
                    Object folder = savedTo == null ? store.distinguished(ctx.mailbox(), "sentitems") : resolveFolder(ctx, children(savedTo).get(0));
                    if (folder instanceof Folder f) {
                        store.addItem(f, mime, false);
                    }
                }
                out.success("CreateItem").raw("<m:Items/>").endMessage("CreateItem");
                continue;
            }
            Object folder = savedTo == null ? store.distinguished(ctx.mailbox(), "drafts") : resolveFolder(ctx, children(savedTo).get(0));
            if (folder instanceof String code) {
                out.error("CreateItem", code, errorText(code)).raw("<m:Items/>").endMessage("CreateItem");
                continue;
            }
            Item stored = store.addItem((Folder) folder, mime, isDraft(item));
            out.success("CreateItem").open("m:Items").open("t:Message").empty("t:ItemId", "Id", stored.id, "ChangeKey", stored.changeKey)
                    .close("t:Message").close("m:Items").endMessage("CreateItem");
        }
        return out.endResponse("CreateItem");
    }

    private static byte[] mimeOf(Element item) {
        Element mime = child(item, TYPES, "MimeContent");
        if (mime != null) {
            return Base64.getMimeDecoder().decode(text(mime));
        }
        String subject = text(child(item, TYPES, "Subject"));
        return ("Subject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Exchange shows an item created by SaveOnly as a draft unless PR_MESSAGE_FLAGS (0x0E07) says it was sent. */
    private static boolean isDraft(Element item) {
        for (Element e : children(item)) {
            if ("ExtendedProperty".equals(e.getLocalName())) {
                Element uri = child(e, TYPES, "ExtendedFieldURI");
                String tag = uri == null ? "" : uri.getAttribute("PropertyTag").toLowerCase(Locale.ROOT);
                if (tag.equals("3591") || tag.equals("0x0e07") || tag.equals("0xe07")) {
                    int flags = Integer.parseInt(text(child(e, TYPES, "Value")));
                    return (flags & 0x8) != 0;
                }
            }
        }
        return true;
    }

    private static boolean hasRecipients(byte[] mime) {
        try {
            MimeMessage m = new MimeMessage(MAIL, new ByteArrayInputStream(mime));
            return m.getAllRecipients() != null && m.getAllRecipients().length > 0;
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private @Nullable Item ownItem(Context ctx, String id) {
        Item item = store.item(id);
        if (item == null) {
            return null;
        }
        Folder f = store.folder(item.folderId);
        return f != null && f.mailbox == ctx.mailbox() ? item : null;
    }

    private String itemError(String id) {
        return wellFormedId(id) ? "ErrorItemNotFound" : "ErrorInvalidIdMalformed";
    }

    private String getItem(Context ctx, Element op) {
        Element shape = child(op, MESSAGES, "ItemShape");
        boolean mime = "true".equals(text(child(shape, TYPES, "IncludeMimeContent")));
        boolean idOnly = idOnlyShape(op, "ItemShape");
        SoapOut out = SoapOut.response("GetItem");
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, "GetItem")) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("GetItem", code, errorText(code)).raw("<m:Items/>").endMessage("GetItem");
                continue;
            }
            out.success("GetItem").open("m:Items");
            writeItem(out, ctx, item, mime, !idOnly, true);
            out.close("m:Items").endMessage("GetItem");
        }
        return out.endResponse("GetItem");
    }

    private void writeItem(SoapOut out, Context ctx, Item item, boolean mime, boolean full, boolean attachments) {
        out.open("t:Message");
        if (mime) {
            out.open("t:MimeContent", "CharacterSet", "UTF-8").raw(Base64.getEncoder().encodeToString(item.mime)).close("t:MimeContent");
        }
        out.empty("t:ItemId", "Id", item.id, "ChangeKey", item.changeKey);
        if (full) {
            Folder f = store.folder(item.folderId);
            out.empty("t:ParentFolderId", "Id", item.folderId, "ChangeKey", f == null ? "AQAAAA==" : f.changeKey)
                    .element("t:ItemClass", "IPM.Note");
            String subject = SoapOut.escape(item.subject) + (ctx.illegalRefs() ? "&#x1;&#0;&#x1F;" : "");
            out.raw("<t:Subject>" + subject + "</t:Subject>").element("t:Sensitivity", item.sensitivity);
            if (attachments && !item.attachments.isEmpty()) {
                out.open("t:Attachments");
                for (MockStore.Attachment a : item.attachments) {
                    out.open("t:FileAttachment").empty("t:AttachmentId", "Id", a.id).element("t:Name", a.name)
                            .element("t:ContentType", a.contentType);
                    if (a.contentId != null) {
                        out.element("t:ContentId", a.contentId);
                    }
                    out.element("t:Size", Integer.toString(a.content.length))
                            .element("t:LastModifiedTime", UTC.format(item.received).replace("Z", ""))
                            .element("t:IsInline", Boolean.toString(a.inline)).element("t:IsContactPhoto", "false")
                            .close("t:FileAttachment");
                }
                out.close("t:Attachments");
            }
            out.element("t:DateTimeReceived", UTC.format(item.received)).element("t:Size", Integer.toString(item.mime.length));
            if (!item.categories.isEmpty()) {
                out.open("t:Categories");
                item.categories.forEach(c -> out.element("t:String", c));
                out.close("t:Categories");
            }
            out.element("t:Importance", item.importance).element("t:IsDraft", Boolean.toString(item.isDraft))
                    .element("t:HasAttachments", Boolean.toString(item.attachments.stream().anyMatch(a -> !a.inline)));
            if (item.fromAddress != null) {
                out.open("t:From").open("t:Mailbox");
                if (item.fromName != null) {
                    out.element("t:Name", item.fromName);
                }
                out.element("t:EmailAddress", item.fromAddress).element("t:RoutingType", "SMTP").close("t:Mailbox").close("t:From");
            }
            out.element("t:IsRead", Boolean.toString(item.isRead));
        }
        out.close("t:Message");
    }

    private String getAttachment(Context ctx, Element op) {
        SoapOut out = SoapOut.response("GetAttachment");
        for (Element id : children(child(op, MESSAGES, "AttachmentIds"))) {
            if (busy(out, ctx, "GetAttachment")) {
                continue;
            }
            MockStore.Attachment a = store.attachment(id.getAttribute("Id"));
            if (a == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("GetAttachment", code, errorText(code)).raw("<m:Attachments/>").endMessage("GetAttachment");
                continue;
            }
            out.success("GetAttachment").open("m:Attachments").open("t:FileAttachment").empty("t:AttachmentId", "Id", a.id)
                    .element("t:Name", a.name).element("t:ContentType", a.contentType);
            if (a.contentId != null) {
                out.element("t:ContentId", a.contentId);
            }
            out.element("t:Size", Integer.toString(a.content.length)).element("t:IsInline", Boolean.toString(a.inline))
                    .element("t:IsContactPhoto", "false")
                    .open("t:Content").raw(Base64.getEncoder().encodeToString(a.content)).close("t:Content")
                    .close("t:FileAttachment").close("m:Attachments").endMessage("GetAttachment");
        }
        return out.endResponse("GetAttachment");
    }

    private String copyOrMove(Context ctx, Element op, boolean move) {
        String name = move ? "MoveItem" : "CopyItem";
        Object target = resolveFolder(ctx, children(child(op, MESSAGES, "ToFolderId")).get(0));
        boolean returnIds = !"false".equals(text(child(op, MESSAGES, "ReturnNewItemIds")));
        SoapOut out = SoapOut.response(name);
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, name)) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null || target instanceof String) {
                String code = item == null ? itemError(id.getAttribute("Id")) : (String) target;
                out.error(name, code, errorText(code)).raw("<m:Items/>").endMessage(name);
                continue;
            }
            Folder to = (Folder) target;
            Item copy = store.copy(item, to);
            if (move) {
                store.remove(item);
            }
            // Into another mailbox Exchange creates the item but cannot return its id.
            if (returnIds && to.mailbox == ctx.mailbox()) {
                out.success(name).open("m:Items").open("t:Message").empty("t:ItemId", "Id", copy.id, "ChangeKey", copy.changeKey)
                        .close("t:Message").close("m:Items").endMessage(name);
            } else {
                out.success(name).raw("<m:Items/>").endMessage(name);
            }
        }
        return out.endResponse(name);
    }

    private String deleteItem(Context ctx, Element op) {
        String type = op.getAttribute("DeleteType");
        SoapOut out = SoapOut.response("DeleteItem");
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, "DeleteItem")) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("DeleteItem", code, errorText(code)).endMessage("DeleteItem");
                continue;
            }
            switch (type) {
                case "MoveToDeletedItems" -> {
                    Folder deleted = store.distinguished(ctx.mailbox(), "deleteditems");
                    item.folderId = deleted.id;
                    item.changeKey = store.newChangeKey();
                }
                case "SoftDelete" -> {
                    Folder dumpster = store.distinguished(ctx.mailbox(), "recoverableitemsdeletions");
                    item.folderId = dumpster.id;
                    item.changeKey = store.newChangeKey();
                }
                default -> store.remove(item);
            }
            out.success("DeleteItem").endMessage("DeleteItem");
        }
        return out.endResponse("DeleteItem");
    }

    private String updateItem(Context ctx, Element op) {
        String conflict = op.getAttribute("ConflictResolution");
        String disposition = op.getAttribute("MessageDisposition");
        SoapOut out = SoapOut.response("UpdateItem");
        for (Element change : children(child(op, MESSAGES, "ItemChanges"))) {
            if (busy(out, ctx, "UpdateItem")) {
                continue;
            }
            Element idElement = child(change, TYPES, "ItemId");
            String id = idElement == null ? "" : idElement.getAttribute("Id");
            Item item = ownItem(ctx, id);
            String code = null;
            if (item == null) {
                code = itemError(id);
            } else if (disposition.isEmpty()) {
                code = "ErrorMessageDispositionRequired";
            } else if (idElement.hasAttribute("ChangeKey") && !idElement.getAttribute("ChangeKey").equals(item.changeKey)
                    && conflict.equals("NeverOverwrite")) {
                code = "ErrorIrresolvableConflict";
            }
            if (code != null) {
                out.error("UpdateItem", code, errorText(code)).raw("<m:Items/>").endMessage("UpdateItem");
                continue;
            }
            for (Element update : children(child(change, TYPES, "Updates"))) {
                apply(item, update);
            }
            item.changeKey = store.newChangeKey();
            out.success("UpdateItem").open("m:Items").open("t:Message").empty("t:ItemId", "Id", item.id, "ChangeKey", item.changeKey)
                    .close("t:Message").close("m:Items").open("m:ConflictResults").element("t:Count", "0").close("m:ConflictResults")
                    .endMessage("UpdateItem");
        }
        return out.endResponse("UpdateItem");
    }

    private void apply(Item item, Element update) {
        String kind = update.getLocalName();
        Element uri = child(update, TYPES, "FieldURI");
        String field = uri == null ? "" : uri.getAttribute("FieldURI");
        Element holder = null;
        for (Element e : children(update)) {
            if (!"FieldURI".equals(e.getLocalName()) && !"ExtendedFieldURI".equals(e.getLocalName())
                    && !"IndexedFieldURI".equals(e.getLocalName())) {
                holder = e;
            }
        }
        Element value = holder == null || children(holder).isEmpty() ? null : children(holder).get(0);
        boolean delete = kind.equals("DeleteItemField");
        boolean append = kind.equals("AppendToItemField");
        switch (field) {
            case "item:Subject" -> store.rewriteSubject(item, delete ? "" : text(value));
            case "message:IsRead" -> item.isRead = !delete && Boolean.parseBoolean(text(value));
            case "item:Importance" -> item.importance = delete ? "Normal" : text(value);
            case "item:Sensitivity" -> item.sensitivity = delete ? "Normal" : text(value);
            case "item:Categories" -> {
                List<String> values = new ArrayList<>();
                if (value != null) {
                    children(value).forEach(s -> values.add(s.getTextContent()));
                }
                if (delete) {
                    item.categories.clear();
                } else if (append) {
                    item.categories.addAll(values);
                } else {
                    item.categories = values;
                }
            }
            case "item:Body" -> item.appendedBody = delete ? "" : (append ? item.appendedBody : "") + text(value);
            default -> {
                // Recipients and receipt flags: accepted; the mock keeps what its MIME says.
            }
        }
    }

    private String findItem(Context ctx, Element op) {
        Element view = child(op, MESSAGES, "IndexedPageItemView");
        boolean idOnly = idOnlyShape(op, "ItemShape");
        boolean descending = false;
        Element sort = child(op, MESSAGES, "SortOrder");
        if (sort != null && !children(sort).isEmpty()) {
            descending = "Descending".equals(children(sort).get(0).getAttribute("Order"));
        }
        String traversal = op.getAttribute("Traversal");
        SoapOut out = SoapOut.response("FindItem");
        for (Element id : children(child(op, MESSAGES, "ParentFolderIds"))) {
            if (busy(out, ctx, "FindItem")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("FindItem", code, errorText(code)).endMessage("FindItem");
                continue;
            }
            List<Item> all = traversal.equals("Shallow") ? new ArrayList<>(store.itemsIn((Folder) f)) : new ArrayList<>();
            all.sort((a, b) -> a.received.compareTo(b.received));
            if (descending) {
                Collections.reverse(all);
            }
            page(out, "FindItem", view, all, "t:Items", item -> writeItem(out, ctx, item, false, !idOnly, false));
        }
        return out.endResponse("FindItem");
    }
}
