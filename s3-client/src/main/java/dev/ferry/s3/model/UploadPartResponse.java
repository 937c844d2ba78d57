package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/** The stored part: keep its ETag (and checksum) for Complete. */
public record UploadPartResponse(int partNumber, String eTag, @Nullable ObjectChecksum checksum) {
    public CompletedPart toCompletedPart() {
        return new CompletedPart(partNumber, eTag, checksum);
    }
}
