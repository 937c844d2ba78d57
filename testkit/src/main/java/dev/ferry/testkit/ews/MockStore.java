package dev.ferry.testkit.ews;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of the mock Exchange: folders (the distinguished ones included) and items, with
 * ids shaped like Exchange's (base64 of a binary entry id) and ChangeKeys that change on every
 * change. Guarded by the store's monitor: the mock serves one request at a time per call, and its
 * tests are small.
 */
final class MockStore {
    static final List<String> DISTINGUISHED = List.of("root", "msgfolderroot", "inbox", "drafts", "sentitems", "outbox",
            "deleteditems", "junkemail", "archive", "calendar", "contacts", "tasks", "notes", "journal", "searchfolders",
            "recoverableitemsroot", "recoverableitemsdeletions", "archivemsgfolderroot");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final AtomicLong sequence = new AtomicLong(0x10000);
    final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();
    final Map<String, Folder> folders = new LinkedHashMap<>();
    final Map<String, Item> items = new LinkedHashMap<>();

    static final class Mailbox {
        final String smtp;
        final Map<String, String> distinguished = new LinkedHashMap<>();

        Mailbox(String smtp) {
            this.smtp = smtp;
        }
    }

    static final class Folder {
        final String id;
        final Mailbox mailbox;
        @Nullable String parentId;
        String displayName;
        String folderClass;
        @Nullable String distinguishedName;
        String changeKey;

        Folder(String id, Mailbox mailbox, @Nullable String parentId, String displayName, String folderClass, String changeKey) {
            this.id = id;
            this.mailbox = mailbox;
            this.parentId = parentId;
            this.displayName = displayName;
            this.folderClass = folderClass;
            this.changeKey = changeKey;
        }
    }

    static final class Attachment {
        final String id;
        final String name;
        final String contentType;
        final @Nullable String contentId;
        final boolean inline;
        final byte[] content;

        Attachment(String id, String name, String contentType, @Nullable String contentId, boolean inline, byte[] content) {
            this.id = id;
            this.name = name;
            this.contentType = contentType;
            this.contentId = contentId;
            this.inline = inline;
            this.content = content;
        }
    }

    static final class Item {
        final String id;
        String folderId;
        String changeKey;
        byte[] mime;
        String subject = "";
        @Nullable String fromName;
        @Nullable String fromAddress;
        boolean isRead;
        boolean isDraft;
        String importance = "Normal";
        String sensitivity = "Normal";
        List<String> categories = new ArrayList<>();
        Instant received;
        List<Attachment> attachments = new ArrayList<>();
        String appendedBody = "";

        Item(String id, String folderId, String changeKey, byte[] mime, Instant received) {
            this.id = id;
            this.folderId = folderId;
            this.changeKey = changeKey;
            this.mime = mime;
            this.received = received;
        }
    }

    /**
     * An id like Exchange's: base64 of a binary entry id ({@code AAMkA...}) whose head says what
     * kind of object it is and whose body is unique.
     */
    private String newId(String mailbox, byte kind) {
        long n = sequence.incrementAndGet();
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(new byte[] {0, 3, 0x24, 0});
        byte[] mb = mailbox.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        int h = java.util.Arrays.hashCode(mb);
        b.putInt(h).putInt(h * 31).putInt(0x2E000000 | (kind & 0xff));
        b.put(kind).putLong(n).putLong(n * 0x9E3779B97F4A7C15L);
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    String newChangeKey() {
        ByteBuffer b = ByteBuffer.allocate(21);
        b.put(new byte[] {9, 0, 0, 0, 0x16}).putLong(sequence.incrementAndGet()).putLong(System.nanoTime());
        return Base64.getEncoder().encodeToString(b.array());
    }

    synchronized Mailbox mailbox(String smtp) {
        String key = smtp.toLowerCase(Locale.ROOT);
        Mailbox existing = mailboxes.get(key);
        if (existing != null) {
            return existing;
        }
        Mailbox m = new Mailbox(smtp);
        mailboxes.put(key, m);
        Folder root = newFolder(m, null, "Root", "", "root");
        Folder top = newFolder(m, root.id, "Top of Information Store", "IPF.Note", "msgfolderroot");
        String[][] children = {{"inbox", "Inbox", "IPF.Note"}, {"drafts", "Drafts", "IPF.Note"}, {"sentitems", "Sent Items", "IPF.Note"},
                {"outbox", "Outbox", "IPF.Note"}, {"deleteditems", "Deleted Items", "IPF.Note"}, {"junkemail", "Junk Email", "IPF.Note"},
                {"archive", "Archive", "IPF.Note"}, {"calendar", "Calendar", "IPF.Appointment"}, {"contacts", "Contacts", "IPF.Contact"},
                {"tasks", "Tasks", "IPF.Task"}, {"notes", "Notes", "IPF.StickyNote"}, {"journal", "Journal", "IPF.Journal"}};
        for (String[] c : children) {
            newFolder(m, top.id, c[1], c[2], c[0]);
        }
        newFolder(m, root.id, "Finder", "", "searchfolders");
        Folder recoverable = newFolder(m, root.id, "Recoverable Items", "", "recoverableitemsroot");
        newFolder(m, recoverable.id, "Deletions", "", "recoverableitemsdeletions");
        return m;
    }

    private Folder newFolder(Mailbox m, @Nullable String parent, String name, String folderClass, @Nullable String distinguished) {
        Folder f = new Folder(newId(m.smtp, (byte) 1), m, parent, name, folderClass, newChangeKey());
        f.distinguishedName = distinguished;
        folders.put(f.id, f);
        if (distinguished != null) {
            m.distinguished.put(distinguished, f.id);
        }
        return f;
    }

    synchronized Folder createFolder(Folder parent, String name, String folderClass) {
        return newFolder(parent.mailbox, parent.id, name, folderClass, null);
    }

    synchronized @Nullable Folder folder(String id) {
        return folders.get(id);
    }

    synchronized @Nullable Folder distinguished(Mailbox m, String name) {
        String id = m.distinguished.get(name.toLowerCase(Locale.ROOT));
        return id == null ? null : folders.get(id);
    }

    synchronized List<Folder> children(Folder parent, boolean deep) {
        List<Folder> out = new ArrayList<>();
        for (Folder f : folders.values()) {
            if (parent.id.equals(f.parentId)) {
                out.add(f);
                if (deep) {
                    out.addAll(children(f, true));
                }
            }
        }
        return out;
    }

    synchronized List<Item> itemsIn(Folder folder) {
        List<Item> out = new ArrayList<>();
        for (Item i : items.values()) {
            if (i.folderId.equals(folder.id)) {
                out.add(i);
            }
        }
        return out;
    }

    synchronized void deleteFolder(Folder folder) {
        for (Folder child : children(folder, true)) {
            itemsIn(child).forEach(i -> items.remove(i.id));
            folders.remove(child.id);
        }
        itemsIn(folder).forEach(i -> items.remove(i.id));
        folders.remove(folder.id);
    }

    /** Stores a message from its MIME, reading subject, sender and attachments with Jakarta Mail. */
    synchronized Item addItem(Folder folder, byte[] mime, boolean draft) {
        Item item = new Item(newId(folder.mailbox.smtp, (byte) 2), folder.id, newChangeKey(), mime,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        item.isDraft = draft;
        item.isRead = !draft;
        readMime(item);
        items.put(item.id, item);
        return item;
    }

    synchronized Item copy(Item source, Folder target) {
        Item copy = new Item(newId(target.mailbox.smtp, (byte) 2), target.id, newChangeKey(), source.mime, source.received);
        copy.subject = source.subject;
        copy.fromName = source.fromName;
        copy.fromAddress = source.fromAddress;
        copy.isRead = source.isRead;
        copy.isDraft = source.isDraft;
        copy.importance = source.importance;
        copy.sensitivity = source.sensitivity;
        copy.categories = new ArrayList<>(source.categories);
        copy.appendedBody = source.appendedBody;
        readAttachments(copy);
        items.put(copy.id, copy);
        return copy;
    }

    synchronized @Nullable Item item(String id) {
        return items.get(id);
    }

    synchronized void remove(Item item) {
        items.remove(item.id);
    }

    synchronized @Nullable Attachment attachment(String id) {
        for (Item i : items.values()) {
            for (Attachment a : i.attachments) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The subject changed: write it into the MIME as well, as Exchange does. */
    void rewriteSubject(Item item, String subject) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(item.mime));
            m.setSubject(subject, "UTF-8");
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            item.mime = out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("mock: cannot rewrite the subject of " + item.id, e);
        }
        item.subject = subject;
    }

    private void readMime(Item item) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(item.mime));
            item.subject = m.getSubject() == null ? "" : m.getSubject();
            if (m.getFrom() != null && m.getFrom().length > 0 && m.getFrom()[0] instanceof InternetAddress a) {
                item.fromName = a.getPersonal();
                item.fromAddress = a.getAddress();
            }
        } catch (MessagingException e) {
            item.subject = "";
        }
        readAttachments(item);
    }

    private void readAttachments(Item item) {
        item.attachments = new ArrayList<>();
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(item.mime));
            collect(m, item, true);
        } catch (MessagingException | IOException e) {
            // Unreadable MIME is stored as it is, with no attachments: Exchange is as lenient.
        }
    }

    private void collect(Part part, Item item, boolean top) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                collect(child, item, false);
            }
            return;
        }
        String disposition = part.getDisposition();
        String name = part.getFileName();
        if (top || (disposition == null && name == null)) {
            return;
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        String[] ids = part.getHeader("Content-ID");
        String cid = ids == null ? null : ids[0].replaceAll("^<|>$", "");
        String type = part.getContentType() == null ? "application/octet-stream" : part.getContentType().split(";")[0].trim();
        Folder folder = folders.get(item.folderId);
        String attId = newId(folder == null ? "" : folder.mailbox.smtp, (byte) 3);
        item.attachments.add(new Attachment(attId, name == null ? "attachment" : name, type.toLowerCase(Locale.ROOT), cid,
                Part.INLINE.equalsIgnoreCase(disposition), content));
    }
}
