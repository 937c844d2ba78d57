package dev.ferry.testkit.oss;

import java.util.List;
import java.util.Map;

/**
 * A request the mock received and how it answered: for tests that count attempts or look at what
 * was sent.
 *
 * @param uri the request target as received (path and query, still encoded)
 * @param headers names in lower case
 */
public record RecordedRequest(String method, String host, String uri, Map<String, List<String>> headers, int bodyLength,
                              int status, String errorCode) {

    public String header(String lowerName) {
        List<String> values = headers.get(lowerName);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
