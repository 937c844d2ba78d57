package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record CopyObjectResponse(String eTag, @Nullable Instant lastModified, @Nullable String versionId) {
}
