package dev.ferry.s3.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a batch delete did: the keys deleted, and the keys that failed with why. Failures do not fail the Mono. */
public record DeleteObjectsResponse(List<Deleted> deleted, List<Failed> errors) {

    public record Deleted(String key, @Nullable String versionId, boolean deleteMarker) {
    }

    public record Failed(String key, @Nullable String versionId, String code, @Nullable String message) {
    }

    public DeleteObjectsResponse {
        deleted = List.copyOf(deleted);
        errors = List.copyOf(errors);
    }
}
