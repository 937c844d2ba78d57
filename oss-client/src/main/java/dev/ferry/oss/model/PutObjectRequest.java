package dev.ferry.oss.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Stores an object in one request ({@code PUT /key}). Most fields are optional:
 *
 * <pre>{@code
 * PutObjectRequest.builder("bucket", "report.docx")
 *         .contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
 *         .metadata("author", "alice")
 *         .build();
 * }</pre>
 *
 * @param metadata user metadata, sent as {@code x-oss-meta-<name>} headers
 * @param storageClass {@code Standard}, {@code IA}, {@code Archive}, ...; null for the bucket's default
 * @param acl {@code private}, {@code public-read}, ...; null to inherit the bucket's
 * @param forbidOverwrite fail with {@code FileAlreadyExists} rather than replace an existing object
 * @param contentMd5 send the body's MD5 so that OSS rejects a corrupted upload (needs the body in memory)
 */
public record PutObjectRequest(String bucket, String key, @Nullable String contentType, @Nullable String cacheControl,
                               @Nullable String contentDisposition, @Nullable String contentEncoding,
                               Map<String, String> metadata, @Nullable String storageClass, @Nullable String acl,
                               boolean forbidOverwrite, boolean contentMd5) {

    public PutObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        metadata = OssNames.metadata(metadata);
    }

    public static PutObjectRequest of(String bucket, String key) {
        return builder(bucket, key).build();
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public Builder toBuilder() {
        Builder b = new Builder(bucket, key);
        b.contentType = contentType;
        b.cacheControl = cacheControl;
        b.contentDisposition = contentDisposition;
        b.contentEncoding = contentEncoding;
        b.metadata.putAll(metadata);
        b.storageClass = storageClass;
        b.acl = acl;
        b.forbidOverwrite = forbidOverwrite;
        b.contentMd5 = contentMd5;
        return b;
    }

    /** Collects the optional fields; not thread-safe. */
    public static final class Builder {
        private final String bucket;
        private final String key;
        private @Nullable String contentType;
        private @Nullable String cacheControl;
        private @Nullable String contentDisposition;
        private @Nullable String contentEncoding;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private @Nullable String storageClass;
        private @Nullable String acl;
        private boolean forbidOverwrite;
        private boolean contentMd5;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        public Builder cacheControl(String cacheControl) {
            this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
            return this;
        }

        public Builder contentDisposition(String contentDisposition) {
            this.contentDisposition = Objects.requireNonNull(contentDisposition, "contentDisposition");
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            this.contentEncoding = Objects.requireNonNull(contentEncoding, "contentEncoding");
            return this;
        }

        public Builder metadata(String name, String value) {
            metadata.put(name, value);
            return this;
        }

        public Builder metadata(Map<String, String> values) {
            metadata.putAll(values);
            return this;
        }

        public Builder storageClass(String storageClass) {
            this.storageClass = Objects.requireNonNull(storageClass, "storageClass");
            return this;
        }

        public Builder acl(String acl) {
            this.acl = Objects.requireNonNull(acl, "acl");
            return this;
        }

        public Builder forbidOverwrite(boolean forbidOverwrite) {
            this.forbidOverwrite = forbidOverwrite;
            return this;
        }

        public Builder contentMd5(boolean contentMd5) {
            this.contentMd5 = contentMd5;
            return this;
        }

        public PutObjectRequest build() {
            return new PutObjectRequest(bucket, key, contentType, cacheControl, contentDisposition, contentEncoding,
                    metadata, storageClass, acl, forbidOverwrite, contentMd5);
        }
    }
}
