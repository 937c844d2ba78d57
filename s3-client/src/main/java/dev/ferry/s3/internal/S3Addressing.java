package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.UriEncoding;
import java.net.URI;

/**
 * Where a bucket and key go in a request: in the path ({@code host/bucket/key}) or, virtual-hosted,
 * in the host name ({@code bucket.host/key}). Keys are percent-encoded once, keeping {@code /}.
 */
final class S3Addressing {
    private final URI endpoint;
    private final boolean pathStyle;

    S3Addressing(URI endpoint, boolean pathStyle) {
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
    }

    HttpRequest.Builder object(String method, String bucket, String key, String operation) {
        String encodedKey = UriEncoding.encodePath(key);
        return pathStyle
                ? HttpRequest.builder(method, endpoint).path("/" + UriEncoding.encode(bucket) + "/" + encodedKey).operation(operation)
                : HttpRequest.builder(method, endpoint).host(virtualHost(bucket)).path("/" + encodedKey).operation(operation);
    }

    HttpRequest.Builder bucket(String method, String bucket, String operation) {
        return pathStyle
                ? HttpRequest.builder(method, endpoint).path("/" + UriEncoding.encode(bucket)).operation(operation)
                : HttpRequest.builder(method, endpoint).host(virtualHost(bucket)).path("/").operation(operation);
    }

    private String virtualHost(String bucket) {
        if (bucket.contains(".") && endpoint.getScheme().equalsIgnoreCase("https")) {
            // *.s3.amazonaws.com certificates cover one label only: a dotted bucket fails TLS hostname checks.
            throw new IllegalArgumentException("bucket '" + bucket + "' has dots, which virtual-hosted addressing over"
                    + " HTTPS cannot serve (the certificate does not match); build the client with pathStyle(true)");
        }
        return bucket + "." + endpoint.getHost();
    }
}
