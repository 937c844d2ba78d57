package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An upload in progress, as ListMultipartUploads shows it. */
public record MultipartUpload(String key, String uploadId, @Nullable Instant initiated, @Nullable String storageClass) {
}
