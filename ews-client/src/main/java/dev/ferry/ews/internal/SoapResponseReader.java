package dev.ferry.ews.internal;

import static dev.ferry.ews.internal.SoapRequests.ERRORS_NS;
import static dev.ferry.ews.internal.SoapRequests.MESSAGES_NS;
import static dev.ferry.ews.internal.SoapRequests.SOAP_NS;
import static dev.ferry.ews.internal.SoapRequests.TYPES_NS;

import dev.ferry.core.xml.XmlException;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.ews.model.AttachmentId;
import dev.ferry.ews.model.AttachmentInfo;
import dev.ferry.ews.model.EmailAddress;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.ServerVersion;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a SOAP response (as left by {@link StreamingEnvelope}) into a {@link SoapResponse}. Elements
 * are matched by namespace URI and local name, never by prefix: real servers write {@code s:},
 * {@code m:}, {@code t:}, documentation examples write others. Anything not asked for is skipped.
 */
public final class SoapResponseReader {
    private SoapResponseReader() {
    }

    public static SoapResponse read(byte[] document) {
        ServerVersion version = ServerVersion.UNKNOWN;
        SoapResponse.Fault fault = null;
        List<SoapResponse.Message> messages = new ArrayList<>();
        boolean sawBody = false;
        try (XmlReader x = XmlReader.of(document)) {
            if (!x.nextElement() || !x.is(SOAP_NS, "Envelope")) {
                throw new XmlException("not a SOAP 1.1 envelope: the root is " + (x.depth() == 0 ? "missing" : "{" + x.namespace() + "}" + x.localName()));
            }
            int envelope = x.depth();
            while (x.nextChild(envelope)) {
                if (x.is(SOAP_NS, "Header")) {
                    int header = x.depth();
                    while (x.nextChild(header)) {
                        if (x.is(TYPES_NS, "ServerVersionInfo")) {
                            version = new ServerVersion(intAttr(x, "MajorVersion"), intAttr(x, "MinorVersion"),
                                    intAttr(x, "MajorBuildNumber"), intAttr(x, "MinorBuildNumber"), x.attribute("Version"));
                        }
                        x.skip();
                    }
                } else if (x.is(SOAP_NS, "Body")) {
                    sawBody = true;
                    int body = x.depth();
                    while (x.nextChild(body)) {
                        if (x.is(SOAP_NS, "Fault")) {
                            fault = readFault(x);
                        } else if (x.namespace().equals(MESSAGES_NS) && x.localName().endsWith("Response")) {
                            readResponse(x, messages);
                        } else {
                            x.skip();
                        }
                    }
                } else {
                    x.skip();
                }
            }
        }
        if (!sawBody) {
            throw new XmlException("the SOAP envelope has no Body");
        }
        return new SoapResponse(version, fault, List.copyOf(messages));
    }

    private static int intAttr(XmlReader x, String name) {
        String v = x.attribute(name);
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SoapResponse.Fault readFault(XmlReader x) {
        String code = "";
        String string = "";
        String responseCode = null;
        String message = null;
        Map<String, String> messageXml = Map.of();
        int fault = x.depth();
        while (x.nextChild(fault)) {
            // faultcode, faultstring and detail are unqualified in SOAP 1.1.
            switch (x.localName()) {
                case "faultcode" -> code = x.text().trim();
                case "faultstring" -> string = x.text().trim();
                case "detail" -> {
                    int detail = x.depth();
                    while (x.nextChild(detail)) {
                        if (x.is(ERRORS_NS, "ResponseCode")) {
                            responseCode = x.text().trim();
                        } else if (x.is(ERRORS_NS, "Message")) {
                            message = x.text().trim();
                        } else if (x.localName().equals("MessageXml") && isEws(x.namespace())) {
                            messageXml = readMessageXml(x);
                        } else {
                            x.skip();
                        }
                    }
                }
                default -> x.skip();
            }
        }
        return new SoapResponse.Fault(code, string, responseCode, message, messageXml);
    }

    private static boolean isEws(String namespace) {
        return namespace.equals(TYPES_NS) || namespace.equals(MESSAGES_NS) || namespace.equals(ERRORS_NS);
    }

    /** {@code Value} elements by their Name; other elements (LineNumber, Violation) by local name. */
    private static Map<String, String> readMessageXml(XmlReader x) {
        Map<String, String> values = new LinkedHashMap<>();
        int parent = x.depth();
        while (x.nextChild(parent)) {
            String name = x.localName().equals("Value") && x.attribute("Name") != null ? x.attribute("Name") : x.localName();
            values.merge(name, x.allText().trim(), (a, b) -> a + "\n" + b);
        }
        return values;
    }

    private static void readResponse(XmlReader x, List<SoapResponse.Message> messages) {
        int response = x.depth();
        while (x.nextChild(response)) {
            if (x.is(MESSAGES_NS, "ResponseMessages")) {
                int list = x.depth();
                while (x.nextChild(list)) {
                    messages.add(readMessage(x));
                }
            } else {
                x.skip();
            }
        }
    }

    private static SoapResponse.Message readMessage(XmlReader x) {
        String element = x.localName();
        String responseClass = x.attribute("ResponseClass");
        String code = null;
        String text = null;
        Map<String, String> messageXml = Map.of();
        List<ItemInfo> items = new ArrayList<>();
        List<Folder> folders = new ArrayList<>();
        List<AttachmentInfo> attachments = new ArrayList<>();
        SoapResponse.Paging paging = null;
        int message = x.depth();
        while (x.nextChild(message)) {
            if (!x.namespace().equals(MESSAGES_NS)) {
                x.skip();
                continue;
            }
            switch (x.localName()) {
                case "ResponseCode" -> code = x.text().trim();
                case "MessageText" -> text = x.text().trim();
                case "MessageXml" -> messageXml = readMessageXml(x);
                case "Items" -> readItems(x, items);
                case "Folders" -> readFolders(x, folders);
                case "Attachments" -> readAttachments(x, attachments);
                case "RootFolder" -> {
                    paging = new SoapResponse.Paging(intAttr(x, "IndexedPagingOffset"), intAttr(x, "TotalItemsInView"),
                            Boolean.parseBoolean(x.attribute("IncludesLastItemInRange")));
                    int root = x.depth();
                    while (x.nextChild(root)) {
                        if (x.is(TYPES_NS, "Items")) {
                            readItems(x, items);
                        } else if (x.is(TYPES_NS, "Folders")) {
                            readFolders(x, folders);
                        } else {
                            x.skip();
                        }
                    }
                }
                default -> x.skip();
            }
        }
        if (responseClass == null) {
            responseClass = code == null || code.equals("NoError") ? "Success" : "Error";
        }
        return new SoapResponse.Message(element, responseClass, code == null ? "NoError" : code, text, messageXml,
                List.copyOf(items), List.copyOf(folders), List.copyOf(attachments), paging);
    }

    private static void readItems(XmlReader x, List<ItemInfo> items) {
        int list = x.depth();
        while (x.nextChild(list)) {
            ItemInfo item = readItem(x);
            if (item != null) {
                items.add(item);
            }
        }
    }

    /** An item; null when it carries no id (an item copied into another mailbox comes back so). */
    private static @Nullable ItemInfo readItem(XmlReader x) {
        String type = x.localName();
        ItemId id = null;
        FolderId.Id parent = null;
        String itemClass = null;
        String subject = null;
        EmailAddress from = null;
        Instant received = null;
        long size = -1;
        boolean hasAttachments = false;
        Boolean isRead = null;
        List<String> categories = new ArrayList<>();
        List<AttachmentInfo> attachments = new ArrayList<>();
        int item = x.depth();
        while (x.nextChild(item)) {
            if (!x.namespace().equals(TYPES_NS)) {
                x.skip();
                continue;
            }
            switch (x.localName()) {
                case "ItemId" -> {
                    String value = x.attribute("Id");
                    if (value != null && !value.isBlank()) {
                        id = new ItemId(value, x.attribute("ChangeKey"));
                    }
                    x.skip();
                }
                case "ParentFolderId" -> parent = readFolderId(x);
                case "ItemClass" -> itemClass = x.text();
                case "Subject" -> subject = x.text();
                case "DateTimeReceived" -> received = instant(x.text());
                case "Size" -> size = parseLong(x.text());
                case "HasAttachments" -> hasAttachments = Boolean.parseBoolean(x.text().trim());
                case "IsRead" -> isRead = Boolean.parseBoolean(x.text().trim());
                case "Categories" -> {
                    int cats = x.depth();
                    while (x.nextChild(cats)) {
                        categories.add(x.text());
                    }
                }
                case "From" -> from = readSingleMailbox(x);
                case "Attachments" -> readAttachments(x, attachments);
                default -> x.skip();
            }
        }
        if (id == null) {
            return null;
        }
        return new ItemInfo(id, type, parent, itemClass, subject, from, received, size, hasAttachments, isRead, categories, attachments);
    }

    private static FolderId.@Nullable Id readFolderId(XmlReader x) {
        String id = x.attribute("Id");
        String changeKey = x.attribute("ChangeKey");
        x.skip();
        return id == null || id.isBlank() ? null : new FolderId.Id(id, changeKey);
    }

    private static @Nullable EmailAddress readSingleMailbox(XmlReader x) {
        EmailAddress result = null;
        int from = x.depth();
        while (x.nextChild(from)) {
            if (x.is(TYPES_NS, "Mailbox")) {
                String name = null;
                String address = null;
                int mailbox = x.depth();
                while (x.nextChild(mailbox)) {
                    if (x.is(TYPES_NS, "Name")) {
                        name = x.text();
                    } else if (x.is(TYPES_NS, "EmailAddress")) {
                        address = x.text();
                    } else {
                        x.skip();
                    }
                }
                if (address != null && !address.isBlank()) {
                    result = new EmailAddress(address, name);
                }
            } else {
                x.skip();
            }
        }
        return result;
    }

    private static void readAttachments(XmlReader x, List<AttachmentInfo> attachments) {
        int list = x.depth();
        while (x.nextChild(list)) {
            boolean itemAttachment = x.localName().equals("ItemAttachment");
            String id = null;
            String name = null;
            String contentType = null;
            String contentId = null;
            long size = -1;
            boolean inline = false;
            int attachment = x.depth();
            while (x.nextChild(attachment)) {
                if (!x.namespace().equals(TYPES_NS)) {
                    x.skip();
                    continue;
                }
                switch (x.localName()) {
                    case "AttachmentId" -> {
                        id = x.attribute("Id");
                        x.skip();
                    }
                    case "Name" -> name = x.text();
                    case "ContentType" -> contentType = x.text();
                    case "ContentId" -> contentId = x.text();
                    case "Size" -> size = parseLong(x.text());
                    case "IsInline" -> inline = Boolean.parseBoolean(x.text().trim());
                    default -> x.skip();
                }
            }
            if (id != null && !id.isBlank()) {
                attachments.add(new AttachmentInfo(new AttachmentId(id), name == null ? "" : name, contentType, size, inline,
                        contentId, itemAttachment));
            }
        }
    }

    private static void readFolders(XmlReader x, List<Folder> folders) {
        int list = x.depth();
        while (x.nextChild(list)) {
            String type = x.localName();
            FolderId.Id id = null;
            FolderId.Id parent = null;
            String folderClass = null;
            String displayName = null;
            int total = -1;
            int children = -1;
            int unread = -1;
            int folder = x.depth();
            while (x.nextChild(folder)) {
                if (!x.namespace().equals(TYPES_NS)) {
                    x.skip();
                    continue;
                }
                switch (x.localName()) {
                    case "FolderId" -> id = readFolderId(x);
                    case "ParentFolderId" -> parent = readFolderId(x);
                    case "FolderClass" -> folderClass = x.text();
                    case "DisplayName" -> displayName = x.text();
                    case "TotalCount" -> total = (int) parseLong(x.text());
                    case "ChildFolderCount" -> children = (int) parseLong(x.text());
                    case "UnreadCount" -> unread = (int) parseLong(x.text());
                    default -> x.skip();
                }
            }
            if (id != null) {
                folders.add(new Folder(id, parent, type, displayName, folderClass, total, children, unread));
            }
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** EWS writes UTC with a Z, but some servers and properties leave the zone out: read those as UTC. */
    static @Nullable Instant instant(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
