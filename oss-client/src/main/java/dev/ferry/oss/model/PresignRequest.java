package dev.ferry.oss.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to sign into a URL that anyone holding it can send until it expires, without credentials.
 *
 * <pre>{@code
 * PresignRequest.builder("GET", "bucket", "report.pdf").expiresIn(Duration.ofMinutes(15)).build();
 * PresignRequest.builder("PUT", "bucket", "upload.bin").contentType("application/octet-stream").build();
 * }</pre>
 *
 * Headers given here are signed: whoever sends the URL must send them with the same values.
 *
 * @param expiresIn how long the URL stays valid: 1 s to 7 days with signature V4
 * @param headers headers to sign, which the sender must then send
 * @param query extra query parameters ({@code versionId}, {@code x-oss-process}, {@code response-content-type}, ...)
 */
public record PresignRequest(String method, String bucket, String key, Duration expiresIn, Map<String, String> headers,
                             Map<String, String> query) {

    public PresignRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!method.matches("GET|PUT|HEAD|POST|DELETE")) {
            throw new IllegalArgumentException("presigned method must be GET, PUT, HEAD, POST or DELETE, was " + method);
        }
        OssNames.bucket(bucket);
        OssNames.key(key);
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn must be positive, was " + expiresIn);
        }
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    public static Builder builder(String method, String bucket, String key) {
        return new Builder(method, bucket, key);
    }

    /** Collects the optional parts; the URL lives 15 minutes unless told otherwise. */
    public static final class Builder {
        private final String method;
        private final String bucket;
        private final String key;
        private Duration expiresIn = Duration.ofMinutes(15);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();

        private Builder(String method, String bucket, String key) {
            this.method = method;
            this.bucket = bucket;
            this.key = key;
        }

        public Builder expiresIn(Duration expiresIn) {
            this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
            return this;
        }

        public Builder contentType(String contentType) {
            return header("Content-Type", contentType);
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder versionId(String versionId) {
            return query("versionId", versionId);
        }

        public Builder process(String process) {
            return query("x-oss-process", OssNames.process(process));
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public PresignRequest build() {
            return new PresignRequest(method, bucket, key, expiresIn, headers, query);
        }
    }
}
