package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

public record DeleteObjectRequest(String bucket, String key, @Nullable String versionId) {
    public DeleteObjectRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
    }

    public static DeleteObjectRequest of(String bucket, String key) {
        return new DeleteObjectRequest(bucket, key, null);
    }
}
