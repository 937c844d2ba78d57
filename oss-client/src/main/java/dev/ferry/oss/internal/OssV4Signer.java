package dev.ferry.oss.internal;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpRequest.QueryParameter;
import dev.ferry.core.http.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OSS signature version 4 ({@code OSS4-HMAC-SHA256}).
 *
 * <pre>
 * CanonicalRequest = method \n /bucket/key \n query \n headers \n additional-header-names \n UNSIGNED-PAYLOAD
 * StringToSign     = OSS4-HMAC-SHA256 \n x-oss-date \n yyyyMMdd/region/oss/aliyun_v4_request \n hex(sha256(CanonicalRequest))
 * SigningKey       = HMAC(HMAC(HMAC(HMAC("aliyun_v4" + secret, yyyyMMdd), region), "oss"), "aliyun_v4_request")
 * </pre>
 *
 * Every query parameter is signed; of the headers, every {@code x-oss-*} one, {@code content-type},
 * {@code content-md5}, and the additional headers the client was told to sign. The signing key is
 * derived once per day, credentials, region and product, not once per request.
 */
public final class OssV4Signer implements OssSigner {
    public static final String ALGORITHM = "OSS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** OSS refuses presigned V4 URLs that live longer than this. */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    private static final DateTimeFormatter ISO_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final int KEY_CACHE_LIMIT = 64;

    private final String region;
    private final String product;
    private final List<String> additionalHeaders;
    private final Map<KeyId, byte[]> signingKeys = new ConcurrentHashMap<>();

    /**
     * @param region the plain region id, {@code cn-hangzhou}
     * @param product {@code oss}, or {@code oss-cloudbox} for CloudBox (whose id then stands for the region)
     * @param additionalHeaders names of headers to sign besides the default ones, when a request has them
     */
    public OssV4Signer(String region, String product, Collection<String> additionalHeaders) {
        this.region = Objects.requireNonNull(region, "region");
        this.product = Objects.requireNonNull(product, "product");
        this.additionalHeaders = List.copyOf(additionalHeaders);
    }

    public OssV4Signer(String region) {
        this(region, "oss", List.of());
    }

    @Override
    public SigningTrace sign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime) {
        String dateTime = ISO_BASIC.format(signTime);
        String date = dateTime.substring(0, 8);
        HttpRequest.Builder b = request.toBuilder()
                .setHeader("x-oss-date", dateTime)
                .setHeader("x-oss-content-sha256", UNSIGNED_PAYLOAD)
                .setHeader("Date", HTTP_DATE.format(signTime));
        if (credentials.sessionToken() != null) {
            b.setHeader("x-oss-security-token", credentials.sessionToken());
        }
        HttpRequest withDates = b.build();
        TreeSet<String> additional = additionalHeaders(withDates.headers());
        String canonical = canonicalRequest(withDates.method(), resource, withDates.query(), withDates.headers(), additional);
        String scope = scope(date);
        String stringToSign = stringToSign(dateTime, scope, canonical);
        String signature = Hashing.hex(Hashing.hmacSha256(signingKey(credentials, date), stringToSign));
        StringBuilder auth = new StringBuilder(160).append(ALGORITHM).append(" Credential=")
                .append(credentials.accessKeyId()).append('/').append(scope);
        if (!additional.isEmpty()) {
            auth.append(",AdditionalHeaders=").append(String.join(";", additional));
        }
        auth.append(",Signature=").append(signature);
        HttpRequest signed = withDates.toBuilder().setHeader("Authorization", auth.toString()).build();
        return new SigningTrace(signed, canonical, stringToSign, signature);
    }

    @Override
    public SigningTrace presign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime,
                                Instant expiration) {
        long expires = Duration.between(signTime, expiration).getSeconds();
        if (expires <= 0 || expires > MAX_PRESIGN_EXPIRY.getSeconds()) {
            throw new IllegalArgumentException("a presigned V4 URL must expire within 1 second to 7 days of signing, was "
                    + expires + " s");
        }
        String dateTime = ISO_BASIC.format(signTime);
        String date = dateTime.substring(0, 8);
        String scope = scope(date);
        TreeSet<String> additional = additionalHeaders(request.headers());
        HttpRequest.Builder b = request.toBuilder()
                .query("x-oss-signature-version", ALGORITHM)
                .query("x-oss-date", dateTime)
                .query("x-oss-expires", Long.toString(expires))
                .query("x-oss-credential", credentials.accessKeyId() + "/" + scope);
        if (credentials.sessionToken() != null) {
            b.query("x-oss-security-token", credentials.sessionToken());
        }
        if (!additional.isEmpty()) {
            b.query("x-oss-additional-headers", String.join(";", additional));
        }
        HttpRequest withParams = b.build();
        String canonical = canonicalRequest(withParams.method(), resource, withParams.query(), withParams.headers(), additional);
        String stringToSign = stringToSign(dateTime, scope, canonical);
        String signature = Hashing.hex(Hashing.hmacSha256(signingKey(credentials, date), stringToSign));
        HttpRequest signed = withParams.toBuilder().query("x-oss-signature", signature).build();
        return new SigningTrace(signed, canonical, stringToSign, signature);
    }

    private String scope(String date) {
        return date + "/" + region + "/" + product + "/aliyun_v4_request";
    }

    private static String stringToSign(String dateTime, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + Hashing.sha256Hex(canonicalRequest);
    }

    /** The configured additional headers that the request has and that are not signed anyway; lower case, sorted. */
    private TreeSet<String> additionalHeaders(HttpHeaders headers) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : additionalHeaders) {
            String lower = name.toLowerCase(Locale.ROOT).trim();
            if (!isSignedByDefault(lower) && headers.contains(lower)) {
                names.add(lower);
            }
        }
        return names;
    }

    static boolean isSignedByDefault(String lowerName) {
        return lowerName.startsWith("x-oss-") || lowerName.equals("content-type") || lowerName.equals("content-md5");
    }

    static String canonicalRequest(String method, OssResource resource, List<QueryParameter> query, HttpHeaders headers,
                                   TreeSet<String> additional) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(method).append('\n');
        sb.append(canonicalUri(resource)).append('\n');
        appendCanonicalQuery(sb, query);
        sb.append('\n');
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (isSignedByDefault(lower) || additional.contains(lower)) {
                signed.merge(lower, value.trim(), (a, v) -> a + "," + v);
            }
        });
        signed.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('\n');
        sb.append(String.join(";", additional)).append('\n');
        sb.append(UNSIGNED_PAYLOAD);
        return sb.toString();
    }

    /** {@code /bucket/key}, percent-encoded with {@code /} kept, whatever the addressing style. */
    static String canonicalUri(OssResource resource) {
        if (resource.bucket() == null) {
            return "/";
        }
        String key = resource.key();
        return "/" + resource.bucket() + "/" + (key == null ? "" : UriEncoding.encodePath(key));
    }

    private static void appendCanonicalQuery(StringBuilder sb, List<QueryParameter> query) {
        if (query.isEmpty()) {
            return;
        }
        List<String[]> encoded = new ArrayList<>(query.size());
        for (QueryParameter p : query) {
            encoded.add(new String[] {UriEncoding.encode(p.name()), UriEncoding.encode(p.value())});
        }
        encoded.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        for (int i = 0; i < encoded.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(encoded.get(i)[0]);
            if (!encoded.get(i)[1].isEmpty()) {
                sb.append('=').append(encoded.get(i)[1]);
            }
        }
    }

    private byte[] signingKey(Credentials credentials, String date) {
        KeyId id = new KeyId(credentials.accessKeyId(), credentials.secretAccessKey(), date);
        byte[] key = signingKeys.get(id);
        if (key == null) {
            key = deriveKey(credentials.secretAccessKey(), date, region, product);
            if (signingKeys.size() >= KEY_CACHE_LIMIT) {
                // Yesterday's keys and rotated secrets: dropping everything is simpler than an LRU and rare.
                signingKeys.clear();
            }
            signingKeys.put(id, key);
        }
        return key;
    }

    static byte[] deriveKey(String secret, String date, String region, String product) {
        byte[] k = Hashing.hmacSha256(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = Hashing.hmacSha256(k, region);
        k = Hashing.hmacSha256(k, product);
        return Hashing.hmacSha256(k, "aliyun_v4_request");
    }

    /** Identifies a derived key; it holds the secret, so it never prints it. */
    private record KeyId(String accessKeyId, String secret, String date) {
        @Override
        public String toString() {
            return "KeyId[" + accessKeyId + ", " + date + "]";
        }
    }

    @Override
    public String toString() {
        return "OssV4Signer[" + region + ", " + product + "]";
    }
}
