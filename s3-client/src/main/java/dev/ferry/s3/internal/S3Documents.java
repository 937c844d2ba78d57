package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.core.xml.XmlWriter;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateMultipartUploadResponse;
import dev.ferry.s3.model.ObjectChecksum;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.Part;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The XML documents and header sets of S3's answers, read into model records; and the request documents. */
final class S3Documents {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String[] CHECKSUM_ALGORITHMS = {"CRC32C", "CRC32", "CRC64NVME", "SHA1", "SHA256"};

    private S3Documents() {
    }

    static CreateMultipartUploadResponse initiateResult(byte[] body, String bucket, String key) {
        String uploadId = null;
        try (XmlReader xml = XmlReader.of(body)) {
            while (xml.nextElement()) {
                if (xml.localName().equals("UploadId")) {
                    uploadId = xml.text();
                }
            }
        }
        if (uploadId == null || uploadId.isBlank()) {
            throw new IllegalStateException("CreateMultipartUpload answered without an UploadId: " + preview(body));
        }
        return new CreateMultipartUploadResponse(bucket, key, uploadId);
    }

    /** The Complete answer, which may be an {@code <Error>} although the status is 200. */
    static CompleteMultipartUploadResponse completeResult(byte[] body, int status, HttpHeaders headers, String bucket,
                                                          String key, String subject) {
        String location = null;
        String eTag = null;
        try (XmlReader xml = XmlReader.of(body)) {
            if (!xml.nextElement()) {
                throw new IllegalStateException(subject + ": the answer has no XML document");
            }
            if (xml.localName().equals("Error")) {
                S3Errors.ErrorDocument error = S3Errors.readError(xml);
                throw S3Errors.fromDocument(error, status, headers.first("x-amz-request-id"), subject);
            }
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "Location" -> location = xml.text();
                    case "ETag" -> eTag = xml.text();
                    default -> xml.skip();
                }
            }
        }
        if (eTag == null) {
            throw new IllegalStateException(subject + ": the answer has no ETag: " + preview(body));
        }
        return new CompleteMultipartUploadResponse(location, bucket, key, eTag, headers.first("x-amz-version-id"),
                headers.first("x-amz-request-id"));
    }

    static byte[] completeDocument(List<CompletedPart> parts) {
        XmlWriter xml = XmlWriter.withDeclaration().start("CompleteMultipartUpload", "xmlns", NAMESPACE);
        for (CompletedPart part : parts) {
            xml.start("Part").element("PartNumber", Integer.toString(part.partNumber())).element("ETag", part.eTag());
            if (part.checksum() != null) {
                xml.element(part.checksum().elementName(), part.checksum().value());
            }
            xml.end("Part");
        }
        return xml.end("CompleteMultipartUpload").toBytes();
    }

    static byte[] createBucketDocument(String locationConstraint) {
        return XmlWriter.withDeclaration().start("CreateBucketConfiguration", "xmlns", NAMESPACE)
                .element("LocationConstraint", locationConstraint).end("CreateBucketConfiguration").toBytes();
    }

    /** One page of ListParts. */
    record PartsPage(List<Part> parts, boolean truncated, @Nullable String nextMarker) {
    }

    static PartsPage partsPage(byte[] body) {
        List<Part> parts = new ArrayList<>();
        boolean truncated = false;
        String next = null;
        try (XmlReader xml = XmlReader.of(body)) {
            if (!xml.nextElement()) {
                throw new IllegalStateException("ListParts answered with an empty document");
            }
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.text().trim());
                    case "NextPartNumberMarker" -> next = xml.text().trim();
                    case "Part" -> parts.add(part(xml));
                    default -> xml.skip();
                }
            }
        }
        return new PartsPage(parts, truncated, next);
    }

    private static Part part(XmlReader xml) {
        int number = 0;
        String eTag = null;
        long size = 0;
        Instant modified = null;
        ObjectChecksum checksum = null;
        int depth = xml.depth();
        while (xml.nextChild(depth)) {
            String name = xml.localName();
            switch (name) {
                case "PartNumber" -> number = Integer.parseInt(xml.text().trim());
                case "ETag" -> eTag = xml.text();
                case "Size" -> size = Long.parseLong(xml.text().trim());
                case "LastModified" -> modified = parseIsoInstant(xml.text().trim());
                default -> {
                    if (name.startsWith("Checksum") && name.length() > 8) {
                        checksum = new ObjectChecksum(name.substring(8), xml.text().trim());
                    } else {
                        xml.skip();
                    }
                }
            }
        }
        return new Part(number, eTag == null ? "" : eTag, size, modified, checksum);
    }

    static ObjectMetadata metadata(HttpHeaders h) {
        Map<String, String> user = new LinkedHashMap<>();
        for (int i = 0; i < h.size(); i++) {
            String name = h.name(i).toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                user.put(name.substring("x-amz-meta-".length()), h.value(i));
            }
        }
        String length = h.first("Content-Length");
        return new ObjectMetadata(
                length == null ? -1 : Long.parseLong(length.trim()),
                h.first("Content-Type"),
                h.first("ETag"),
                parseHttpDate(h.first("Last-Modified")),
                h.first("x-amz-version-id"),
                h.first("x-amz-storage-class"),
                h.first("Content-Range"),
                h.first("Content-Encoding"),
                h.first("Cache-Control"),
                h.first("Content-Disposition"),
                h.first("x-amz-server-side-encryption"),
                user,
                checksum(h),
                h.first("x-amz-request-id"));
    }

    static @Nullable ObjectChecksum checksum(HttpHeaders h) {
        for (String algorithm : CHECKSUM_ALGORITHMS) {
            String value = h.first("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT));
            if (value != null && !value.isBlank()) {
                return new ObjectChecksum(algorithm, value.trim());
            }
        }
        return null;
    }

    static @Nullable Instant parseHttpDate(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static @Nullable Instant parseIsoInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return body.length > 300 ? text + "..." : text;
    }
}
