package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * @param eTag the entity tag, with its quotes as S3 sends it
 * @param versionId the new version, when the bucket is versioned
 * @param checksum the flexible checksum the server stored, when it returned one
 */
public record PutObjectResponse(String eTag, @Nullable String versionId, @Nullable ObjectChecksum checksum, @Nullable String requestId) {
}
