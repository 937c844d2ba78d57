package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

public record CompleteMultipartUploadResponse(@Nullable String location, String bucket, String key, String eTag,
                                              @Nullable String versionId, @Nullable String requestId) {
}
