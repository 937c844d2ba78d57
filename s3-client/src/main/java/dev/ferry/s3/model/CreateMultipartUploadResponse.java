package dev.ferry.s3.model;

/** The upload id to give every part, and Complete or Abort. */
public record CreateMultipartUploadResponse(String bucket, String key, String uploadId) {
}
