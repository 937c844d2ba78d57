package dev.ferry.testkit.oss;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error the mock answers instead of serving a request, for the next {@code times} requests that
 * match. Either with the usual XML body, or with an empty body and the document in the base64
 * {@code x-oss-err} header, as OSS does for HEAD and some gateways.
 *
 * <pre>{@code
 * server.inject(Fault.xml(503, "ServiceUnavailable", "Please reduce your request rate.").times(2).onMethod("PUT"));
 * }</pre>
 *
 * @param method only requests with this method, or any when null
 * @param query only requests with this query parameter, or any when null
 */
public record Fault(int status, String code, String message, @Nullable String ec, boolean emptyBody, int times,
                    @Nullable String method, @Nullable String query) {

    public Fault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault's status must be 4xx or 5xx, was " + status);
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
    }

    public static Fault xml(int status, String code, String message) {
        return new Fault(status, code, message, null, false, 1, null, null);
    }

    public static Fault emptyBodyWithHeader(int status, String code, String message) {
        return new Fault(status, code, message, null, true, 1, null, null);
    }

    public Fault times(int n) {
        return new Fault(status, code, message, ec, emptyBody, n, method, query);
    }

    public Fault withEc(String ec) {
        return new Fault(status, code, message, ec, emptyBody, times, method, query);
    }

    public Fault onMethod(String method) {
        return new Fault(status, code, message, ec, emptyBody, times, method, query);
    }

    public Fault onQuery(String parameter) {
        return new Fault(status, code, message, ec, emptyBody, times, method, parameter);
    }
}
