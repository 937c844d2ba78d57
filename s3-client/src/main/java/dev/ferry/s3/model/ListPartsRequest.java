package dev.ferry.s3.model;

/**
 * Lists the parts of a multipart upload; the client pages through all of them.
 *
 * @param pageSize parts per page (1..1000)
 */
public record ListPartsRequest(String bucket, String key, String uploadId, int pageSize) {
    public ListPartsRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        S3Names.uploadId(uploadId);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, was " + pageSize);
        }
    }

    public static ListPartsRequest of(String bucket, String key, String uploadId) {
        return new ListPartsRequest(bucket, key, uploadId, 1000);
    }
}
