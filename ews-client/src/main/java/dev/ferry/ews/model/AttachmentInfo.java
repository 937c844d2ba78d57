package dev.ferry.ews.model;

import org.jspecify.annotations.Nullable;

/**
 * An attachment as GetItem lists it: metadata and the id to fetch its content with.
 *
 * @param size bytes as Exchange counts them, or -1 when it did not say
 * @param itemAttachment true for an attached item (a forwarded message), whose content is that item's MIME
 */
public record AttachmentInfo(AttachmentId id, String name, @Nullable String contentType, long size, boolean inline,
                             @Nullable String contentId, boolean itemAttachment) {
    public AttachmentInfo {
        if (id == null) {
            throw new IllegalArgumentException("attachment id must not be null");
        }
        name = name == null ? "" : name;
    }
}
