package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An object as a listing shows it. */
public record S3Object(String key, long size, @Nullable String eTag, @Nullable Instant lastModified,
                       @Nullable String storageClass) {
}
