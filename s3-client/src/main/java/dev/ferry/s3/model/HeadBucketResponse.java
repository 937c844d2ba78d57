package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/** @param region the bucket's region, when the server says ({@code x-amz-bucket-region}) */
public record HeadBucketResponse(@Nullable String region) {
}
