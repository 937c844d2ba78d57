package dev.ferry.oss;

/** Where a request names its bucket. */
public enum Addressing {
    /** {@code https://bucket.oss-cn-hangzhou.aliyuncs.com/key}: the default for OSS's own endpoints. */
    VIRTUAL_HOSTED,
    /** {@code https://host/bucket/key}: the default for an endpoint given as an IP address or {@code localhost}. */
    PATH_STYLE,
    /**
     * {@code https://files.example.com/key}: a custom domain bound to one bucket. Required for data
     * requests in mainland China by accounts created since 2025. The bucket is still named in each
     * request, because it is part of what is signed.
     */
    CNAME
}
