package dev.ferry.oss.internal;

import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.UriEncoding;
import dev.ferry.oss.Addressing;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Turns a bucket and key into a request's host and path, as the addressing style says. */
record OssEndpoint(URI endpoint, Addressing addressing) {

    HttpRequest.Builder request(String method, @Nullable String bucket, @Nullable String key) {
        HttpRequest.Builder b = HttpRequest.builder(method, endpoint);
        String encodedKey = key == null ? "" : UriEncoding.encodePath(key);
        if (bucket == null) {
            return b.path("/");
        }
        switch (addressing) {
            case VIRTUAL_HOSTED -> b.host(bucket + "." + endpoint.getHost()).path("/" + encodedKey);
            case PATH_STYLE -> b.path("/" + bucket + "/" + encodedKey);
            case CNAME -> b.path("/" + encodedKey);
            default -> throw new IllegalStateException("unknown addressing " + addressing);
        }
        return b;
    }
}
