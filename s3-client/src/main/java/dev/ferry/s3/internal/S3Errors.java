package dev.ferry.s3.internal;

import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.xml.XmlException;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.s3.S3Exception;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns an S3 error answer into an {@link S3Exception}: the {@code <Error>} document when there is
 * one, the status alone when there is not (HEAD), and the retry classification S3's documentation
 * gives for each code.
 */
final class S3Errors {
    /** Errors that mean "try again later": the request was not applied. */
    private static final Set<String> RETRYABLE_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "RequestTimeTooSkewed", "Throttling", "ThrottlingException", "RequestLimitExceeded",
            "RequestThrottled", "BandwidthLimitExceeded", "PriorRequestNotComplete", "EC2ThrottledException",
            "IDPCommunicationError", "TransactionInProgress");
    private static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "RequestThrottled", "BandwidthLimitExceeded", "TooManyRequestsException");
    /** Errors a repeat cannot fix, whatever the status says. */
    private static final Set<String> NEVER_RETRY = Set.of("BadDigest", "InvalidDigest", "SignatureDoesNotMatch",
            "NoSuchUpload", "InvalidPart", "InvalidPartOrder", "EntityTooSmall", "EntityTooLarge", "AccessDenied",
            "InvalidAccessKeyId", "XAmzContentSHA256Mismatch", "NoSuchKey", "NoSuchBucket", "PreconditionFailed");

    private S3Errors() {
    }

    /**
     * Reads the error answer and fails with the exception. {@code clockSkew} receives the offset
     * between the server's clock and ours when S3 says our clock is wrong, so the retry signs right.
     */
    static <T> Mono<T> fail(HttpResponse response, String subject, LongConsumer clockSkew) {
        return response.body().asBytes(1024 * 1024)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> Mono.error(decode(response, body, subject, clockSkew)));
    }

    static S3Exception decode(HttpResponse response, byte[] body, String subject, LongConsumer clockSkew) {
        int status = response.statusCode();
        ErrorDocument doc = body.length > 0 ? parse(body) : null;
        String code = doc != null && doc.code != null ? doc.code : codeForStatus(status);
        String requestId = doc != null && doc.requestId != null ? doc.requestId : response.headers().first("x-amz-request-id");
        String hostId = doc != null && doc.hostId != null ? doc.hostId : response.headers().first("x-amz-id-2");
        if ("RequestTimeTooSkewed".equals(code)) {
            recordSkew(response, clockSkew);
        }
        return exception(status, code, doc != null ? doc.message : null, doc != null ? doc.resource : null, requestId,
                hostId, response.headers().first("Retry-After"), subject);
    }

    /** An error S3 sent inside a 200 answer (CompleteMultipartUpload, CopyObject). */
    static S3Exception fromDocument(ErrorDocument doc, int status, @Nullable String requestIdHeader, String subject) {
        String code = doc.code != null ? doc.code : "InternalError";
        return exception(status, code, doc.message, doc.resource, doc.requestId != null ? doc.requestId : requestIdHeader,
                doc.hostId, null, subject);
    }

    private static S3Exception exception(int status, String code, @Nullable String message, @Nullable String resource,
                                         @Nullable String requestId, @Nullable String hostId, @Nullable String retryAfter,
                                         String subject) {
        boolean retryable = !NEVER_RETRY.contains(code)
                && (RETRYABLE_CODES.contains(code) || status == 500 || status == 502 || status == 503 || status == 504
                || status == 408 || status == 429);
        boolean throttling = THROTTLING_CODES.contains(code) || status == 429 || (status == 503 && !"ServiceUnavailable".equals(code));
        StringBuilder text = new StringBuilder(subject).append(" failed: ").append(status).append(' ').append(code);
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        text.append(hint(code));
        if (requestId != null) {
            text.append(" (request id ").append(requestId).append(')');
        }
        return new S3Exception(text.toString(), status, code, message, resource, requestId, hostId, retryable, throttling,
                parseRetryAfter(retryAfter));
    }

    /** A pointer to the likely cause, for the errors users most often misread. */
    private static String hint(String code) {
        return switch (code) {
            case "SignatureDoesNotMatch" -> " [check the secret key, the region and the endpoint]";
            case "InvalidAccessKeyId" -> " [the access key id is unknown to this server]";
            case "BadDigest" -> " [the body does not match its Content-MD5 or checksum: it changed in transit or the digest is wrong]";
            case "XAmzContentSHA256Mismatch" -> " [the body does not match its SHA-256, or this server does not accept the payload mode]";
            case "AuthorizationHeaderMalformed" -> " [usually the wrong region for this bucket]";
            case "NoSuchUpload" -> " [the upload was completed, aborted or never existed]";
            case "EntityTooSmall" -> " [every part but the last must be at least 5 MiB]";
            default -> "";
        };
    }

    private static String codeForStatus(int status) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 304 -> "NotModified";
            case 400 -> "BadRequest";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 416 -> "InvalidRange";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> "Http" + status;
        };
    }

    private static @Nullable Duration parseRetryAfter(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void recordSkew(HttpResponse response, LongConsumer clockSkew) {
        String date = response.headers().first("Date");
        if (date != null) {
            try {
                Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                clockSkew.accept(server.toEpochMilli() - System.currentTimeMillis());
            } catch (DateTimeParseException ignored) {
                // No usable server time: the retry signs with our clock, and fails the same way.
            }
        }
    }

    /** The fields of {@code <Error>}. */
    static final class ErrorDocument {
        @Nullable String code;
        @Nullable String message;
        @Nullable String resource;
        @Nullable String requestId;
        @Nullable String hostId;
    }

    static @Nullable ErrorDocument parse(byte[] body) {
        try (XmlReader xml = XmlReader.of(body)) {
            if (!xml.nextElement() || !xml.localName().equals("Error")) {
                return null;
            }
            return readError(xml);
        } catch (XmlException e) {
            return null;
        }
    }

    /** Reads the children of an {@code <Error>} element the reader is positioned on. */
    static ErrorDocument readError(XmlReader xml) {
        ErrorDocument doc = new ErrorDocument();
        int depth = xml.depth();
        while (xml.nextChild(depth)) {
            switch (xml.localName()) {
                case "Code" -> doc.code = xml.text();
                case "Message" -> doc.message = xml.text();
                case "Resource" -> doc.resource = xml.text();
                case "RequestId" -> doc.requestId = xml.text();
                case "HostId" -> doc.hostId = xml.text();
                default -> xml.skip();
            }
        }
        return doc;
    }
}
