package dev.ferry.ews.model;

import org.jspecify.annotations.Nullable;

/**
 * A folder as Exchange described it.
 *
 * @param type the EWS element it came as: {@code Folder}, {@code CalendarFolder}, {@code SearchFolder}, ...
 * @param totalCount items in it, or -1 when not returned (likewise the other counts)
 */
public record Folder(FolderId.Id id, FolderId.@Nullable Id parentFolderId, String type, @Nullable String displayName,
                     @Nullable String folderClass, int totalCount, int childFolderCount, int unreadCount) {
    public Folder {
        if (id == null) {
            throw new IllegalArgumentException("folder id must not be null");
        }
        type = type == null ? "Folder" : type;
    }
}
