package dev.ferry.testkit.oss;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server side of OSS signing, written from OSS's documentation independently of any client: it
 * rebuilds what the client must have signed from the request as received (decoded path, raw query
 * pairs, headers) and computes the expected signature. Kept free of Ferry's code on purpose: a
 * mistake shared by a client and its test server would otherwise go unnoticed.
 */
public final class SignatureCheck {
    private static final HexFormat HEX = HexFormat.of();
    /** V1 signs only these query parameters. */
    private static final TreeSet<String> V1_SUB_RESOURCES = new TreeSet<>(List.of(
            "acl", "append", "bucketInfo", "callback", "callback-var", "cleanRestoredObject", "cloudboxes",
            "continuation-token", "delete", "location", "objectMeta", "partNumber", "position", "regionList",
            "resourceGroup", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "security-token",
            "sequential", "stat", "symlink", "tagging", "uploadId", "uploads", "versionId", "versioning", "versions",
            "x-oss-async-process", "x-oss-process"));

    private SignatureCheck() {
    }

    /** A query parameter as received, decoded. */
    public record Param(String name, String value) {
    }

    /** The V4 canonical request for {@code /bucket/key}. */
    public static String v4CanonicalRequest(String method, @Nullable String bucket, @Nullable String key, List<Param> query,
                                            Map<String, List<String>> headers, List<String> additionalHeaders,
                                            String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(method.toUpperCase(Locale.ROOT)).append('\n');
        String uri = bucket == null ? "/" : "/" + bucket + "/" + (key == null ? "" : percent(key, true));
        out.append(uri).append('\n');
        List<String> pairs = new ArrayList<>();
        for (Param p : query) {
            String n = percent(p.name(), false);
            String v = percent(p.value(), false);
            pairs.add(v.isEmpty() ? n : n + "=" + v);
        }
        // Sorting "name=value" strings would put "a-b" before "a=1" wrongly; sort by name, then value.
        pairs.sort((x, y) -> {
            String xn = x.contains("=") ? x.substring(0, x.indexOf('=')) : x;
            String yn = y.contains("=") ? y.substring(0, y.indexOf('=')) : y;
            int c = xn.compareTo(yn);
            return c != 0 ? c : x.compareTo(y);
        });
        out.append(String.join("&", pairs)).append('\n');
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-") || lower.equals("content-type") || lower.equals("content-md5")
                    || additionalHeaders.contains(lower)) {
                signed.put(lower, String.join(",", values.stream().map(String::trim).toList()));
            }
        });
        signed.forEach((n, v) -> out.append(n).append(':').append(v).append('\n'));
        out.append('\n');
        out.append(String.join(";", additionalHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    public static String v4StringToSign(String isoDateTime, String scope, String canonicalRequest) {
        return "OSS4-HMAC-SHA256\n" + isoDateTime + "\n" + scope + "\n" + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    public static String v4Signature(String secret, String date, String region, String product, String stringToSign) {
        byte[] key = hmac("HmacSHA256", ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac("HmacSHA256", key, region);
        key = hmac("HmacSHA256", key, product);
        key = hmac("HmacSHA256", key, "aliyun_v4_request");
        return HEX.formatHex(hmac("HmacSHA256", key, stringToSign));
    }

    /** The V1 string to sign; {@code dateOrExpires} is the Date header, or the Expires parameter of a presigned URL. */
    public static String v1StringToSign(String method, @Nullable String bucket, @Nullable String key, List<Param> query,
                                        Map<String, List<String>> headers, String dateOrExpires) {
        StringBuilder out = new StringBuilder();
        out.append(method.toUpperCase(Locale.ROOT)).append('\n');
        out.append(first(headers, "content-md5")).append('\n');
        out.append(first(headers, "content-type")).append('\n');
        out.append(dateOrExpires).append('\n');
        TreeMap<String, String> ossHeaders = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-")) {
                ossHeaders.put(lower, String.join(",", values.stream().map(String::trim).toList()));
            }
        });
        ossHeaders.forEach((n, v) -> out.append(n).append(':').append(v).append('\n'));
        out.append('/');
        if (bucket != null) {
            out.append(bucket).append('/').append(key == null ? "" : key);
        }
        TreeMap<String, String> sub = new TreeMap<>();
        for (Param p : query) {
            if (V1_SUB_RESOURCES.contains(p.name())) {
                sub.put(p.name(), p.value());
            }
        }
        String sep = "?";
        for (var e : sub.entrySet()) {
            out.append(sep).append(e.getKey()).append(e.getValue().isEmpty() ? "" : "=" + e.getValue());
            sep = "&";
        }
        return out.toString();
    }

    public static String v1Signature(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /** Constant-time comparison, as a server must do it. */
    public static boolean same(String expected, String provided) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), provided.getBytes(StandardCharsets.UTF_8));
    }

    static String first(Map<String, List<String>> headers, String lowerName) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(lowerName) && !e.getValue().isEmpty()) {
                return e.getValue().get(0).trim();
            }
        }
        return "";
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes; {@code /} kept only in paths. */
    static String percent(String s, boolean path) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (path && c == '/');
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
