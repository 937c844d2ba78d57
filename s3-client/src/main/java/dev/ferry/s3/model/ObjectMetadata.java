package dev.ferry.s3.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What HeadObject and GetObject say about an object.
 *
 * @param contentLength bytes in this response's body (for a range, the range's length)
 * @param contentRange for a ranged GET, {@code bytes 0-99/1234}
 * @param metadata user metadata ({@code x-amz-meta-*}), names lower case without the prefix
 * @param checksum a flexible checksum, when the server returned one
 */
public record ObjectMetadata(
        long contentLength,
        @Nullable String contentType,
        @Nullable String eTag,
        @Nullable Instant lastModified,
        @Nullable String versionId,
        @Nullable String storageClass,
        @Nullable String contentRange,
        @Nullable String contentEncoding,
        @Nullable String cacheControl,
        @Nullable String contentDisposition,
        @Nullable String serverSideEncryption,
        Map<String, String> metadata,
        @Nullable ObjectChecksum checksum,
        @Nullable String requestId) {

    public ObjectMetadata {
        metadata = Map.copyOf(metadata);
    }

    /**
     * The size of the whole object: the total of a Content-Range when there is one, else the
     * content length.
     */
    public long objectSize() {
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0 && slash + 1 < contentRange.length() && contentRange.charAt(slash + 1) != '*') {
                return Long.parseLong(contentRange.substring(slash + 1).trim());
            }
        }
        return contentLength;
    }
}
