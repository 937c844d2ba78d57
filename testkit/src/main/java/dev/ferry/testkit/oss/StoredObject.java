package dev.ferry.testkit.oss;

import java.time.Instant;
import java.util.Map;

/** An object as the mock keeps it. */
public record StoredObject(byte[] content, String contentType, String etag, Instant lastModified, String objectType,
                           Map<String, String> metadata, Map<String, String> headers) {
    public StoredObject {
        metadata = Map.copyOf(metadata);
        headers = Map.copyOf(headers);
    }

    public String crc64() {
        return Crc64.header(content);
    }
}
