package dev.ferry.s3.transfer;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A download of one object to a file by {@link S3Transfers}.
 *
 * <pre>{@code
 * DownloadRequest.builder("backups", "2026/db.tar.zst").progress(bar::update).build()
 * }</pre>
 *
 * @param versionId the version to read; null for the current one
 * @param resume whether to continue from what an earlier, interrupted download of the same object
 *     left beside the target (see {@link S3Transfers#download}); when false, nothing is kept after a
 *     failure and every download starts from the first byte
 * @param progress called with each {@link TransferProgress}, one call at a time, on the client's
 *     callback executor; null for none
 */
public record DownloadRequest(String bucket, String key, @Nullable String versionId, boolean resume,
                              @Nullable Consumer<TransferProgress> progress) {
    public DownloadRequest {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket name must not be empty");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
    }

    /** The current version, resumable, without progress events. */
    public static DownloadRequest of(String bucket, String key) {
        return new DownloadRequest(bucket, key, null, true, null);
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public Builder toBuilder() {
        return new Builder(bucket, key).versionId(versionId).resume(resume).progress(progress);
    }

    @Override
    public String toString() {
        return "DownloadRequest[s3://" + bucket + "/" + key + (versionId != null ? "?versionId=" + versionId : "")
                + (resume ? ", resumable" : "") + "]";
    }

    public static final class Builder {
        private final String bucket;
        private final String key;
        private @Nullable String versionId;
        private boolean resume = true;
        private @Nullable Consumer<TransferProgress> progress;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder versionId(@Nullable String versionId) {
            this.versionId = versionId;
            return this;
        }

        /** Default true. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder progress(@Nullable Consumer<TransferProgress> listener) {
            this.progress = listener;
            return this;
        }

        public DownloadRequest build() {
            return new DownloadRequest(bucket, key, versionId, resume, progress);
        }
    }
}
