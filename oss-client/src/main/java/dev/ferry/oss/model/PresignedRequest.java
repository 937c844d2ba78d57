package dev.ferry.oss.model;

import dev.ferry.core.http.HttpHeaders;
import java.net.URI;
import java.time.Instant;

/**
 * A signed URL and what must go with it.
 *
 * @param signedHeaders headers that were signed: send them exactly, or OSS answers {@code SignatureDoesNotMatch}
 */
public record PresignedRequest(String method, URI url, Instant expiration, HttpHeaders signedHeaders) {

    /** The URL; it carries a signature (and an STS token, if any): treat it as a secret while it is valid. */
    @Override
    public String toString() {
        return "PresignedRequest[" + method + " " + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
                + "?..., expires " + expiration + "]";
    }
}
