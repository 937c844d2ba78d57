package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/** A part as CompleteMultipartUpload names it: number, ETag and, with flexible checksums, its checksum. */
public record CompletedPart(int partNumber, String eTag, @Nullable ObjectChecksum checksum) {
    public CompletedPart {
        S3Names.partNumber(partNumber);
        if (eTag == null || eTag.isBlank()) {
            throw new IllegalArgumentException("part " + partNumber + " has no ETag");
        }
    }

    public static CompletedPart of(int partNumber, String eTag) {
        return new CompletedPart(partNumber, eTag, null);
    }
}
