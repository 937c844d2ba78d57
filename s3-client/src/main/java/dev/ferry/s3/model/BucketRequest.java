package dev.ferry.s3.model;

/** Names a bucket, for the operations that need nothing else: HeadBucket, DeleteBucket. */
public record BucketRequest(String bucket) {
    public BucketRequest {
        S3Names.bucket(bucket);
    }

    public static BucketRequest of(String bucket) {
        return new BucketRequest(bucket);
    }
}
