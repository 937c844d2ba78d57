package dev.ferry.oss.internal;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.xml.XmlException;
import dev.ferry.core.xml.XmlReader;
import dev.ferry.oss.OssException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns an error answer into an {@link OssException}: the {@code <Error>} document from the body or,
 * when the body is empty (HEAD, some proxies), from the base64 {@code x-oss-err} header; the EC from
 * the document or the {@code x-oss-ec} header. Decides which errors may pass on a retry, as the
 * official SDKs do: 5xx, 408, 429 and {@code RequestTimeTooSkewed}.
 */
final class OssErrors {
    /** An error document is a few hundred bytes; anything much larger is not one. */
    private static final int MAX_ERROR_BYTES = 256 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private OssErrors() {
    }

    static Mono<OssException> decode(HttpResponse response, OssResource resource, String operation, SigningClock clock) {
        return response.body().asBytes(MAX_ERROR_BYTES)
                .defaultIfEmpty(EMPTY)
                .map(body -> {
                    OssException e = from(response.statusCode(), response.headers(), body, resource, operation);
                    if ("RequestTimeTooSkewed".equals(e.errorCode())) {
                        Instant serverTime = serverTime(e, response.headers());
                        if (serverTime != null) {
                            clock.adjustTo(serverTime);
                        }
                    }
                    return e;
                });
    }

    static OssException from(int status, HttpHeaders headers, byte[] body, OssResource resource, String operation) {
        byte[] document = body;
        if (document.length == 0) {
            String header = headers.first("x-oss-err");
            if (header != null) {
                try {
                    document = Base64.getDecoder().decode(header.trim());
                } catch (IllegalArgumentException notBase64) {
                    document = EMPTY;
                }
            }
        }
        Map<String, String> fields = parse(document);
        String code = fields.remove("Code");
        String message = fields.remove("Message");
        String requestId = firstNonNull(fields.remove("RequestId"), headers.first("x-oss-request-id"));
        String hostId = fields.remove("HostId");
        String ec = firstNonNull(fields.remove("EC"), headers.first("x-oss-ec"));
        boolean retryable = status >= 500 || status == 408 || status == 429 || "RequestTimeTooSkewed".equals(code);
        boolean throttling = status == 429;
        return new OssException(describe(operation, resource, status, code, message, ec, requestId), status, code, message,
                requestId, hostId, ec, resource.toString(), fields, retryable, throttling, retryAfter(headers));
    }

    private static Map<String, String> parse(byte[] document) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (document.length == 0) {
            return fields;
        }
        try (XmlReader xml = XmlReader.of(document)) {
            if (xml.nextElement() && xml.localName().equals("Error")) {
                while (xml.nextChild(1)) {
                    fields.put(xml.localName(), xml.text());
                }
            }
        } catch (XmlException | IllegalStateException notXml) {
            // A proxy's HTML page, or a truncated document: keep what was read, and the start of the body.
            String text = new String(document, 0, Math.min(document.length, 300), StandardCharsets.UTF_8);
            fields.putIfAbsent("Body", text);
        }
        return fields;
    }

    private static String describe(String operation, OssResource resource, int status, @Nullable String code,
                                   @Nullable String message, @Nullable String ec, @Nullable String requestId) {
        StringBuilder sb = new StringBuilder(200);
        sb.append(operation).append(" on ").append(resource).append(" failed: ").append(status);
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message.strip());
        }
        sb.append(" (");
        if (ec != null) {
            sb.append("EC ").append(ec).append(", ");
        }
        sb.append("request id ").append(requestId == null ? "none" : requestId).append(')');
        String advice = advice(status, code);
        if (advice != null) {
            sb.append(". ").append(advice);
        }
        return sb.toString();
    }

    static @Nullable String advice(int status, @Nullable String code) {
        if (code == null) {
            return switch (status) {
                case 403 -> "Access denied: check the credentials, the RAM policy and the bucket policy.";
                case 404 -> "The bucket or object does not exist: check the names and the region or endpoint.";
                default -> status >= 500 ? "OSS had a problem; retried requests may succeed." : null;
            };
        }
        return switch (code) {
            case "SignatureDoesNotMatch" -> "Check the access key secret, the region the client was built with (V4 signs it),"
                    + " the endpoint, and that no proxy rewrote the request; the exception's details() hold OSS's StringToSign.";
            case "InvalidAccessKeyId" -> "Check the access key id: it may be mistyped, disabled or deleted.";
            case "SecurityTokenExpired", "InvalidSecurityToken" -> "Refresh the STS credentials (OSS_SESSION_TOKEN) and try again.";
            case "AccessDenied" -> "Check the RAM policy of the access key and the bucket policy for this action and resource.";
            case "RequestTimeTooSkewed" -> "The local clock is more than 15 minutes off; Ferry signs retries with OSS's time, but synchronise the clock.";
            case "NoSuchBucket" -> "Check the bucket name and that the client's region or endpoint is the bucket's.";
            case "NoSuchKey" -> "Check the object key (keys are case-sensitive, and a leading '/' is not part of them).";
            case "NoSuchUpload" -> "The upload id is wrong, or the upload was already completed or aborted.";
            case "InvalidPart", "InvalidPartOrder" -> "List the parts and complete with the part numbers and ETags they report.";
            case "EntityTooSmall" -> "Every part but the last must be at least 100 KiB.";
            case "FileAlreadyExists" -> "The object exists and the request forbade overwriting it.";
            case "InvalidArgument", "InvalidRequest", "InvalidParameter" -> status == 400
                    ? "Check the request's arguments; for processing, the process instruction (actions, b_/o_ names in URL-safe Base64)."
                    : null;
            case "InvalidBucketName", "InvalidObjectName" -> "Check the name against OSS's naming rules.";
            case "SecondLevelDomainForbidden" -> "Bind a custom domain to the bucket and use Addressing.CNAME with it as the endpoint.";
            default -> status >= 500 ? "OSS had a problem; retried requests may succeed." : null;
        };
    }

    private static @Nullable Instant serverTime(OssException e, HttpHeaders headers) {
        String serverTime = e.details().get("ServerTime");
        try {
            if (serverTime != null) {
                return Instant.parse(serverTime);
            }
            String date = headers.first("Date");
            return date == null ? null : ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.first("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
        return a != null ? a : b;
    }
}
