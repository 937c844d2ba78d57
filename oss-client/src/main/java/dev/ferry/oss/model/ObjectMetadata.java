package dev.ferry.oss.model;

import dev.ferry.core.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What OSS says about an object (from GetObject or HeadObject).
 *
 * @param contentLength the length of this answer's content (of the range, for a ranged read), -1 if unknown
 * @param etag without quotes
 * @param objectType {@code Normal}, {@code Multipart}, {@code Appendable} or {@code Symlink}
 * @param crc64 {@code x-oss-hash-crc64ecma} of the whole object
 * @param userMetadata the {@code x-oss-meta-*} headers, names in lower case without the prefix
 * @param headers every header of the answer
 */
public record ObjectMetadata(int statusCode, @Nullable String requestId, long contentLength, @Nullable String contentType,
                             @Nullable String etag, @Nullable Instant lastModified, @Nullable String versionId,
                             @Nullable String objectType, @Nullable String storageClass, @Nullable String crc64,
                             Map<String, String> userMetadata, HttpHeaders headers) {
    public ObjectMetadata {
        userMetadata = Map.copyOf(userMetadata);
    }
}
