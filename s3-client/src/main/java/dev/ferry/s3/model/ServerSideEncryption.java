package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * Server-side encryption asked for on a write: {@code AES256} (S3-managed keys) or {@code aws:kms}
 * with an optional key id.
 */
public record ServerSideEncryption(String algorithm, @Nullable String kmsKeyId) {
    public ServerSideEncryption {
        if (algorithm == null || algorithm.isBlank()) {
            throw new IllegalArgumentException("server-side encryption algorithm must not be blank (AES256 or aws:kms)");
        }
        if (kmsKeyId != null && !algorithm.startsWith("aws:kms")) {
            throw new IllegalArgumentException("a KMS key id only goes with aws:kms encryption, not " + algorithm);
        }
    }

    public static ServerSideEncryption s3Managed() {
        return new ServerSideEncryption("AES256", null);
    }

    public static ServerSideEncryption kms(@Nullable String keyId) {
        return new ServerSideEncryption("aws:kms", keyId);
    }
}
