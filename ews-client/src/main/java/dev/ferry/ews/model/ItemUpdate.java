package dev.ferry.ews.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Changes to one message, applied together by UpdateItem. Give the item's ChangeKey (the one it was
 * read with) and {@link ConflictResolution#NEVER_OVERWRITE} to be told, with ErrorIrresolvableConflict,
 * when someone else changed it meanwhile.
 *
 * <pre>{@code
 * ItemUpdate update = ItemUpdate.builder(itemId)
 *         .set(ItemField.SUBJECT, "Re-filed")
 *         .set(ItemField.IS_READ, true)
 *         .append(ItemField.BODY, Body.text("\n-- reviewed"))
 *         .delete(ItemField.CATEGORIES)
 *         .conflictResolution(ConflictResolution.NEVER_OVERWRITE)
 *         .build();
 * }</pre>
 */
public record ItemUpdate(ItemId itemId, List<FieldChange> changes, ConflictResolution conflictResolution,
                         @Nullable FolderId savedItemFolder) {

    public ItemUpdate {
        Objects.requireNonNull(itemId, "itemId");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an update of " + itemId.id() + " needs at least one change");
        }
        Objects.requireNonNull(conflictResolution, "conflictResolution");
    }

    public static Builder builder(ItemId itemId) {
        return new Builder(itemId);
    }

    /** Assembles an update; not thread-safe. */
    public static final class Builder {
        private final ItemId itemId;
        private final List<FieldChange> changes = new ArrayList<>();
        private ConflictResolution conflictResolution = ConflictResolution.AUTO_RESOLVE;
        private @Nullable FolderId savedItemFolder;

        private Builder(ItemId itemId) {
            this.itemId = Objects.requireNonNull(itemId, "itemId");
        }

        public Builder set(ItemField field, Object value) {
            changes.add(new FieldChange(FieldChange.Kind.SET, field, value));
            return this;
        }

        public Builder append(ItemField field, Object value) {
            changes.add(new FieldChange(FieldChange.Kind.APPEND, field, value));
            return this;
        }

        public Builder delete(ItemField field) {
            changes.add(new FieldChange(FieldChange.Kind.DELETE, field, null));
            return this;
        }

        /** AutoResolve unless told otherwise (the EWS default). */
        public Builder conflictResolution(ConflictResolution resolution) {
            this.conflictResolution = Objects.requireNonNull(resolution, "resolution");
            return this;
        }

        /** Where the updated item is saved, when it should move as well. */
        public Builder savedItemFolder(@Nullable FolderId folder) {
            this.savedItemFolder = folder;
            return this;
        }

        public ItemUpdate build() {
            return new ItemUpdate(itemId, changes, conflictResolution, savedItemFolder);
        }
    }
}
