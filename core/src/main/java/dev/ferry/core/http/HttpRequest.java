package dev.ferry.core.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request, immutable. The path is kept encoded (each service has its own rules for that),
 * query parameters are kept as raw name/value pairs and encoded once by {@link UriEncoding}, so a
 * signer sees exactly what goes on the wire. Derive variants with {@link #toBuilder()}.
 */
public final class HttpRequest {
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String encodedPath;
    private final List<QueryParameter> query;
    private final HttpHeaders headers;
    private final RequestBody body;
    private final boolean idempotent;
    private final String operation;

    /** A query parameter, not encoded. An empty value is sent as the bare name ({@code ?uploads}). */
    public record QueryParameter(String name, String value) {
        public QueryParameter {
            Objects.requireNonNull(name, "query parameter name");
            Objects.requireNonNull(value, "query parameter value");
        }
    }

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.scheme = b.scheme;
        this.host = b.host;
        this.port = b.port;
        this.encodedPath = b.encodedPath;
        this.query = List.copyOf(b.query);
        this.headers = b.headers.build();
        this.body = b.body;
        this.idempotent = b.idempotent != null ? b.idempotent : isIdempotentMethod(method);
        this.operation = b.operation;
    }

    /**
     * Starts a request to {@code endpoint}, whose scheme, host and port are used (its path and
     * query, if any, are ignored: set them with {@link Builder#path} and {@link Builder#query}).
     */
    public static Builder builder(String method, URI endpoint) {
        return new Builder(method, endpoint);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String method() {
        return method;
    }

    public String scheme() {
        return scheme;
    }

    public boolean isSecure() {
        return scheme.equals("https");
    }

    public String host() {
        return host;
    }

    /** The port, or -1 for the scheme's default. */
    public int port() {
        return port;
    }

    /** The value of the Host header: the host, with the port when it is not the scheme's default. */
    public String authority() {
        boolean defaultPort = port == -1 || (port == 443 && isSecure()) || (port == 80 && !isSecure());
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }

    public String encodedPath() {
        return encodedPath;
    }

    public List<QueryParameter> query() {
        return query;
    }

    /** The query string as sent, without the leading {@code ?}; empty when there is none. */
    public String encodedQuery() {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (QueryParameter p : query) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(UriEncoding.encode(p.name()));
            if (!p.value().isEmpty()) {
                sb.append('=').append(UriEncoding.encode(p.value()));
            }
        }
        return sb.toString();
    }

    /** The full URI as sent on the wire. */
    public String uri() {
        String q = encodedQuery();
        return scheme + "://" + authority() + encodedPath + (q.isEmpty() ? "" : "?" + q);
    }

    public HttpHeaders headers() {
        return headers;
    }

    public RequestBody body() {
        return body;
    }

    /**
     * Whether sending this request twice has the same effect as sending it once. Defaults from the
     * method; a service sets it for requests whose method says otherwise (an S3 POST that completes
     * a multipart upload is safe to repeat, an EWS POST that sends mail is not).
     */
    public boolean isIdempotent() {
        return idempotent;
    }

    /** The service operation this request performs, for messages and metrics: {@code PutObject}. */
    public String operation() {
        return operation;
    }

    private static boolean isIdempotentMethod(String method) {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }

    /** Method and URI; headers with secrets masked. Never the body. */
    @Override
    public String toString() {
        return operation + " " + method + " " + uri() + " " + headers;
    }

    /** Assembles a request; not thread-safe. */
    public static final class Builder {
        private String method;
        private String scheme;
        private String host;
        private int port;
        private String encodedPath = "/";
        private final List<QueryParameter> query;
        private final HttpHeaders.Builder headers;
        private RequestBody body = RequestBody.empty();
        private @Nullable Boolean idempotent;
        private String operation = "request";

        private Builder(String method, URI endpoint) {
            this.method = method.toUpperCase(Locale.ROOT);
            this.scheme = requireScheme(endpoint);
            this.host = Objects.requireNonNull(endpoint.getHost(), () -> "endpoint " + endpoint + " has no host");
            this.port = endpoint.getPort();
            this.query = new ArrayList<>(4);
            this.headers = HttpHeaders.builder();
        }

        private Builder(HttpRequest r) {
            this.method = r.method;
            this.scheme = r.scheme;
            this.host = r.host;
            this.port = r.port;
            this.encodedPath = r.encodedPath;
            this.query = new ArrayList<>(r.query);
            this.headers = r.headers.toBuilder();
            this.body = r.body;
            this.idempotent = r.idempotent;
            this.operation = r.operation;
        }

        private static String requireScheme(URI endpoint) {
            String s = endpoint.getScheme();
            if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("endpoint " + endpoint + " must start with http:// or https://");
            }
            return s.toLowerCase(Locale.ROOT);
        }

        public Builder method(String method) {
            this.method = method.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Sets the encoded path; it must start with {@code /}. */
        public Builder path(String encodedPath) {
            if (!encodedPath.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was '" + encodedPath + "'");
            }
            this.encodedPath = encodedPath;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder query(String name, String value) {
            query.add(new QueryParameter(name, value));
            return this;
        }

        /** Adds a query parameter only when the value is not null. */
        public Builder queryIfPresent(String name, @Nullable Object value) {
            return value == null ? this : query(name, value.toString());
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Adds a header only when the value is not null. */
        public Builder headerIfPresent(String name, @Nullable Object value) {
            return value == null ? this : header(name, value.toString());
        }

        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        public Builder headers(HttpHeaders more) {
            headers.addAll(more);
            return this;
        }

        public Builder body(RequestBody body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
