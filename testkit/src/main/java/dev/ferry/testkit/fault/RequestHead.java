package dev.ferry.testkit.fault;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request line and headers of a request the proxy saw, to choose faults by and to assert on.
 *
 * @param number the request's place among all the proxy saw, from 1
 * @param connection the client connection it came on, from 1
 * @param target the request target as sent: path and query, still percent-encoded
 * @param headers header names in lower case, each with its first value
 * @param fault the fault applied to it, or null
 */
public record RequestHead(int number, int connection, String method, String target, Map<String, String> headers,
                          @Nullable Fault fault) {

    public RequestHead {
        headers = Map.copyOf(headers);
    }

    /** The path, without the query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The query without {@code ?}; empty when there is none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** A query parameter's raw (encoded) value; "" for a bare name; null when absent. */
    public @Nullable String queryParameter(String name) {
        for (String pair : query().split("&")) {
            int eq = pair.indexOf('=');
            String n = eq < 0 ? pair : pair.substring(0, eq);
            if (n.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** An S3 UploadPart: a PUT with {@code partNumber} and {@code uploadId}. */
    public boolean isUploadPart() {
        return method.equals("PUT") && queryParameter("partNumber") != null && queryParameter("uploadId") != null;
    }

    /** An S3 GET of an object with a Range header. */
    public boolean isRangedGet() {
        return method.equals("GET") && header("range") != null;
    }

    RequestHead withFault(@Nullable Fault applied) {
        return new RequestHead(number, connection, method, target, headers, applied);
    }

    @Override
    public String toString() {
        return "#" + number + " (connection " + connection + ") " + method + " " + target + (fault != null ? " <- " + fault : "");
    }
}
