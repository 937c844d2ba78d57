package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * One part of a multipart upload. Part numbers are 1..10000 and checked here, before anything is
 * sent; uploading a number again replaces that part.
 *
 * @param contentMd5 base64 MD5 of the part; the server refuses the part (BadDigest) if it differs
 */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber, @Nullable String contentMd5) {
    public UploadPartRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        S3Names.uploadId(uploadId);
        S3Names.partNumber(partNumber);
    }

    public static UploadPartRequest of(String bucket, String key, String uploadId, int partNumber) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, null);
    }

    public UploadPartRequest withContentMd5(@Nullable String base64Md5) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, base64Md5);
    }
}
