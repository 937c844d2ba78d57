package dev.ferry.oss.model;

/** Abandons an upload and frees its parts ({@code DELETE /key?uploadId=...}). */
public record AbortMultipartUploadRequest(String bucket, String key, String uploadId) {

    public AbortMultipartUploadRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.uploadId(uploadId);
    }

    public static AbortMultipartUploadRequest of(InitiateMultipartUploadResponse upload) {
        return new AbortMultipartUploadRequest(upload.bucket(), upload.key(), upload.uploadId());
    }
}
