package dev.ferry.ews.model;

import org.jspecify.annotations.Nullable;

/**
 * The id of an item in a mailbox, with the ChangeKey of the version it was read at. Exchange gives a
 * new ChangeKey on every change; an update with a stale one fails with ErrorIrresolvableConflict.
 */
public record ItemId(String id, @Nullable String changeKey) {
    public ItemId {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("item id must not be blank");
        }
        if (changeKey != null && changeKey.isBlank()) {
            changeKey = null;
        }
    }

    public static ItemId of(String id) {
        return new ItemId(id, null);
    }

    public static ItemId of(String id, @Nullable String changeKey) {
        return new ItemId(id, changeKey);
    }

    /** The same item without a ChangeKey: for operations that should not be tied to one version. */
    public ItemId withoutChangeKey() {
        return changeKey == null ? this : new ItemId(id, null);
    }
}
