package dev.ferry.oss;

/** How requests are signed. */
public enum SignatureVersion {
    /** {@code OSS4-HMAC-SHA256}, scoped to a day, a region and the product: the default. */
    V4,
    /** HMAC-SHA1 over a shorter string; for endpoints or policies that still require it. */
    V1
}
