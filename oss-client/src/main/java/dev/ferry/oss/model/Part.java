package dev.ferry.oss.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An uploaded part, as ListParts reports it. */
public record Part(int partNumber, String etag, long size, @Nullable Instant lastModified, @Nullable String crc64) {

    public CompletedPart toCompletedPart() {
        return new CompletedPart(partNumber, etag);
    }
}
