package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.core.xml.XmlWriter;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.Bucket;
import dev.ferry.s3.model.CreateMultipartUploadResponse;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.DeleteObjectsResponse;
import dev.ferry.s3.model.ListObjectsPage;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.s3.model.S3Object;
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

    /**
     * The ETag S3 gives a completed multipart object: the MD5 of the parts' binary MD5s, then
     * {@code -N}. Ceph RGW 16 answers Complete with an empty {@code <ETag/>} (its HEAD has the real
     * one); this fills it in when every part's ETag is a plain MD5, else it is null (SSE-KMS and
     * SSE-C ETags are opaque, and so are other stores' ETags).
     */
    static @Nullable String multipartETag(List<CompletedPart> parts) {
        java.security.MessageDigest md5;
        try {
            md5 = java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        for (CompletedPart part : parts) {
            String hex = part.eTag().replace("\"", "");
            if (!hex.matches("[0-9a-fA-F]{32}")) {
                return null;
            }
            md5.update(java.util.HexFormat.of().parseHex(hex));
        }
        return "\"" + java.util.HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
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

    /** One page of ListObjectsV2, asked with {@code encoding-type=url} so any key survives XML. */
    record ObjectsPage(ListObjectsPage page, @Nullable String continuationToken) {
    }

    static ObjectsPage objectsPage(byte[] body) {
        List<S3Object> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean truncated = false;
        boolean urlEncoded = false;
        String next = null;
        try (XmlReader xml = XmlReader.of(body)) {
            requireRoot(xml, "ListBucketResult", body);
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.text().trim());
                    case "NextContinuationToken" -> next = xml.text();
                    case "EncodingType" -> urlEncoded = "url".equalsIgnoreCase(xml.text().trim());
                    case "Contents" -> objects.add(object(xml));
                    case "CommonPrefixes" -> {
                        int d = xml.depth();
                        while (xml.nextChild(d)) {
                            if (xml.localName().equals("Prefix")) {
                                prefixes.add(xml.text());
                            } else {
                                xml.skip();
                            }
                        }
                    }
                    default -> xml.skip();
                }
            }
        }
        if (urlEncoded) {
            objects.replaceAll(o -> new S3Object(decodeUrl(o.key()), o.size(), o.eTag(), o.lastModified(), o.storageClass()));
            prefixes.replaceAll(S3Documents::decodeUrl);
        }
        return new ObjectsPage(new ListObjectsPage(objects, prefixes, truncated), truncated ? next : null);
    }

    /** S3's url encoding of keys in listings is form encoding: '+' is a space. */
    private static String decodeUrl(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static S3Object object(XmlReader xml) {
        String key = null;
        long size = 0;
        String eTag = null;
        Instant modified = null;
        String storageClass = null;
        int depth = xml.depth();
        while (xml.nextChild(depth)) {
            switch (xml.localName()) {
                case "Key" -> key = xml.text();
                case "Size" -> size = Long.parseLong(xml.text().trim());
                case "ETag" -> eTag = xml.text();
                case "LastModified" -> modified = parseIsoInstant(xml.text().trim());
                case "StorageClass" -> storageClass = xml.text();
                default -> xml.skip();
            }
        }
        return new S3Object(key == null ? "" : key, size, eTag, modified, storageClass);
    }

    record UploadsPage(List<MultipartUpload> uploads, boolean truncated, @Nullable String nextKeyMarker,
                       @Nullable String nextUploadIdMarker) {
    }

    static UploadsPage uploadsPage(byte[] body) {
        List<MultipartUpload> uploads = new ArrayList<>();
        boolean truncated = false;
        String nextKey = null;
        String nextUploadId = null;
        try (XmlReader xml = XmlReader.of(body)) {
            requireRoot(xml, "ListMultipartUploadsResult", body);
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.text().trim());
                    case "NextKeyMarker" -> nextKey = xml.text();
                    case "NextUploadIdMarker" -> nextUploadId = xml.text();
                    case "Upload" -> {
                        String key = null;
                        String uploadId = null;
                        Instant initiated = null;
                        String storageClass = null;
                        int d = xml.depth();
                        while (xml.nextChild(d)) {
                            switch (xml.localName()) {
                                case "Key" -> key = xml.text();
                                case "UploadId" -> uploadId = xml.text();
                                case "Initiated" -> initiated = parseIsoInstant(xml.text().trim());
                                case "StorageClass" -> storageClass = xml.text();
                                default -> xml.skip();
                            }
                        }
                        if (key != null && uploadId != null) {
                            uploads.add(new MultipartUpload(key, uploadId, initiated, storageClass));
                        }
                    }
                    default -> xml.skip();
                }
            }
        }
        return new UploadsPage(uploads, truncated, nextKey, nextUploadId);
    }

    record BucketsPage(List<Bucket> buckets, @Nullable String continuationToken) {
    }

    static BucketsPage bucketsPage(byte[] body) {
        List<Bucket> buckets = new ArrayList<>();
        String next = null;
        try (XmlReader xml = XmlReader.of(body)) {
            requireRoot(xml, "ListAllMyBucketsResult", body);
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "ContinuationToken" -> next = xml.text();
                    case "Buckets" -> {
                        int d = xml.depth();
                        while (xml.nextChild(d)) {
                            String name = null;
                            Instant created = null;
                            int b = xml.depth();
                            while (xml.nextChild(b)) {
                                switch (xml.localName()) {
                                    case "Name" -> name = xml.text();
                                    case "CreationDate" -> created = parseIsoInstant(xml.text().trim());
                                    default -> xml.skip();
                                }
                            }
                            if (name != null) {
                                buckets.add(new Bucket(name, created));
                            }
                        }
                    }
                    default -> xml.skip();
                }
            }
        }
        return new BucketsPage(buckets, next == null || next.isBlank() ? null : next);
    }

    static byte[] deleteDocument(DeleteObjectsRequest request) {
        XmlWriter xml = XmlWriter.withDeclaration().start("Delete", "xmlns", NAMESPACE);
        if (request.quiet()) {
            xml.element("Quiet", "true");
        }
        for (DeleteObjectsRequest.ObjectId id : request.objects()) {
            xml.start("Object").element("Key", id.key());
            if (id.versionId() != null) {
                xml.element("VersionId", id.versionId());
            }
            xml.end("Object");
        }
        return xml.end("Delete").toBytes();
    }

    static DeleteObjectsResponse deleteResult(byte[] body) {
        List<DeleteObjectsResponse.Deleted> deleted = new ArrayList<>();
        List<DeleteObjectsResponse.Failed> failed = new ArrayList<>();
        try (XmlReader xml = XmlReader.of(body)) {
            requireRoot(xml, "DeleteResult", body);
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                boolean isError = xml.localName().equals("Error");
                if (!isError && !xml.localName().equals("Deleted")) {
                    xml.skip();
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                int d = xml.depth();
                while (xml.nextChild(d)) {
                    fields.put(xml.localName(), xml.text());
                }
                String key = fields.getOrDefault("Key", "");
                if (isError) {
                    failed.add(new DeleteObjectsResponse.Failed(key, fields.get("VersionId"),
                            fields.getOrDefault("Code", "InternalError"), fields.get("Message")));
                } else {
                    deleted.add(new DeleteObjectsResponse.Deleted(key, fields.get("VersionId"),
                            Boolean.parseBoolean(fields.getOrDefault("DeleteMarker", "false"))));
                }
            }
        }
        return new DeleteObjectsResponse(deleted, failed);
    }

    /** CopyObject and UploadPartCopy: {@code <CopyObjectResult>}/{@code <CopyPartResult>}, or an {@code <Error>} inside a 200. */
    record CopyResult(String eTag, @Nullable Instant lastModified) {
    }

    static CopyResult copyResult(byte[] body, int status, HttpHeaders headers, String subject) {
        String eTag = null;
        Instant modified = null;
        try (XmlReader xml = XmlReader.of(body)) {
            if (!xml.nextElement()) {
                throw new IllegalStateException(subject + ": the answer has no XML document");
            }
            if (xml.localName().equals("Error")) {
                throw S3Errors.fromDocument(S3Errors.readError(xml), status, headers.first("x-amz-request-id"), subject);
            }
            int depth = xml.depth();
            while (xml.nextChild(depth)) {
                switch (xml.localName()) {
                    case "ETag" -> eTag = xml.text();
                    case "LastModified" -> modified = parseIsoInstant(xml.text().trim());
                    default -> xml.skip();
                }
            }
        }
        if (eTag == null) {
            throw new IllegalStateException(subject + ": the answer has no ETag: " + preview(body));
        }
        return new CopyResult(eTag, modified);
    }

    private static void requireRoot(XmlReader xml, String root, byte[] body) {
        if (!xml.nextElement() || !xml.localName().equals(root)) {
            throw new IllegalStateException("expected a <" + root + "> document, got: " + preview(body));
        }
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
