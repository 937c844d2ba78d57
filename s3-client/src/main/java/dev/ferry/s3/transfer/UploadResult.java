package dev.ferry.s3.transfer;

import org.jspecify.annotations.Nullable;

/**
 * A finished upload.
 *
 * @param eTag the object's entity tag, quoted as S3 sends it ({@code "<md5>-<parts>"} after a
 *     multipart upload on S3)
 * @param versionId the new version, when the bucket is versioned
 * @param size bytes stored
 * @param partCount parts uploaded; 1 when the object went in one PutObject
 * @param uploadId the multipart upload's id; null when the object went in one PutObject
 */
public record UploadResult(String bucket, String key, String eTag, @Nullable String versionId, long size, int partCount,
                           @Nullable String uploadId) {

    /** Whether the object was uploaded in parts (rather than with one PutObject). */
    public boolean isMultipart() {
        return uploadId != null;
    }
}
