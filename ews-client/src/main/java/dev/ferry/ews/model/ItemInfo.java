package dev.ferry.ews.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Exchange told about an item: its id and ChangeKey, and the properties Ferry asked for.
 *
 * @param type the EWS element the item came as: {@code Message}, {@code CalendarItem}, {@code Item}, ...
 * @param size bytes, or -1 when not returned
 */
public record ItemInfo(ItemId id, String type, FolderId.@Nullable Id parentFolderId, @Nullable String itemClass,
                       @Nullable String subject, @Nullable EmailAddress from, @Nullable Instant dateTimeReceived, long size,
                       boolean hasAttachments, @Nullable Boolean isRead, List<String> categories,
                       List<AttachmentInfo> attachments) {
    public ItemInfo {
        if (id == null) {
            throw new IllegalArgumentException("item id must not be null");
        }
        type = type == null ? "Item" : type;
        categories = List.copyOf(categories);
        attachments = List.copyOf(attachments);
    }
}
