package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/** Deletes an object ({@code DELETE /key}); deleting a missing object succeeds. */
public record DeleteObjectRequest(String bucket, String key, @Nullable String versionId) {

    public DeleteObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
    }

    public static DeleteObjectRequest of(String bucket, String key) {
        return new DeleteObjectRequest(bucket, key, null);
    }
}
