package dev.ferry.s3.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts a multipart upload. The options describe the object the completed upload creates.
 *
 * @param checksumAlgorithm the flexible checksum the parts carry; null for the client's default
 */
public record CreateMultipartUploadRequest(String bucket, String key, ObjectWriteOptions options,
                                           @Nullable ChecksumAlgorithm checksumAlgorithm) {
    public CreateMultipartUploadRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        Objects.requireNonNull(options, "options");
    }

    public static CreateMultipartUploadRequest of(String bucket, String key) {
        return new CreateMultipartUploadRequest(bucket, key, ObjectWriteOptions.NONE, null);
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public static final class Builder extends WriteOptionsBuilder<Builder> {
        private final String bucket;
        private final String key;
        private @Nullable ChecksumAlgorithm checksumAlgorithm;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder checksumAlgorithm(@Nullable ChecksumAlgorithm algorithm) {
            this.checksumAlgorithm = algorithm;
            return this;
        }

        public CreateMultipartUploadRequest build() {
            return new CreateMultipartUploadRequest(bucket, key, writeOptions(), checksumAlgorithm);
        }
    }
}
