package dev.ferry.ews.model;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to a {@link MailMessage}. The array is the attachment's: Ferry does not copy it,
 * so do not change it after handing it over.
 *
 * @param fileName the name the recipient sees
 * @param contentType a MIME type such as {@code application/pdf}
 * @param contentId the Content-ID an HTML body refers to ({@code cid:...}) for an inline image, or null
 * @param inline whether it is shown in the body rather than listed as an attachment
 * @param content the bytes
 */
public record MailAttachment(String fileName, String contentType, @Nullable String contentId, boolean inline, byte[] content) {
    public MailAttachment {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("attachment file name must not be blank");
        }
        if (contentType == null || contentType.indexOf('/') <= 0) {
            throw new IllegalArgumentException("attachment " + fileName + ": content type must look like type/subtype, was " + contentType);
        }
        Objects.requireNonNull(content, () -> "content of attachment " + fileName);
    }

    public static MailAttachment of(String fileName, String contentType, byte[] content) {
        return new MailAttachment(fileName, contentType, null, false, content);
    }

    public static MailAttachment inline(String fileName, String contentType, String contentId, byte[] content) {
        return new MailAttachment(fileName, contentType, contentId, true, content);
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailAttachment a && fileName.equals(a.fileName) && contentType.equals(a.contentType)
                && Objects.equals(contentId, a.contentId) && inline == a.inline && Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, contentId, inline) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "MailAttachment[" + fileName + ", " + contentType + ", " + content.length + " bytes"
                + (inline ? ", inline cid:" + contentId : "") + "]";
    }
}
