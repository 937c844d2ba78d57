package dev.ferry.ews.model;

import org.jspecify.annotations.Nullable;

/**
 * A folder: either by its id, or by its well-known name ({@code FolderId.INBOX}), optionally in
 * another mailbox than the one the client acts as.
 *
 * <pre>{@code
 * FolderId.of(DistinguishedFolder.SENT_ITEMS)
 * FolderId.of(DistinguishedFolder.INBOX, "shared@contoso.com")
 * FolderId.of(folder.id().id())
 * }</pre>
 */
public sealed interface FolderId {
    FolderId INBOX = new Distinguished(DistinguishedFolder.INBOX, null);
    FolderId DRAFTS = new Distinguished(DistinguishedFolder.DRAFTS, null);
    FolderId SENT_ITEMS = new Distinguished(DistinguishedFolder.SENT_ITEMS, null);
    FolderId DELETED_ITEMS = new Distinguished(DistinguishedFolder.DELETED_ITEMS, null);
    FolderId MSG_FOLDER_ROOT = new Distinguished(DistinguishedFolder.MSG_FOLDER_ROOT, null);

    static FolderId of(String id) {
        return new Id(id, null);
    }

    static FolderId of(String id, @Nullable String changeKey) {
        return new Id(id, changeKey);
    }

    static FolderId of(DistinguishedFolder folder) {
        return new Distinguished(folder, null);
    }

    static FolderId of(DistinguishedFolder folder, @Nullable String mailbox) {
        return new Distinguished(folder, mailbox);
    }

    /** A folder by its id (and the ChangeKey of the version it was read at, if known). */
    record Id(String id, @Nullable String changeKey) implements FolderId {
        public Id {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("folder id must not be blank");
            }
            if (changeKey != null && changeKey.isBlank()) {
                changeKey = null;
            }
        }
    }

    /** A well-known folder, in the client's mailbox or, with {@code mailbox}, in another one. */
    record Distinguished(DistinguishedFolder folder, @Nullable String mailbox) implements FolderId {
        public Distinguished {
            if (folder == null) {
                throw new IllegalArgumentException("distinguished folder must not be null");
            }
            if (mailbox != null && mailbox.isBlank()) {
                mailbox = null;
            }
        }
    }
}
