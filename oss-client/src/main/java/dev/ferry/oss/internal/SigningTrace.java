package dev.ferry.oss.internal;

import dev.ferry.core.http.HttpRequest;

/**
 * A signed request and what led to its signature. The intermediate strings are what OSS echoes in a
 * {@code SignatureDoesNotMatch} error, so comparing them tells where a disagreement starts.
 *
 * @param canonicalRequest V4's canonical request; empty for V1, which has none
 */
public record SigningTrace(HttpRequest request, String canonicalRequest, String stringToSign, String signature) {
}
