package dev.ferry.ews.model;

/** The id of an attachment, as GetItem lists it; its content comes from GetAttachment. */
public record AttachmentId(String id) {
    public AttachmentId {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("attachment id must not be blank");
        }
    }

    public static AttachmentId of(String id) {
        return new AttachmentId(id);
    }
}
