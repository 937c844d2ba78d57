package dev.ferry.oss.model;

import org.jspecify.annotations.Nullable;

/** @param etag the part's ETag, without quotes: pass it to {@link CompletedPart} */
public record UploadPartResponse(int partNumber, String etag, @Nullable String crc64, @Nullable String requestId) {

    public CompletedPart toCompletedPart() {
        return new CompletedPart(partNumber, etag);
    }
}
