package dev.ferry.oss.internal;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpRequest.QueryParameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * OSS signature version 1 (HMAC-SHA1), for endpoints and tools that predate V4.
 *
 * <pre>
 * StringToSign = method \n Content-MD5 \n Content-Type \n Date (or Expires) \n x-oss-headers /bucket/key?sub-resources
 * Authorization: OSS accessKeyId:base64(hmac-sha1(secret, StringToSign))
 * </pre>
 *
 * Unlike V4, only the query parameters OSS counts as sub-resources are signed, with their values
 * as they are (not encoded), and the key is not encoded either.
 */
public final class OssV1Signer implements OssSigner {
    /** The query parameters V1 signs; every other one is left out of the string to sign. */
    static final Set<String> SUB_RESOURCES = Set.of(
            "acl", "bucketInfo", "location", "stat", "delete", "append", "tagging", "objectMeta", "uploads", "uploadId",
            "partNumber", "security-token", "position", "response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "restore", "callback", "callback-var", "versions", "versioning", "versionId", "sequential",
            "continuation-token", "regionList", "cloudboxes", "symlink", "resourceGroup", "cleanRestoredObject",
            "x-oss-process", "x-oss-async-process");

    @Override
    public SigningTrace sign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime) {
        HttpRequest.Builder b = request.toBuilder().setHeader("Date", OssV4Signer.HTTP_DATE.format(signTime));
        if (credentials.sessionToken() != null) {
            b.setHeader("x-oss-security-token", credentials.sessionToken());
        }
        HttpRequest dated = b.build();
        String date = dated.headers().first("Date");
        String stringToSign = stringToSign(dated, resource, date);
        String signature = signature(credentials, stringToSign);
        HttpRequest signed = dated.toBuilder()
                .setHeader("Authorization", "OSS " + credentials.accessKeyId() + ":" + signature)
                .build();
        return new SigningTrace(signed, "", stringToSign, signature);
    }

    @Override
    public SigningTrace presign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime,
                                Instant expiration) {
        long expires = expiration.getEpochSecond();
        if (!expiration.isAfter(signTime)) {
            throw new IllegalArgumentException("a presigned URL must expire after it is signed, was " + expiration);
        }
        HttpRequest.Builder b = request.toBuilder();
        if (credentials.sessionToken() != null) {
            b.query("security-token", credentials.sessionToken());
        }
        HttpRequest withToken = b.build();
        String stringToSign = stringToSign(withToken, resource, Long.toString(expires));
        String signature = signature(credentials, stringToSign);
        HttpRequest signed = withToken.toBuilder()
                .query("OSSAccessKeyId", credentials.accessKeyId())
                .query("Expires", Long.toString(expires))
                .query("Signature", signature)
                .build();
        return new SigningTrace(signed, "", stringToSign, signature);
    }

    private static String signature(Credentials credentials, String stringToSign) {
        byte[] mac = Hashing.hmacSha1(credentials.secretAccessKey().getBytes(StandardCharsets.UTF_8), stringToSign);
        return Base64.getEncoder().encodeToString(mac);
    }

    static String stringToSign(HttpRequest request, OssResource resource, String dateOrExpires) {
        HttpHeaders headers = request.headers();
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method()).append('\n');
        sb.append(valueOrEmpty(headers.first("Content-MD5"))).append('\n');
        sb.append(valueOrEmpty(headers.first("Content-Type"))).append('\n');
        sb.append(dateOrExpires).append('\n');
        TreeMap<String, String> ossHeaders = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-")) {
                ossHeaders.merge(lower, value.trim(), (a, v) -> a + "," + v);
            }
        });
        ossHeaders.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('/');
        if (resource.bucket() != null) {
            sb.append(resource.bucket()).append('/');
            if (resource.key() != null) {
                sb.append(resource.key());
            }
        }
        TreeMap<String, String> subResources = new TreeMap<>();
        for (QueryParameter p : request.query()) {
            if (SUB_RESOURCES.contains(p.name())) {
                subResources.put(p.name(), p.value());
            }
        }
        char separator = '?';
        for (var e : subResources.entrySet()) {
            sb.append(separator).append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
            separator = '&';
        }
        return sb.toString();
    }

    private static String valueOrEmpty(@Nullable String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public String toString() {
        return "OssV1Signer";
    }
}
