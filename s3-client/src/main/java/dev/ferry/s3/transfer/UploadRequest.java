package dev.ferry.s3.transfer;

import dev.ferry.s3.model.ObjectWriteOptions;
import dev.ferry.s3.model.WriteOptionsBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An upload of one object by {@link S3Transfers}: where it goes, what the object says about itself
 * (content type, metadata, storage class, encryption: the options of PutObject) and who wants to
 * hear about progress.
 *
 * <pre>{@code
 * UploadRequest.builder("backups", "2026/db.tar.zst")
 *         .contentType("application/zstd")
 *         .metadata("source", "db-1")
 *         .progress(p -> log.info("{}", p))
 *         .build()
 * }</pre>
 *
 * @param progress called with each {@link TransferProgress}, one call at a time, on the client's
 *     callback executor (never on an event loop, so it may block, though a slow listener only sees
 *     fewer events); null for none
 */
public record UploadRequest(String bucket, String key, ObjectWriteOptions options,
                            @Nullable Consumer<TransferProgress> progress) {
    public UploadRequest {
        // The S3 requests validate bucket and key again; checking here fails before anything starts.
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket name must not be empty");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        Objects.requireNonNull(options, "options");
    }

    public static UploadRequest of(String bucket, String key) {
        return new UploadRequest(bucket, key, ObjectWriteOptions.NONE, null);
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "UploadRequest[s3://" + bucket + "/" + key + ", " + options + "]";
    }

    public static final class Builder extends WriteOptionsBuilder<Builder> {
        private final String bucket;
        private final String key;
        private @Nullable Consumer<TransferProgress> progress;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        private Builder(UploadRequest request) {
            this(request.bucket, request.key);
            this.progress = request.progress;
            copyFrom(request.options);
        }

        /** Receives progress events; see {@link UploadRequest#progress()}. */
        public Builder progress(@Nullable Consumer<TransferProgress> listener) {
            this.progress = listener;
            return this;
        }

        public UploadRequest build() {
            return new UploadRequest(bucket, key, writeOptions(), progress);
        }
    }
}
