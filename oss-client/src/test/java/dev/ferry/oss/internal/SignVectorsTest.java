package dev.ferry.oss.internal;

import static dev.ferry.oss.Json.array;
import static dev.ferry.oss.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.oss.Json;
import dev.ferry.oss.SharedMaterial;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every vector of {@code ../shared/oss/sign-vectors.json} (transcribed from the official SDKs' unit
 * tests): canonical request, string to sign, signature and the header or query parameters that carry
 * them must all come out exactly as expected.
 */
class SignVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVectorSignsAsTheOfficialSdksDo() throws IOException {
        Map<String, Object> doc = object(Json.parse(Files.readAllBytes(SharedMaterial.require("oss/sign-vectors.json"))));
        List<Object> vectors = array(doc.get("vectors"));
        assertThat(vectors).as("vectors in the file").isNotEmpty();
        return vectors.stream().map(Json::object).map(v -> DynamicTest.dynamicTest((String) v.get("id"), () -> check(v)));
    }

    private static void check(Map<String, Object> vector) {
        String algorithm = (String) vector.get("algorithm");
        String form = (String) vector.get("form");
        Map<String, Object> in = object(vector.get("input"));
        Map<String, Object> expected = object(vector.get("expected"));
        Map<String, Object> derived = vector.get("derived") == null ? Map.of() : object(vector.get("derived"));
        Credentials credentials = Credentials.of((String) in.get("accessKeyId"), (String) in.get("accessKeySecret"),
                (String) in.get("securityToken"));
        OssResource resource = new OssResource((String) in.get("bucket"), (String) in.get("key"));
        HttpRequest request = request(in);

        switch (algorithm + "/" + form) {
            case "OSS4-HMAC-SHA256/header" -> {
                OssV4Signer signer = v4Signer(in);
                SigningTrace trace = signer.sign(request, resource, credentials, epoch(in.get("signTimeEpoch")));
                assertThat(trace.canonicalRequest()).isEqualTo(derived.get("canonicalRequest"));
                assertThat(trace.stringToSign()).isEqualTo(derived.get("stringToSign"));
                assertThat(trace.signature()).isEqualTo(expected.get("signature"));
                assertThat(trace.request().headers().first("Authorization")).isEqualTo(expected.get("authorization"));
                if (credentials.hasSessionToken()) {
                    assertThat(trace.request().headers().first("x-oss-security-token")).isEqualTo(credentials.sessionToken());
                }
            }
            case "OSS4-HMAC-SHA256/query" -> {
                OssV4Signer signer = v4Signer(in);
                SigningTrace trace = signer.presign(request, resource, credentials, epoch(in.get("signTimeEpoch")),
                        epoch(in.get("expirationEpoch")));
                assertThat(trace.canonicalRequest()).isEqualTo(derived.get("canonicalRequest"));
                assertThat(trace.stringToSign()).isEqualTo(derived.get("stringToSign"));
                assertThat(trace.signature()).isEqualTo(expected.get("signature"));
                for (String param : List.of("x-oss-signature-version", "x-oss-expires", "x-oss-credential", "x-oss-additional-headers")) {
                    assertThat(queryValue(trace.request(), param)).as(param).isEqualTo(expected.get(param));
                }
                assertThat(queryValue(trace.request(), "x-oss-signature")).isEqualTo(expected.get("signature"));
            }
            case "HMAC-SHA1/header" -> {
                Instant date = ZonedDateTime.parse((String) in.get("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                SigningTrace trace = new OssV1Signer().sign(request, resource, credentials, date);
                assertThat(trace.request().headers().first("Date")).isEqualTo(in.get("date"));
                Object sts = expected.containsKey("stringToSign") ? expected.get("stringToSign") : derived.get("stringToSign");
                assertThat(trace.stringToSign()).isEqualTo(sts);
                assertThat(trace.signature()).isEqualTo(expected.get("signature"));
                assertThat(trace.request().headers().first("Authorization")).isEqualTo(expected.get("authorization"));
                List<Object> subResources = in.get("subResource") == null ? List.of() : array(in.get("subResource"));
                assertThat(OssV1Signer.SUB_RESOURCES).containsAll(subResources.stream().map(String.class::cast).toList());
            }
            case "HMAC-SHA1/query" -> {
                Instant expires = epoch(in.get("expiresEpoch"));
                SigningTrace trace = new OssV1Signer().presign(request, resource, credentials, expires.minusSeconds(600), expires);
                Object sts = expected.containsKey("stringToSign") ? expected.get("stringToSign") : derived.get("stringToSign");
                assertThat(trace.stringToSign()).isEqualTo(sts);
                assertThat(trace.signature()).isEqualTo(expected.get("signature"));
                assertThat(queryValue(trace.request(), "Signature")).isEqualTo(expected.get("signature"));
                assertThat(queryValue(trace.request(), "Expires")).isEqualTo(Long.toString(expires.getEpochSecond()));
                assertThat(queryValue(trace.request(), "OSSAccessKeyId")).isEqualTo(in.get("accessKeyId"));
                assertThat(queryValue(trace.request(), "security-token")).isEqualTo(in.get("securityToken"));
            }
            default -> throw new AssertionError("vector " + vector.get("id") + " has a kind this test does not know: " + algorithm + "/" + form);
        }
    }

    private static OssV4Signer v4Signer(Map<String, Object> in) {
        List<String> additional = new ArrayList<>();
        if (in.get("additionalHeaders") != null) {
            array(in.get("additionalHeaders")).forEach(h -> additional.add((String) h));
        }
        return new OssV4Signer((String) in.get("region"), (String) in.get("product"), additional);
    }

    private static HttpRequest request(Map<String, Object> in) {
        HttpRequest.Builder b = HttpRequest.builder((String) in.get("method"), URI.create("https://oss-cn-hangzhou.aliyuncs.com"));
        for (Object pair : array(in.get("query"))) {
            List<Object> p = array(pair);
            b.query((String) p.get(0), (String) p.get(1));
        }
        object(in.get("headers")).forEach((name, value) -> b.header(name, (String) value));
        return b.build();
    }

    private static Instant epoch(Object seconds) {
        return Instant.ofEpochSecond((Long) seconds);
    }

    private static String queryValue(HttpRequest request, String name) {
        return request.query().stream().filter(p -> p.name().equals(name)).map(HttpRequest.QueryParameter::value)
                .findFirst().orElse(null);
    }
}
