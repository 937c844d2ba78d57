package dev.ferry.oss.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.core.FerryException;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.core.xml.XmlWriter;
import dev.ferry.oss.model.CompletedPart;
import dev.ferry.oss.model.Part;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The documents OSS sends and takes: JSON processing results, multipart XML. */
final class OssDocuments {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private OssDocuments() {
    }

    /**
     * The top-level scalar fields of a JSON object, as text. Nested values are skipped: the
     * processing answers are flat, and a future nested field must not break today's client.
     */
    static Map<String, String> jsonFields(byte[] json) {
        Map<String, String> fields = new HashMap<>();
        if (json.length == 0) {
            return fields;
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.put(name, p.getText());
                }
            }
        } catch (IOException malformed) {
            // The raw result is handed to the caller as well; fields read so far are kept.
        }
        return fields;
    }

    record InitiateResult(String bucket, String key, String uploadId) {
    }

    static InitiateResult initiateResult(byte[] xml, String bucket, String key) {
        String b = bucket;
        String k = key;
        String uploadId = null;
        try (XmlReader r = XmlReader.of(xml)) {
            while (r.nextElement()) {
                switch (r.localName()) {
                    case "Bucket" -> b = r.text();
                    case "Key" -> k = r.text();
                    case "UploadId" -> uploadId = r.text();
                    default -> {
                    }
                }
            }
        }
        if (uploadId == null || uploadId.isEmpty()) {
            throw new FerryException("InitiateMultipartUpload for oss://" + bucket + "/" + key
                    + " succeeded but its answer has no UploadId");
        }
        return new InitiateResult(b, k, uploadId);
    }

    static Map<String, String> leafFields(byte[] xml) {
        Map<String, String> fields = new HashMap<>();
        if (xml.length == 0) {
            return fields;
        }
        try (XmlReader r = XmlReader.of(xml)) {
            if (r.nextElement()) {
                while (r.nextChild(1)) {
                    fields.put(r.localName(), r.text());
                }
            }
        }
        return fields;
    }

    record PartsPage(List<Part> parts, boolean truncated, int nextMarker) {
    }

    static PartsPage partsPage(byte[] xml) {
        List<Part> parts = new ArrayList<>();
        boolean truncated = false;
        int next = 0;
        try (XmlReader r = XmlReader.of(xml)) {
            if (!r.nextElement()) {
                return new PartsPage(parts, false, 0);
            }
            while (r.nextChild(1)) {
                switch (r.localName()) {
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(r.text().trim());
                    case "NextPartNumberMarker" -> {
                        String text = r.text().trim();
                        next = text.isEmpty() ? 0 : Integer.parseInt(text);
                    }
                    case "Part" -> parts.add(part(r));
                    default -> r.skip();
                }
            }
        }
        return new PartsPage(parts, truncated, next);
    }

    private static Part part(XmlReader r) {
        int depth = r.depth();
        int number = 0;
        String etag = "";
        long size = 0;
        Instant lastModified = null;
        String crc = null;
        while (r.nextChild(depth)) {
            switch (r.localName()) {
                case "PartNumber" -> number = Integer.parseInt(r.text().trim());
                case "ETag" -> etag = unquote(r.text());
                case "Size" -> size = Long.parseLong(r.text().trim());
                case "LastModified" -> lastModified = isoInstant(r.text());
                case "HashCrc64ecma" -> crc = r.text();
                default -> r.skip();
            }
        }
        return new Part(number, etag, size, lastModified, crc);
    }

    static byte[] completeBody(List<CompletedPart> parts) {
        XmlWriter w = XmlWriter.withDeclaration().start("CompleteMultipartUpload");
        for (CompletedPart p : parts) {
            w.start("Part").element("PartNumber", Integer.toString(p.partNumber())).element("ETag", "\"" + p.etag() + "\"").end("Part");
        }
        return w.end("CompleteMultipartUpload").toBytes();
    }

    static @Nullable String unquote(@Nullable String etag) {
        if (etag == null) {
            return null;
        }
        String t = etag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    static @Nullable Instant isoInstant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static @Nullable Instant httpDate(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static long longHeader(HttpHeaders headers, String name, long absent) {
        String v = headers.first(name);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
