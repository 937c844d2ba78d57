package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

public record InitiateMultipartUploadResponse(String bucket, String key, String uploadId, @Nullable String requestId) {
}
