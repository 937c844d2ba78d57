package dev.ferry.s3.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a write says about the object it creates, shared by PutObject and CreateMultipartUpload:
 * content headers, user metadata, storage class, encryption.
 *
 * @param metadata user metadata, sent as {@code x-amz-meta-*}; names are lower-cased, values must be US-ASCII
 */
public record ObjectWriteOptions(
        @Nullable String contentType,
        @Nullable String cacheControl,
        @Nullable String contentDisposition,
        @Nullable String contentEncoding,
        @Nullable String contentLanguage,
        Map<String, String> metadata,
        @Nullable String storageClass,
        @Nullable ServerSideEncryption serverSideEncryption,
        @Nullable String tagging) {

    public static final ObjectWriteOptions NONE = new ObjectWriteOptions(null, null, null, null, null, Map.of(), null, null, null);

    public ObjectWriteOptions {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("metadata name '" + e.getKey() + "' must be printable US-ASCII without spaces or ':'");
            }
            String value = e.getValue();
            if (!value.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == '\t')) {
                throw new IllegalArgumentException("metadata value of '" + e.getKey()
                        + "' must be US-ASCII (S3 keeps metadata in HTTP headers); encode other text first, e.g. as RFC 2047 or base64");
            }
            if (checked.put(name, value) != null) {
                throw new IllegalArgumentException("metadata name '" + name + "' is given twice (names are case-insensitive)");
            }
        }
        metadata = Map.copyOf(checked);
    }
}
