package dev.ferry.s3.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Copies an object of up to 5 GiB within S3 (for larger objects, copy in parts with
 * {@code uploadPartCopy}). Without {@code replaceMetadata}, the copy keeps the source's metadata
 * and the write options' metadata is ignored, as S3 does.
 */
public record CopyObjectRequest(String sourceBucket, String sourceKey, @Nullable String sourceVersionId,
                                String bucket, String key, boolean replaceMetadata, ObjectWriteOptions options,
                                @Nullable String ifMatch) {
    public CopyObjectRequest {
        S3Names.bucket(sourceBucket);
        S3Names.key(sourceKey);
        S3Names.bucket(bucket);
        S3Names.key(key);
        Objects.requireNonNull(options, "options");
    }

    public static CopyObjectRequest of(String sourceBucket, String sourceKey, String bucket, String key) {
        return new CopyObjectRequest(sourceBucket, sourceKey, null, bucket, key, false, ObjectWriteOptions.NONE, null);
    }

    public static Builder builder(String sourceBucket, String sourceKey, String bucket, String key) {
        return new Builder(sourceBucket, sourceKey, bucket, key);
    }

    public static final class Builder extends WriteOptionsBuilder<Builder> {
        private final String sourceBucket;
        private final String sourceKey;
        private final String bucket;
        private final String key;
        private @Nullable String sourceVersionId;
        private boolean replaceMetadata;
        private @Nullable String ifMatch;

        private Builder(String sourceBucket, String sourceKey, String bucket, String key) {
            this.sourceBucket = sourceBucket;
            this.sourceKey = sourceKey;
            this.bucket = bucket;
            this.key = key;
        }

        public Builder sourceVersionId(@Nullable String versionId) {
            this.sourceVersionId = versionId;
            return this;
        }

        /** The copy takes the metadata and content headers given here instead of the source's. */
        public Builder replaceMetadata(boolean replace) {
            this.replaceMetadata = replace;
            return this;
        }

        /** Copies only if the source's ETag still is this one. */
        public Builder ifMatch(@Nullable String eTag) {
            this.ifMatch = eTag;
            return this;
        }

        public CopyObjectRequest build() {
            return new CopyObjectRequest(sourceBucket, sourceKey, sourceVersionId, bucket, key, replaceMetadata, writeOptions(), ifMatch);
        }
    }
}
