package dev.ferry.oss.internal;

import org.jspecify.annotations.Nullable;

/**
 * The bucket and key a request is about. OSS signs {@code /bucket/key} whatever the addressing style
 * puts on the wire (a virtual-hosted or CNAME request carries the bucket in its host, or nowhere), so
 * the signer is told them rather than reading them off the URL.
 */
public record OssResource(@Nullable String bucket, @Nullable String key) {

    public static OssResource service() {
        return new OssResource(null, null);
    }

    public static OssResource bucket(String bucket) {
        return new OssResource(bucket, null);
    }

    public static OssResource object(String bucket, String key) {
        return new OssResource(bucket, key);
    }

    @Override
    public String toString() {
        return bucket == null ? "the service" : key == null ? "bucket " + bucket : "oss://" + bucket + "/" + key;
    }
}
