package dev.ferry.s3.model;

/** Aborts a multipart upload; the stored parts are discarded. */
public record AbortMultipartUploadRequest(String bucket, String key, String uploadId) {
    public AbortMultipartUploadRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        S3Names.uploadId(uploadId);
    }
}
