package dev.ferry.s3.model;

import java.nio.charset.StandardCharsets;

/** Checks on bucket names, keys and upload ids shared by every request record. */
final class S3Names {
    private S3Names() {
    }

    static String bucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket name must not be empty");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (c == '/' || Character.isWhitespace(c) || c < 0x20) {
                throw new IllegalArgumentException("bucket name '" + bucket + "' contains '" + c + "' at " + i
                        + "; bucket names are letters, digits, '.', '-' and '_'");
            }
        }
        return bucket;
    }

    static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 1024) {
            throw new IllegalArgumentException("object key is " + bytes + " bytes of UTF-8; S3 allows at most 1024");
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
}
