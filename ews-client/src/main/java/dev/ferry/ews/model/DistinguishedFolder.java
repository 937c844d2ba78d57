package dev.ferry.ews.model;

import java.util.Locale;

/** The well-known folders every mailbox has, addressed by name instead of id. */
public enum DistinguishedFolder {
    ROOT("root"),
    MSG_FOLDER_ROOT("msgfolderroot"),
    INBOX("inbox"),
    DRAFTS("drafts"),
    SENT_ITEMS("sentitems"),
    OUTBOX("outbox"),
    DELETED_ITEMS("deleteditems"),
    JUNK_EMAIL("junkemail"),
    ARCHIVE("archive"),
    CALENDAR("calendar"),
    CONTACTS("contacts"),
    TASKS("tasks"),
    NOTES("notes"),
    JOURNAL("journal"),
    SEARCH_FOLDERS("searchfolders"),
    RECOVERABLE_ITEMS_ROOT("recoverableitemsroot"),
    RECOVERABLE_ITEMS_DELETIONS("recoverableitemsdeletions"),
    ARCHIVE_MSG_FOLDER_ROOT("archivemsgfolderroot");

    private final String wireName;

    DistinguishedFolder(String wireName) {
        this.wireName = wireName;
    }

    /** The name EWS uses: {@code inbox}, {@code sentitems}. */
    public String wireName() {
        return wireName;
    }

    public static DistinguishedFolder fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DistinguishedFolder f : values()) {
            if (f.wireName.equals(lower)) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a distinguished folder Ferry knows");
    }
}
