package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/** @param etag the assembled object's ETag, without quotes */
public record CompleteMultipartUploadResponse(@Nullable String bucket, @Nullable String key, @Nullable String etag,
                                              @Nullable String location, @Nullable String versionId,
                                              @Nullable String crc64, @Nullable String requestId) {
}
