package dev.ferry.oss.model;

/**
 * Uploads one part ({@code PUT /key?partNumber=N&uploadId=...}). Every part but the last must be at
 * least 100 KiB; a part may be at most 5 GiB.
 */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber) {

    public UploadPartRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.uploadId(uploadId);
        OssNames.partNumber(partNumber);
    }

    public static UploadPartRequest of(InitiateMultipartUploadResponse upload, int partNumber) {
        return new UploadPartRequest(upload.bucket(), upload.key(), upload.uploadId(), partNumber);
    }
}
