package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * Copies a byte range of an existing object into a part of a multipart upload: how objects over
 * 5 GiB are copied.
 *
 * @param firstByte first byte of the source range, included
 * @param lastByte last byte of the source range, included; -1 with firstByte 0 copies the whole source
 */
public record UploadPartCopyRequest(String sourceBucket, String sourceKey, @Nullable String sourceVersionId,
                                    long firstByte, long lastByte, String bucket, String key, String uploadId,
                                    int partNumber, @Nullable String sourceIfMatch) {
    public UploadPartCopyRequest {
        S3Names.bucket(sourceBucket);
        S3Names.key(sourceKey);
        S3Names.bucket(bucket);
        S3Names.key(key);
        S3Names.uploadId(uploadId);
        S3Names.partNumber(partNumber);
        boolean whole = firstByte == 0 && lastByte == -1;
        if (!whole && (firstByte < 0 || lastByte < firstByte)) {
            throw new IllegalArgumentException("source range " + firstByte + "-" + lastByte + " is empty or negative");
        }
    }

    public static UploadPartCopyRequest of(String sourceBucket, String sourceKey, long firstByte, long lastByte,
                                           String bucket, String key, String uploadId, int partNumber) {
        return new UploadPartCopyRequest(sourceBucket, sourceKey, null, firstByte, lastByte, bucket, key, uploadId, partNumber, null);
    }

    boolean wholeSource() {
        return firstByte == 0 && lastByte == -1;
    }

    /** The {@code x-amz-copy-source-range} value, or null to copy the whole source. */
    public @Nullable String rangeHeader() {
        return wholeSource() ? null : "bytes=" + firstByte + "-" + lastByte;
    }
}
