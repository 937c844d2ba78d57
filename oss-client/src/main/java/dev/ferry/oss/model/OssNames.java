package dev.ferry.oss.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** OSS's rules for names, checked before anything is sent so that a typo fails with a clear message. */
final class OssNames {
    private OssNames() {
    }

    /** 3 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
    static String bucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        int n = bucket.length();
        if (n < 3 || n > 63) {
            throw new IllegalArgumentException("bucket name must be 3 to 63 characters, was '" + bucket + "' (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            char c = bucket.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("bucket name '" + bucket + "' has '" + c + "' at " + i
                        + "; OSS allows only lower-case letters, digits and hyphens");
            }
        }
        if (bucket.charAt(0) == '-' || bucket.charAt(n - 1) == '-') {
            throw new IllegalArgumentException("bucket name '" + bucket + "' must not start or end with a hyphen");
        }
        return bucket;
    }

    /** 1 to 1023 bytes of UTF-8, not starting with '/' or '\'. */
    static String key(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 1023) {
            throw new IllegalArgumentException("object key must be at most 1023 bytes of UTF-8, was " + bytes);
        }
        if (key.charAt(0) == '/' || key.charAt(0) == '\\') {
            throw new IllegalArgumentException("object key must not start with '" + key.charAt(0) + "', was '" + key + "'");
        }
        return key;
    }

    static String uploadId(String uploadId) {
        if (uploadId == null || uploadId.isBlank()) {
            throw new IllegalArgumentException("upload id must not be blank");
        }
        return uploadId;
    }

    static int partNumber(int partNumber) {
        if (partNumber < 1 || partNumber > 10_000) {
            throw new IllegalArgumentException("part number must be 1..10000, was " + partNumber);
        }
        return partNumber;
    }

    static String process(String process) {
        if (process == null || process.isBlank()) {
            throw new IllegalArgumentException("process instruction must not be blank");
        }
        return process;
    }

    /** User metadata names become {@code x-oss-meta-<name>} headers: HTTP token characters only. */
    static Map<String, String> metadata(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        metadata.forEach((name, value) -> {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("metadata names must not be empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("metadata name '" + name + "' has '" + c + "', which a header name cannot carry");
                }
            }
            Objects.requireNonNull(value, () -> "value of metadata " + name);
        });
        return Map.copyOf(metadata);
    }
}
