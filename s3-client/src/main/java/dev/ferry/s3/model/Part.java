package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored part, as ListParts reports it. */
public record Part(int partNumber, String eTag, long size, @Nullable Instant lastModified, @Nullable ObjectChecksum checksum) {
    public CompletedPart toCompletedPart() {
        return new CompletedPart(partNumber, eTag, checksum);
    }
}
