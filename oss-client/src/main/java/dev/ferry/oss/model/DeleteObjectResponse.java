package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/** @param deleteMarker whether the delete created a delete marker (versioned buckets) */
public record DeleteObjectResponse(@Nullable String requestId, @Nullable String versionId, boolean deleteMarker) {
}
