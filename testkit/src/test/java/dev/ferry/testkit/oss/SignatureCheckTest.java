package dev.ferry.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.testkit.oss.SignatureCheck.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The mock's own signature check against the shared vectors: the server side must rebuild exactly
 * the canonical request and string to sign the official SDKs sign, or its verdicts mean nothing.
 */
class SignatureCheckTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> theMockVerifiesEveryVectorsSignature() throws IOException {
        Map<String, Object> doc = obj(parse(Files.readAllBytes(shared("oss/sign-vectors.json"))));
        return list(doc.get("vectors")).stream().map(SignatureCheckTest::obj)
                .map(v -> DynamicTest.dynamicTest((String) v.get("id"), () -> check(v)));
    }

    private static void check(Map<String, Object> v) {
        Map<String, Object> in = obj(v.get("input"));
        Map<String, Object> expected = obj(v.get("expected"));
        Map<String, Object> derived = v.get("derived") == null ? Map.of() : obj(v.get("derived"));
        String bucket = (String) in.get("bucket");
        String key = (String) in.get("key");
        List<Param> query = new ArrayList<>();
        list(in.get("query")).forEach(p -> query.add(new Param((String) list(p).get(0), (String) list(p).get(1))));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        obj(in.get("headers")).forEach((n, value) -> headers.put(n.toLowerCase(Locale.ROOT), new ArrayList<>(List.of((String) value))));
        String token = (String) in.get("securityToken");
        String secret = (String) in.get("accessKeySecret");
        if (v.get("algorithm").equals("OSS4-HMAC-SHA256")) {
            String region = (String) in.get("region");
            String product = (String) in.get("product");
            Instant t = Instant.ofEpochSecond((Long) in.get("signTimeEpoch"));
            String dateTime = ISO.format(t);
            String scope = dateTime.substring(0, 8) + "/" + region + "/" + product + "/aliyun_v4_request";
            TreeSet<String> additional = new TreeSet<>();
            if (in.get("additionalHeaders") != null) {
                list(in.get("additionalHeaders")).forEach(h -> {
                    String lower = ((String) h).toLowerCase(Locale.ROOT);
                    if (headers.containsKey(lower) && !lower.startsWith("x-oss-")) {
                        additional.add(lower);
                    }
                });
            }
            if (v.get("form").equals("header")) {
                headers.put("x-oss-date", List.of(dateTime));
                headers.put("x-oss-content-sha256", List.of("UNSIGNED-PAYLOAD"));
                if (token != null) {
                    headers.put("x-oss-security-token", List.of(token));
                }
            } else {
                query.add(new Param("x-oss-signature-version", "OSS4-HMAC-SHA256"));
                query.add(new Param("x-oss-date", dateTime));
                query.add(new Param("x-oss-expires", Long.toString((Long) in.get("expirationEpoch") - (Long) in.get("signTimeEpoch"))));
                query.add(new Param("x-oss-credential", in.get("accessKeyId") + "/" + scope));
                if (token != null) {
                    query.add(new Param("x-oss-security-token", token));
                }
                if (!additional.isEmpty()) {
                    query.add(new Param("x-oss-additional-headers", String.join(";", additional)));
                }
            }
            String canonical = SignatureCheck.v4CanonicalRequest((String) in.get("method"), bucket, key, query, headers,
                    new ArrayList<>(additional), "UNSIGNED-PAYLOAD");
            assertThat(canonical).isEqualTo(derived.get("canonicalRequest"));
            String sts = SignatureCheck.v4StringToSign(dateTime, scope, canonical);
            assertThat(sts).isEqualTo(derived.get("stringToSign"));
            assertThat(SignatureCheck.v4Signature(secret, dateTime.substring(0, 8), region, product, sts)).isEqualTo(expected.get("signature"));
        } else {
            String dateOrExpires;
            if (v.get("form").equals("header")) {
                dateOrExpires = (String) in.get("date");
                if (token != null) {
                    headers.put("x-oss-security-token", List.of(token));
                }
            } else {
                dateOrExpires = Long.toString((Long) in.get("expiresEpoch"));
                if (token != null) {
                    query.add(new Param("security-token", token));
                }
            }
            String sts = SignatureCheck.v1StringToSign((String) in.get("method"), bucket, key, query, headers, dateOrExpires);
            Object expectedSts = expected.containsKey("stringToSign") ? expected.get("stringToSign") : derived.get("stringToSign");
            assertThat(sts).isEqualTo(expectedSts);
            assertThat(SignatureCheck.v1Signature(secret, sts)).isEqualTo(expected.get("signature"));
        }
    }

    private static Path shared(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "no project root (a directory with mvnw) above the working directory");
        Path file = dir.resolveSibling("shared").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/" + relative + " is not beside the project: skipped");
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Object parse(byte[] json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            return value(p);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String name = p.currentName();
                p.nextToken();
                m.put(name, value(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(value(p));
            }
            return l;
        }
        return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : t == JsonToken.VALUE_NULL ? null : p.getText();
    }
}
