package dev.ferry.s3.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The setters for {@link ObjectWriteOptions}, shared by the builders of every request that creates
 * an object, so that PutObject, CreateMultipartUpload and a transfer's upload are configured the same
 * way. Subclasses outside this package (the transfer layer's request) read the result with
 * {@link #writeOptions()}.
 */
public abstract class WriteOptionsBuilder<B extends WriteOptionsBuilder<B>> {
    private @Nullable String contentType;
    private @Nullable String cacheControl;
    private @Nullable String contentDisposition;
    private @Nullable String contentEncoding;
    private @Nullable String contentLanguage;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private @Nullable String storageClass;
    private @Nullable ServerSideEncryption serverSideEncryption;
    private @Nullable String tagging;

    protected WriteOptionsBuilder() {
    }

    /** Starts from the options of an existing request (for {@code toBuilder()}). */
    protected final void copyFrom(ObjectWriteOptions o) {
        contentType = o.contentType();
        cacheControl = o.cacheControl();
        contentDisposition = o.contentDisposition();
        contentEncoding = o.contentEncoding();
        contentLanguage = o.contentLanguage();
        metadata.putAll(o.metadata());
        storageClass = o.storageClass();
        serverSideEncryption = o.serverSideEncryption();
        tagging = o.tagging();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B contentType(@Nullable String contentType) {
        this.contentType = contentType;
        return self();
    }

    public B cacheControl(@Nullable String cacheControl) {
        this.cacheControl = cacheControl;
        return self();
    }

    public B contentDisposition(@Nullable String contentDisposition) {
        this.contentDisposition = contentDisposition;
        return self();
    }

    public B contentEncoding(@Nullable String contentEncoding) {
        this.contentEncoding = contentEncoding;
        return self();
    }

    public B contentLanguage(@Nullable String contentLanguage) {
        this.contentLanguage = contentLanguage;
        return self();
    }

    /** Adds one user metadata entry ({@code x-amz-meta-<name>}). */
    public B metadata(String name, String value) {
        this.metadata.put(name, value);
        return self();
    }

    public B metadata(Map<String, String> metadata) {
        this.metadata.putAll(metadata);
        return self();
    }

    /** {@code STANDARD}, {@code STANDARD_IA}, {@code GLACIER_IR}, ...; stores that do not know it may refuse it. */
    public B storageClass(@Nullable String storageClass) {
        this.storageClass = storageClass;
        return self();
    }

    public B serverSideEncryption(@Nullable ServerSideEncryption serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
        return self();
    }

    /** Tags as a URL query string: {@code project=ferry&team=storage}. */
    public B tagging(@Nullable String tagging) {
        this.tagging = tagging;
        return self();
    }

    /** The options set so far. */
    protected final ObjectWriteOptions writeOptions() {
        return new ObjectWriteOptions(contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage,
                metadata, storageClass, serverSideEncryption, tagging);
    }
}
