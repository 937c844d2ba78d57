package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/** S3 answers 204 whether or not the object existed; a versioned bucket says what it did. */
public record DeleteObjectResponse(@Nullable String versionId, boolean deleteMarker) {
}
