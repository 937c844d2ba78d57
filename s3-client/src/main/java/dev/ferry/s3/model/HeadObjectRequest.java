package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

public record HeadObjectRequest(String bucket, String key, @Nullable String versionId) {
    public HeadObjectRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
    }

    public static HeadObjectRequest of(String bucket, String key) {
        return new HeadObjectRequest(bucket, key, null);
    }
}
