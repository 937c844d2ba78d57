package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * Lists the multipart uploads of a bucket that were neither completed nor aborted, all pages.
 *
 * @param pageSize uploads per page (1..1000)
 */
public record ListMultipartUploadsRequest(String bucket, @Nullable String prefix, int pageSize) {
    public ListMultipartUploadsRequest {
        S3Names.bucket(bucket);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, was " + pageSize);
        }
    }

    public static ListMultipartUploadsRequest of(String bucket) {
        return new ListMultipartUploadsRequest(bucket, null, 1000);
    }

    public static ListMultipartUploadsRequest of(String bucket, @Nullable String prefix) {
        return new ListMultipartUploadsRequest(bucket, prefix, 1000);
    }
}
