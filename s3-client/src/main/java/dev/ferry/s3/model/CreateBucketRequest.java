package dev.ferry.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * @param locationConstraint the region to create the bucket in, when it is not the client's;
 *                           null sends no configuration (us-east-1 on AWS)
 */
public record CreateBucketRequest(String bucket, @Nullable String locationConstraint) {
    public CreateBucketRequest {
        S3Names.bucket(bucket);
    }

    public static CreateBucketRequest of(String bucket) {
        return new CreateBucketRequest(bucket, null);
    }
}
