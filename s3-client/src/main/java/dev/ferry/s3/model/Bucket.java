package dev.ferry.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record Bucket(String name, @Nullable Instant creationDate) {
}
