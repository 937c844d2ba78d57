package dev.ferry.s3.model;

import dev.ferry.core.http.HttpHeaders;
import java.net.URI;
import java.time.Instant;

/**
 * A URL anyone can use until it expires, without credentials. {@code headers} are the headers the
 * signature covers beyond {@code Host}: whoever uses the URL must send them exactly (for a PUT,
 * the Content-Type it was signed with, say).
 */
public record PresignedRequest(String method, URI url, HttpHeaders headers, Instant expiration) {
    /** The URL with its signature and session token masked: it grants access, so it stays out of logs. */
    @Override
    public String toString() {
        String masked = url.toString().replaceAll("(X-Amz-(Signature|Security-Token)=)[^&]*", "$1***");
        return "PresignedRequest[" + method + " " + masked + ", expires " + expiration + "]";
    }
}
