package dev.ferry.oss.model;

/**
 * Lists the parts uploaded so far ({@code GET /key?uploadId=...}), page by page as the subscriber asks.
 *
 * @param pageSize parts per request, 1..1000
 */
public record ListPartsRequest(String bucket, String key, String uploadId, int pageSize) {

    public ListPartsRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.uploadId(uploadId);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, was " + pageSize);
        }
    }

    public static ListPartsRequest of(String bucket, String key, String uploadId) {
        return new ListPartsRequest(bucket, key, uploadId, 1000);
    }

    public static ListPartsRequest of(InitiateMultipartUploadResponse upload) {
        return of(upload.bucket(), upload.key(), upload.uploadId());
    }

    public ListPartsRequest withPageSize(int pageSize) {
        return new ListPartsRequest(bucket, key, uploadId, pageSize);
    }
}
