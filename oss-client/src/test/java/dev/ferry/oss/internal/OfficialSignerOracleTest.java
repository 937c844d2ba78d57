package dev.ferry.oss.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.sdk.service.oss2.signer.SignerV4;
import com.aliyun.sdk.service.oss2.signer.SigningContext;
import com.aliyun.sdk.service.oss2.transport.RequestMessage;
import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.UriEncoding;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ferry's V4 signer against the official SDK's ({@code com.aliyun:alibabacloud-oss-v2}, test scope
 * only) on generated requests: keys with unicode, spaces and reserved characters, random headers in
 * random case and order, random query parameters, additional headers, STS tokens, both the header
 * and the presigned form. The seed is fixed, so a failure names a request that can be replayed.
 */
class OfficialSignerOracleTest {
    private static final int REQUESTS = 1_500;
    private static final long SEED = 0x0551_F3A7L;
    private static final String[] REGIONS = {"cn-hangzhou", "cn-shanghai", "ap-southeast-1", "eu-central-1", "us-west-1"};
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD"};
    /** Pieces keys are made of: reserved characters, spaces, CJK, accents, an emoji (a surrogate pair), percent signs. */
    private static final String[] KEY_PIECES = {"a", "Z", "0", "9", "-", "_", ".", "~", " ", "+", "!", "*", "'", "(", ")",
            ";", ":", "@", "&", "=", "$", ",", "?", "#", "[", "]", "%", "%20", "/", "//", "目录", "文件", "é", "ß", "日本",
            "😀", "\u00a0", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "doc", "images", "2024", ".png"};
    private static final String[] PARAM_PIECES = {"a", "b", "x", "-", "_", ".", "~", " ", "+", "|", "=", "&", "/", "?", "%",
            "中", "é", "1", "acl", "uploadId", "versionId", "x-oss-process", "x-oss-async-process", "response-content-type"};

    @Test
    void v4SignaturesMatchTheOfficialSignerOnGeneratedRequests() {
        Random random = new Random(SEED);
        int headerForm = 0;
        int queryForm = 0;
        int withToken = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Case c = generate(random, i);
            if (c.presign) {
                queryForm++;
            } else {
                headerForm++;
            }
            if (c.credentials.hasSessionToken()) {
                withToken++;
            }
            compare(c);
        }
        // A generator that stopped covering a form would let regressions through quietly.
        assertThat(headerForm).isGreaterThan(REQUESTS / 2);
        assertThat(queryForm).isGreaterThan(REQUESTS / 5);
        assertThat(withToken).isGreaterThan(REQUESTS / 5);
    }

    private static void compare(Case c) {
        HttpRequest.Builder ferryRequest = HttpRequest.builder(c.method, URI.create("https://" + c.bucket + ".oss-" + c.region + ".aliyuncs.com"))
                .path("/" + UriEncoding.encodePath(c.key));
        c.query.forEach(ferryRequest::query);
        c.headers.forEach(ferryRequest::header);
        OssV4Signer ferry = new OssV4Signer(c.region, "oss", c.additionalHeaders);
        OssResource resource = OssResource.object(c.bucket, c.key);

        SigningContext context = new SigningContext();
        context.setProduct("oss");
        context.setRegion(c.region);
        context.setBucket(c.bucket);
        context.setKey(c.key);
        context.setCredentials(c.credentials.hasSessionToken()
                ? new com.aliyun.sdk.service.oss2.credentials.Credentials(c.credentials.accessKeyId(), c.credentials.secretAccessKey(), c.credentials.sessionToken())
                : new com.aliyun.sdk.service.oss2.credentials.Credentials(c.credentials.accessKeyId(), c.credentials.secretAccessKey()));
        context.setSignTime(c.signTime);
        context.setAdditionalHeaders(new ArrayList<>(c.additionalHeaders));
        TreeMap<String, String> officialHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // A server reads header values without their surrounding blanks (RFC 9110 5.5), and Ferry
        // signs what the server reads; the official Java signer signs values untrimmed, so it is
        // shown the values as the server sees them.
        c.headers.forEach((name, value) -> officialHeaders.put(name, value.trim()));
        HttpRequest unsigned = ferryRequest.build();
        context.setRequest(RequestMessage.newBuilder().method(c.method).uri(URI.create(unsigned.uri())).headers(officialHeaders).build());

        String description = "request #" + c.index + " " + c;
        if (c.presign) {
            context.setAuthMethodQuery(true);
            context.setExpiration(c.expiration);
            new SignerV4().sign(context);
            SigningTrace trace = ferry.presign(unsigned, resource, c.credentials, c.signTime, c.expiration);
            // Not the string to sign: in the query form the official signer records it after it has
            // appended x-oss-signature to the URL, so its getStringToSign() is not what it signed.
            String officialSignature = queryValue(context.getRequest().uri(), "x-oss-signature");
            if (!trace.signature().equals(officialSignature)) {
                String signedUri = context.getRequest().uri().toString();
                context.setRequest(context.getRequest().toBuilder()
                        .uri(signedUri.substring(0, signedUri.indexOf("&x-oss-signature="))).build());
                assertThat(trace.canonicalRequest()).as(description).isEqualTo(officialCanonicalRequest(context, c.additionalHeaders));
            }
            assertThat(trace.signature()).as(description).isEqualTo(officialSignature);
            for (String param : List.of("x-oss-credential", "x-oss-date", "x-oss-expires", "x-oss-security-token",
                    "x-oss-additional-headers", "x-oss-signature-version")) {
                assertThat(queryValue(URI.create(trace.request().uri()), param)).as(param + " of " + description)
                        .isEqualTo(queryValue(context.getRequest().uri(), param));
            }
        } else {
            new SignerV4().sign(context);
            SigningTrace trace = ferry.sign(unsigned, resource, c.credentials, c.signTime);
            if (!trace.stringToSign().equals(context.getStringToSign())) {
                assertThat(trace.canonicalRequest()).as(description).isEqualTo(officialCanonicalRequest(context, c.additionalHeaders));
            }
            assertThat(trace.stringToSign()).as(description).isEqualTo(context.getStringToSign());
            assertThat(trace.request().headers().first("Authorization")).as(description)
                    .isEqualTo(context.getRequest().headers().get("Authorization"));
        }
    }

    /** The official signer's canonical request, which it keeps private: only to explain a mismatch. */
    private static String officialCanonicalRequest(SigningContext context, List<String> additional) {
        try {
            SignerV4 signer = new SignerV4();
            Method common = SignerV4.class.getDeclaredMethod("commonAdditionalHeaders", RequestMessage.class, List.class);
            common.setAccessible(true);
            Object names = common.invoke(signer, context.getRequest(), additional);
            Method canonical = SignerV4.class.getDeclaredMethod("calcCanonicalRequest", SigningContext.class, Set.class);
            canonical.setAccessible(true);
            return (String) canonical.invoke(signer, context, names);
        } catch (ReflectiveOperationException e) {
            return "(the official canonical request is out of reach: " + e + ")";
        }
    }

    private static String queryValue(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String n = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (n.equals(name)) {
                return eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static Case generate(Random r, int index) {
        String region = REGIONS[r.nextInt(REGIONS.length)];
        String method = METHODS[r.nextInt(METHODS.length)];
        String bucket = "bucket-" + Integer.toString(r.nextInt(1 << 20), 36) + (r.nextBoolean() ? "-test" : "");
        StringBuilder key = new StringBuilder();
        int pieces = 1 + r.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            key.append(KEY_PIECES[r.nextInt(KEY_PIECES.length)]);
        }
        // The official signer keys its query parameters by name, so names are unique here.
        Map<String, String> query = new LinkedHashMap<>();
        int params = r.nextInt(5);
        for (int i = 0; i < params; i++) {
            String name = word(r, PARAM_PIECES, 1 + r.nextInt(3));
            String value = r.nextInt(3) == 0 ? "" : word(r, PARAM_PIECES, 1 + r.nextInt(4));
            query.put(name, value);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> lowerNames = new LinkedHashSet<>();
        int headerCount = r.nextInt(7);
        for (int i = 0; i < headerCount; i++) {
            String name = switch (r.nextInt(6)) {
                case 0 -> "x-oss-meta-" + ascii(r, 1 + r.nextInt(8), true);
                case 1 -> "Content-Type";
                case 2 -> "Content-MD5";
                case 3 -> "X-Oss-" + ascii(r, 1 + r.nextInt(6), true);
                default -> "X-" + ascii(r, 1 + r.nextInt(8), true);
            };
            name = randomCase(r, name);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("x-oss-content-sha256") || lower.equals("x-oss-date") || !lowerNames.add(lower)) {
                continue;
            }
            String value = (r.nextInt(4) == 0 ? "  " : "") + ascii(r, 1 + r.nextInt(20), false) + (r.nextInt(4) == 0 ? " " : "");
            headers.put(name, value);
        }
        List<String> additional = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            List<String> candidates = new ArrayList<>(headers.keySet());
            candidates.add("x-oss-absent");
            candidates.add("Host-Absent");
            for (String candidate : candidates) {
                if (r.nextBoolean()) {
                    additional.add(randomCase(r, candidate));
                }
            }
        }
        Credentials credentials = r.nextInt(3) == 0
                ? Credentials.of("STS." + ascii(r, 16, true), ascii(r, 30, true), "token/" + ascii(r, 40, false).replace(' ', '+'))
                : Credentials.of("LTAI" + ascii(r, 16, true), ascii(r, 30, true));
        Instant signTime = Instant.ofEpochSecond(1_600_000_000L + (long) (r.nextDouble() * 200_000_000L));
        boolean presign = r.nextInt(10) < 3;
        Instant expiration = signTime.plus(Duration.ofSeconds(1 + r.nextInt((int) OssV4Signer.MAX_PRESIGN_EXPIRY.getSeconds())));
        return new Case(index, region, method, bucket, key.toString(), query, headers, additional, credentials, signTime,
                presign, expiration);
    }

    private static String word(Random r, String[] pieces, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static String ascii(Random r, int length, boolean alphanumeric) {
        String alphabet = alphanumeric ? "abcdefghijklmnopqrstuvwxyz0123456789"
                : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_`{|}~";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String randomCase(Random r, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    private record Case(int index, String region, String method, String bucket, String key, Map<String, String> query,
                        Map<String, String> headers, List<String> additionalHeaders, Credentials credentials,
                        Instant signTime, boolean presign, Instant expiration) {
        @Override
        public String toString() {
            return method + " " + bucket + "/" + key + " query=" + query + " headers=" + headers + " additional="
                    + additionalHeaders + " token=" + credentials.hasSessionToken() + " at " + signTime
                    + (presign ? " presigned until " + expiration : "");
        }
    }
}
