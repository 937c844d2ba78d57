package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/**
 * Reads an object ({@code GET /key}).
 *
 * @param range an HTTP byte range such as {@code bytes=0-99}; null for the whole object
 * @param versionId a version of a versioned object; null for the current one
 * @param process an {@code x-oss-process} instruction applied on the fly (image resizing, say)
 */
public record GetObjectRequest(String bucket, String key, @Nullable String range, @Nullable String versionId,
                               @Nullable String process) {

    public GetObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        if (range != null && !range.startsWith("bytes=")) {
            throw new IllegalArgumentException("range must look like 'bytes=first-last', was '" + range + "'");
        }
    }

    public static GetObjectRequest of(String bucket, String key) {
        return new GetObjectRequest(bucket, key, null, null, null);
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public GetObjectRequest withRange(long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("range must satisfy 0 <= first <= last, was " + first + "-" + last);
        }
        return new GetObjectRequest(bucket, key, "bytes=" + first + "-" + last, versionId, process);
    }

    public GetObjectRequest withVersionId(String versionId) {
        return new GetObjectRequest(bucket, key, range, versionId, process);
    }

    public GetObjectRequest withProcess(String process) {
        return new GetObjectRequest(bucket, key, range, versionId, OssNames.process(process));
    }
}
