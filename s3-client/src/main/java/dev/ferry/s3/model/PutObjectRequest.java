package dev.ferry.s3.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PutObject: one request that stores a whole object (up to 5 GiB; larger objects need a multipart
 * upload).
 *
 * <pre>{@code
 * PutObjectRequest.builder("photos", "2026/cat.jpg").contentType("image/jpeg").metadata("camera", "x100").build()
 * }</pre>
 *
 * @param contentMd5 base64 of the MD5 of the body; the server refuses the body (BadDigest) if it differs
 * @param ifNoneMatch {@code *} to write only when no object exists under the key (412 otherwise)
 */
public record PutObjectRequest(String bucket, String key, ObjectWriteOptions options, @Nullable String contentMd5,
                               @Nullable String ifNoneMatch) {

    public PutObjectRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        Objects.requireNonNull(options, "options");
    }

    public static PutObjectRequest of(String bucket, String key) {
        return new PutObjectRequest(bucket, key, ObjectWriteOptions.NONE, null, null);
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public Builder toBuilder() {
        Builder b = new Builder(bucket, key).contentMd5(contentMd5).ifNoneMatch(ifNoneMatch);
        b.copyFrom(options);
        return b;
    }

    public static final class Builder extends WriteOptionsBuilder<Builder> {
        private final String bucket;
        private final String key;
        private @Nullable String contentMd5;
        private @Nullable String ifNoneMatch;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder contentMd5(@Nullable String base64Md5) {
            this.contentMd5 = base64Md5;
            return this;
        }

        public Builder ifNoneMatch(@Nullable String ifNoneMatch) {
            this.ifNoneMatch = ifNoneMatch;
            return this;
        }

        public PutObjectRequest build() {
            return new PutObjectRequest(bucket, key, writeOptions(), contentMd5, ifNoneMatch);
        }
    }
}
