package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads an object, or part of it, optionally on condition.
 *
 * <pre>{@code
 * GetObjectRequest.builder("photos", "cat.jpg").range(0, 1023).ifNoneMatch(etag).build()
 * }</pre>
 *
 * @param range an HTTP range such as {@code bytes=0-1023} or {@code bytes=-500}
 */
public record GetObjectRequest(String bucket, String key, @Nullable String range, @Nullable String versionId,
                               @Nullable String ifMatch, @Nullable String ifNoneMatch,
                               @Nullable Instant ifModifiedSince, @Nullable Instant ifUnmodifiedSince) {
    public GetObjectRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        if (range != null && !range.startsWith("bytes=")) {
            throw new IllegalArgumentException("range must be an HTTP byte range such as bytes=0-99, was '" + range + "'");
        }
    }

    public static GetObjectRequest of(String bucket, String key) {
        return new GetObjectRequest(bucket, key, null, null, null, null, null, null);
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public Builder toBuilder() {
        Builder b = new Builder(bucket, key);
        b.range = range;
        b.versionId = versionId;
        b.ifMatch = ifMatch;
        b.ifNoneMatch = ifNoneMatch;
        b.ifModifiedSince = ifModifiedSince;
        b.ifUnmodifiedSince = ifUnmodifiedSince;
        return b;
    }

    public static final class Builder {
        private final String bucket;
        private final String key;
        private @Nullable String range;
        private @Nullable String versionId;
        private @Nullable String ifMatch;
        private @Nullable String ifNoneMatch;
        private @Nullable Instant ifModifiedSince;
        private @Nullable Instant ifUnmodifiedSince;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        /** Bytes {@code first} to {@code last}, both included. */
        public Builder range(long first, long last) {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("range " + first + "-" + last + " is empty or negative");
            }
            this.range = "bytes=" + first + "-" + last;
            return this;
        }

        public Builder range(@Nullable String httpRange) {
            this.range = httpRange;
            return this;
        }

        public Builder versionId(@Nullable String versionId) {
            this.versionId = versionId;
            return this;
        }

        public Builder ifMatch(@Nullable String eTag) {
            this.ifMatch = eTag;
            return this;
        }

        public Builder ifNoneMatch(@Nullable String eTag) {
            this.ifNoneMatch = eTag;
            return this;
        }

        public Builder ifModifiedSince(@Nullable Instant time) {
            this.ifModifiedSince = time;
            return this;
        }

        public Builder ifUnmodifiedSince(@Nullable Instant time) {
            this.ifUnmodifiedSince = time;
            return this;
        }

        public GetObjectRequest build() {
            return new GetObjectRequest(bucket, key, range, versionId, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
        }
    }
}
