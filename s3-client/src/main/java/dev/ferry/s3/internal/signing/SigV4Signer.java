package dev.ferry.s3.internal.signing;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.UriEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4, in the {@code Authorization} header ({@link #sign}) or in the query of a
 * presigned URL ({@link #presign}). Immutable and thread-safe; one per service and region.
 *
 * <pre>{@code
 * SigV4Signer signer = SigV4Signer.forS3("eu-west-1");
 * SignedRequest signed = signer.sign(request, credentials, Instant.now(), SigV4Signer.sha256Hex(body));
 * engine.exchange(signed.request(), ...);
 *
 * URI url = URI.create(signer.presign(get, credentials, Instant.now(), Duration.ofHours(1)).request().uri());
 * }</pre>
 *
 * <p>Signing a small request is two hashes and an HMAC: the derived key is cached per secret and day,
 * and each thread reuses its SHA-256 and HMAC instances.
 */
public final class SigV4Signer {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** SHA-256 of no bytes: the payload hash of a request without a body. */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The payload hash of a request whose body is not signed (S3 over TLS, presigned URLs). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Presigned URLs live at most 7 days: S3 refuses a longer {@code X-Amz-Expires}. */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
    static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
    static final String AUTHORIZATION = "Authorization";

    private static final String[] PRESIGN_PARAMETERS = {"X-Amz-Algorithm", "X-Amz-Credential", X_AMZ_DATE, "X-Amz-Expires",
            "X-Amz-SignedHeaders", X_AMZ_SECURITY_TOKEN, "X-Amz-Signature"};
    private static final int KEY_CACHE_LIMIT = 64;

    private final String service;
    private final String region;
    private final SigningRules rules;
    private final HeaderPolicy headerPolicy;

    /** The key most recently used: with one credential, every request of the day hits it. */
    private volatile @Nullable CachedKey lastKey;
    /** Keys of other credentials (rotated keys, several tenants); cleared when it grows past a few. */
    private final ConcurrentHashMap<KeyId, SigningKey> keys = new ConcurrentHashMap<>();

    /** The X-Amz-Date of the last second signed in: requests come many a second. */
    private volatile @Nullable Stamp lastStamp;

    private record CachedKey(String secret, String date, SigningKey key) {
    }

    private record Stamp(long epochSecond, String dateTime) {
    }

    private record KeyId(String secret, String date) {
        @Override
        public String toString() {
            return "KeyId[" + date + ", secret=***]";
        }
    }

    public SigV4Signer(String service, String region, SigningRules rules, HeaderPolicy headerPolicy) {
        this.service = requireScopePart(service, "service");
        this.region = requireScopePart(region, "region");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.headerPolicy = Objects.requireNonNull(headerPolicy, "headerPolicy");
    }

    /** The signer S3 and S3-compatible stores expect: {@link SigningRules#S3}, {@link HeaderPolicy#S3}. */
    public static SigV4Signer forS3(String region) {
        return new SigV4Signer("s3", region, SigningRules.S3, HeaderPolicy.S3);
    }

    private static String requireScopePart(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.indexOf('/') >= 0 || !value.strip().equals(value)) {
            throw new IllegalArgumentException(what + " must be a non-blank name without '/' or surrounding spaces, was '" + value + "'");
        }
        return value;
    }

    public String service() {
        return service;
    }

    public String region() {
        return region;
    }

    public SigningRules rules() {
        return rules;
    }

    public HeaderPolicy headerPolicy() {
        return headerPolicy;
    }

    /** Lower-case hex SHA-256 of the bytes: the payload hash of a body held in memory. */
    public static String sha256Hex(byte[] data) {
        return Hashing.hex(Hashing.sha256(data));
    }

    /** Lower-case hex SHA-256 of the buffer's remaining bytes; its position is left alone. */
    public static String sha256Hex(ByteBuffer data) {
        return Hashing.hex(Hashing.sha256(data));
    }

    /** Lower-case hex SHA-256 of the string's UTF-8 bytes. */
    public static String sha256Hex(String data) {
        return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signs the request in the {@code Authorization} header. Adds {@code X-Amz-Date},
     * {@code x-amz-content-sha256} when the rules want it, {@code X-Amz-Security-Token} when the
     * credentials carry one, and replaces any of these (and {@code Authorization}) already present,
     * so a request may be signed again for a retry.
     *
     * @param payloadHash hex SHA-256 of the body, {@link #EMPTY_PAYLOAD_SHA256}, {@link #UNSIGNED_PAYLOAD}
     *     or one of the aws-chunked values ({@link AwsChunkedEncoder.Mode#payloadHash()})
     */
    public SignedRequest sign(HttpRequest request, Credentials credentials, Instant time, String payloadHash) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        if (payloadHash.isEmpty()) {
            throw new IllegalArgumentException("payload hash must not be empty; use EMPTY_PAYLOAD_SHA256 for a request without a body");
        }
        String dateTime = stamp(time);
        String date = dateTime.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String token = credentials.sessionToken();
        boolean signToken = token != null && rules.signSessionToken();

        HeaderList signed = new HeaderList(request.headers().size() + 4);
        collectHeaders(request, signed, true, token != null);
        signed.add("x-amz-date", dateTime);
        if (rules.contentSha256Header()) {
            signed.add(X_AMZ_CONTENT_SHA256, payloadHash);
        }
        if (signToken) {
            signed.add("x-amz-security-token", token);
        }
        signed.sort();

        StringBuilder sb = new StringBuilder(512);
        appendCanonicalStart(sb, request);
        appendCanonicalQuery(sb, request.query(), null);
        sb.append('\n');
        String signedHeaders = signed.appendCanonical(sb);
        sb.append(payloadHash);
        String canonicalRequest = sb.toString();

        SigningKey key = signingKey(credentials.secretAccessKey(), date);
        String stringToSign = stringToSign(dateTime, scope, canonicalRequest);
        String signature = Hashing.hex(Hashing.hmac(key.bytes(), stringToSign));

        HttpRequest.Builder out = request.toBuilder().removeHeader(AUTHORIZATION).setHeader(X_AMZ_DATE, dateTime);
        if (rules.contentSha256Header()) {
            out.setHeader(X_AMZ_CONTENT_SHA256, payloadHash);
        }
        if (token != null) {
            out.setHeader(X_AMZ_SECURITY_TOKEN, token);
        }
        sb.setLength(0);
        sb.append(ALGORITHM).append(" Credential=").append(credentials.accessKeyId()).append('/').append(scope)
                .append(", SignedHeaders=").append(signedHeaders).append(", Signature=").append(signature);
        out.setHeader(AUTHORIZATION, sb.toString());
        return new SignedRequest(out.build(), canonicalRequest, stringToSign, signature, dateTime, scope, key);
    }

    /**
     * Presigns the request: its query gains {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
     * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, the session token if
     * any, and {@code X-Amz-Signature}, so that {@link HttpRequest#uri()} of the result is the URL.
     * Headers the policy signs must be sent as they are by whoever uses the URL. The payload is
     * {@code UNSIGNED-PAYLOAD} under S3 rules, the hash of an empty body otherwise.
     *
     * @param expiresIn 1 second to 7 days; fractions of a second are dropped
     */
    public SignedRequest presign(HttpRequest request, Credentials credentials, Instant time, Duration expiresIn) {
        return presign(request, credentials, time, expiresIn, rules.unsignedPresignedPayload() ? UNSIGNED_PAYLOAD : EMPTY_PAYLOAD_SHA256);
    }

    /** Presigns the request, claiming the given payload hash (a body's SHA-256, or {@link #UNSIGNED_PAYLOAD}). */
    public SignedRequest presign(HttpRequest request, Credentials credentials, Instant time, Duration expiresIn, String payloadHash) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (payloadHash.isEmpty()) {
            throw new IllegalArgumentException("payload hash must not be empty; use UNSIGNED-PAYLOAD to leave the body unsigned");
        }
        if (expiresIn.compareTo(Duration.ofSeconds(1)) < 0 || expiresIn.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException("a presigned URL must expire in 1 second to 7 days (604800 s), was "
                    + (expiresIn.getNano() == 0 ? expiresIn.getSeconds() + " s" : expiresIn.toMillis() + " ms"));
        }
        for (HttpRequest.QueryParameter p : request.query()) {
            for (String reserved : PRESIGN_PARAMETERS) {
                if (p.name().equalsIgnoreCase(reserved)) {
                    throw new IllegalArgumentException("the request already has the query parameter " + p.name()
                            + ": presign the request before it is presigned or signed, not after");
                }
            }
        }
        String dateTime = stamp(time);
        String date = dateTime.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String token = credentials.sessionToken();

        HeaderList signed = new HeaderList(request.headers().size() + 1);
        collectHeaders(request, signed, false, false);
        signed.sort();
        String signedHeaderNames = signed.names();

        List<HttpRequest.QueryParameter> auth = new ArrayList<>(7);
        auth.add(new HttpRequest.QueryParameter("X-Amz-Algorithm", ALGORITHM));
        auth.add(new HttpRequest.QueryParameter("X-Amz-Credential", credentials.accessKeyId() + "/" + scope));
        auth.add(new HttpRequest.QueryParameter(X_AMZ_DATE, dateTime));
        auth.add(new HttpRequest.QueryParameter("X-Amz-Expires", Long.toString(expiresIn.getSeconds())));
        auth.add(new HttpRequest.QueryParameter("X-Amz-SignedHeaders", signedHeaderNames));
        boolean tokenSigned = token != null && rules.signSessionToken();
        if (tokenSigned) {
            auth.add(new HttpRequest.QueryParameter(X_AMZ_SECURITY_TOKEN, token));
        }

        StringBuilder sb = new StringBuilder(512);
        appendCanonicalStart(sb, request);
        appendCanonicalQuery(sb, request.query(), auth);
        sb.append('\n');
        signed.appendCanonical(sb);
        sb.append(payloadHash);
        String canonicalRequest = sb.toString();

        SigningKey key = signingKey(credentials.secretAccessKey(), date);
        String stringToSign = stringToSign(dateTime, scope, canonicalRequest);
        String signature = Hashing.hex(Hashing.hmac(key.bytes(), stringToSign));

        HttpRequest.Builder out = request.toBuilder();
        for (HttpRequest.QueryParameter p : auth) {
            out.query(p.name(), p.value());
        }
        if (token != null && !tokenSigned) {
            out.query(X_AMZ_SECURITY_TOKEN, token);
        }
        out.query("X-Amz-Signature", signature);
        return new SignedRequest(out.build(), canonicalRequest, stringToSign, signature, dateTime, scope, key);
    }

    /** The signing key of this signer's region and service, derived once per secret and day. */
    public SigningKey signingKey(String secretAccessKey, String date) {
        CachedKey last = lastKey;
        if (last != null && last.date.equals(date) && last.secret.equals(secretAccessKey)) {
            return last.key;
        }
        KeyId id = new KeyId(secretAccessKey, date);
        SigningKey key = keys.get(id);
        if (key == null) {
            if (keys.size() >= KEY_CACHE_LIMIT) {
                // Yesterday's keys and those of retired credentials: cheaper to forget all than to track age.
                keys.clear();
            }
            key = SigningKey.derive(secretAccessKey, date, region, service);
            keys.put(id, key);
        }
        lastKey = new CachedKey(secretAccessKey, date, key);
        return key;
    }

    private static String stringToSign(String dateTime, String scope, String canonicalRequest) {
        String hash = Hashing.hex(Hashing.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return new StringBuilder(ALGORITHM.length() + dateTime.length() + scope.length() + 67)
                .append(ALGORITHM).append('\n').append(dateTime).append('\n').append(scope).append('\n').append(hash)
                .toString();
    }

    private String stamp(Instant time) {
        Stamp last = lastStamp;
        if (last != null && last.epochSecond == time.getEpochSecond()) {
            return last.dateTime;
        }
        String dateTime = dateTime(time);
        lastStamp = new Stamp(time.getEpochSecond(), dateTime);
        return dateTime;
    }

    /** {@code 20130524T000000Z}, written digit by digit: a formatter costs more than the signature. */
    static String dateTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("signing time must be in years 1000..9999, was " + time);
        }
        char[] c = new char[16];
        digits(c, 0, year, 4);
        digits(c, 4, t.getMonthValue(), 2);
        digits(c, 6, t.getDayOfMonth(), 2);
        c[8] = 'T';
        digits(c, 9, t.getHour(), 2);
        digits(c, 11, t.getMinute(), 2);
        digits(c, 13, t.getSecond(), 2);
        c[15] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Method and canonical URI, each followed by a newline. */
    private void appendCanonicalStart(StringBuilder sb, HttpRequest request) {
        sb.append(request.method()).append('\n');
        String path = request.encodedPath();
        if (path.isEmpty()) {
            path = "/";
        }
        if (rules.normalizePath()) {
            path = removeDotSegments(path);
        }
        if (rules.encodePathAgain()) {
            appendEncodedSegments(sb, path);
        } else {
            sb.append(path);
        }
        sb.append('\n');
    }

    /**
     * RFC 3986 remove_dot_segments, and empty segments dropped: {@code //a/./b/../c/} becomes
     * {@code /a/c/}. A path ending in a slash, {@code .} or {@code ..} keeps its trailing slash.
     */
    static String removeDotSegments(String path) {
        if (path.indexOf("//") < 0 && path.indexOf("/.") < 0) {
            return path;
        }
        String[] segments = path.split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(s);
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        StringBuilder sb = new StringBuilder(path.length());
        for (String s : kept) {
            sb.append('/').append(s);
        }
        if (kept.isEmpty() || trailingSlash) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static void appendEncodedSegments(StringBuilder sb, String path) {
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String segment = slash < 0 ? path.substring(start) : path.substring(start, slash);
            sb.append(UriEncoding.encode(segment));
            if (slash < 0) {
                return;
            }
            sb.append('/');
            start = slash + 1;
        }
    }

    /**
     * Each name and value encoded (RFC 3986, {@code %20} for space), sorted by name then value,
     * {@code name=} for an empty value; no trailing newline.
     */
    private static void appendCanonicalQuery(StringBuilder sb, List<HttpRequest.QueryParameter> query,
                                             @Nullable List<HttpRequest.QueryParameter> more) {
        int n = query.size() + (more == null ? 0 : more.size());
        if (n == 0) {
            return;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        int i = 0;
        for (HttpRequest.QueryParameter p : query) {
            names[i] = UriEncoding.encode(p.name());
            values[i++] = UriEncoding.encode(p.value());
        }
        if (more != null) {
            for (HttpRequest.QueryParameter p : more) {
                names[i] = UriEncoding.encode(p.name());
                values[i++] = UriEncoding.encode(p.value());
            }
        }
        // By name, then value; not by "name=value" as one string, where '-', '.' and digits sort
        // below '=' and would put "Param-3" before "Param".
        for (int j = 1; j < n; j++) {
            String name = names[j];
            String value = values[j];
            int k = j - 1;
            while (k >= 0) {
                int c = names[k].compareTo(name);
                if (c < 0 || (c == 0 && values[k].compareTo(value) <= 0)) {
                    break;
                }
                names[k + 1] = names[k];
                values[k + 1] = values[k];
                k--;
            }
            names[k + 1] = name;
            values[k + 1] = value;
        }
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                sb.append('&');
            }
            sb.append(names[j]).append('=').append(values[j]);
        }
    }

    /**
     * The request's headers this signer signs, lower-cased, plus {@code host} from the authority
     * when the request has no Host header. Drops the signer's own headers, which the caller adds
     * with their new values.
     */
    private void collectHeaders(HttpRequest request, HeaderList out, boolean headerForm, boolean hasToken) {
        HttpHeaders headers = request.headers();
        boolean host = false;
        for (int i = 0, size = headers.size(); i < size; i++) {
            String name = headers.name(i).toLowerCase(Locale.ROOT);
            switch (name) {
                case "authorization":
                    continue;
                case "host":
                    host = true;
                    out.add(name, headers.value(i));
                    continue;
                case "x-amz-date":
                    if (headerForm) {
                        continue;
                    }
                    break;
                case "x-amz-content-sha256":
                    if (headerForm && rules.contentSha256Header()) {
                        continue;
                    }
                    break;
                case "x-amz-security-token":
                    if (headerForm && hasToken) {
                        continue;
                    }
                    break;
                default:
                    break;
            }
            if (headerPolicy.signs(name)) {
                out.add(name, headers.value(i));
            }
        }
        if (!host) {
            out.add("host", request.authority());
        }
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + service + ", " + region + ", " + rules + ", headers " + headerPolicy + "]";
    }

    /** Lower-case names and raw values; sorted stably so that repeated names keep their order. */
    private static final class HeaderList {
        private String[] names;
        private String[] values;
        private int size;

        HeaderList(int capacity) {
            names = new String[capacity];
            values = new String[capacity];
        }

        void add(String lowerName, String value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2 + 1);
                values = Arrays.copyOf(values, size * 2 + 1);
            }
            names[size] = lowerName;
            values[size] = value;
            size++;
        }

        /** Insertion sort: a dozen headers, mostly in order already, and it is stable. */
        void sort() {
            for (int i = 1; i < size; i++) {
                String n = names[i];
                String v = values[i];
                int j = i - 1;
                while (j >= 0 && names[j].compareTo(n) > 0) {
                    names[j + 1] = names[j];
                    values[j + 1] = values[j];
                    j--;
                }
                names[j + 1] = n;
                values[j + 1] = v;
            }
        }

        /**
         * Appends {@code name:value\n} per name (repeated names joined by commas), then a blank line
         * and the signed header list and a newline; returns the list.
         */
        String appendCanonical(StringBuilder sb) {
            for (int i = 0; i < size; i++) {
                if (i > 0 && names[i].equals(names[i - 1])) {
                    sb.setLength(sb.length() - 1);
                    sb.append(',');
                } else {
                    sb.append(names[i]).append(':');
                }
                appendTrimmed(sb, values[i]);
                sb.append('\n');
            }
            sb.append('\n');
            String list = names();
            sb.append(list).append('\n');
            return list;
        }

        String names() {
            StringBuilder sb = new StringBuilder(size * 16);
            for (int i = 0; i < size; i++) {
                if (i > 0 && names[i].equals(names[i - 1])) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(';');
                }
                sb.append(names[i]);
            }
            return sb.toString();
        }

        /** The value trimmed, each run of spaces and tabs inside it collapsed to one space. */
        private static void appendTrimmed(StringBuilder sb, String value) {
            int start = 0;
            int end = value.length();
            while (start < end && isBlank(value.charAt(start))) {
                start++;
            }
            while (end > start && isBlank(value.charAt(end - 1))) {
                end--;
            }
            boolean blank = false;
            for (int i = start; i < end; i++) {
                char c = value.charAt(i);
                if (isBlank(c)) {
                    blank = true;
                } else {
                    if (blank) {
                        sb.append(' ');
                        blank = false;
                    }
                    sb.append(c);
                }
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
