package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/** Reads an object's metadata without its content ({@code HEAD /key}). */
public record HeadObjectRequest(String bucket, String key, @Nullable String versionId) {

    public HeadObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
    }

    public static HeadObjectRequest of(String bucket, String key) {
        return new HeadObjectRequest(bucket, key, null);
    }
}
