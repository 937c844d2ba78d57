package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * Lists the objects of a bucket (ListObjectsV2), all pages.
 *
 * <pre>{@code
 * ListObjectsRequest.builder("photos").prefix("2026/").delimiter("/").build()
 * }</pre>
 *
 * @param delimiter groups keys sharing a prefix up to it into common prefixes ("directories")
 * @param startAfter lists keys after this one
 * @param pageSize keys per page (1..1000)
 */
public record ListObjectsRequest(String bucket, @Nullable String prefix, @Nullable String delimiter,
                                 @Nullable String startAfter, int pageSize) {
    public ListObjectsRequest {
        S3Names.bucket(bucket);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, was " + pageSize);
        }
        if (delimiter != null && delimiter.isEmpty()) {
            throw new IllegalArgumentException("delimiter must not be empty; leave it null for none");
        }
    }

    public static ListObjectsRequest of(String bucket) {
        return new ListObjectsRequest(bucket, null, null, null, 1000);
    }

    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    public static final class Builder {
        private final String bucket;
        private @Nullable String prefix;
        private @Nullable String delimiter;
        private @Nullable String startAfter;
        private int pageSize = 1000;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder prefix(@Nullable String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder delimiter(@Nullable String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder startAfter(@Nullable String key) {
            this.startAfter = key;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public ListObjectsRequest build() {
            return new ListObjectsRequest(bucket, prefix, delimiter, startAfter, pageSize);
        }
    }
}
