package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/**
 * @param etag the object's ETag, without quotes
 * @param crc64 {@code x-oss-hash-crc64ecma}: the CRC-64/ECMA of the stored bytes, as OSS computed it
 */
public record PutObjectResponse(@Nullable String requestId, @Nullable String etag, @Nullable String versionId,
                                @Nullable String crc64) {
}
