package dev.ferry.s3.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.UriEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the AWS SigV4 test suite ({@code ../shared/s3/sigv4-test-suite/v4}): the header form
 * and the presigned (query) form under the generic rules, which must match the suite's canonical
 * request, string to sign and signature exactly; and the header form under S3's path rules, which
 * must match too except for the cases whose path S3 deliberately does not normalize.
 */
class SigV4TestSuiteTest {
    private static final int SUITE_CASES = 38;

    /** Cases whose path holds dot segments or repeated slashes with normalization on: S3 signs them as sent. */
    private static final List<String> S3_SIGNS_DIFFERENTLY = List.of(
            "get-relative-normalized", "get-relative-relative-normalized", "get-slash-dot-slash-normalized",
            "get-slash-normalized", "get-slash-pointless-dot-normalized", "get-slashes-normalized");

    @TestFactory
    Stream<DynamicNode> awsSigV4TestSuite() throws IOException {
        Optional<Path> suite = SharedData.sigV4TestSuite();
        if (suite.isEmpty()) {
            // A test that reports itself skipped: an aborted factory would vanish from the report.
            return Stream.of(dynamicTest("AWS SigV4 test suite", () -> assumeTrue(false, "the AWS SigV4 test suite is not"
                    + " at ../shared/s3/sigv4-test-suite/v4 beside the project root (the directory holding mvnw); skipped")));
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(suite.get())) {
            dirs = list.filter(d -> Files.isRegularFile(d.resolve("request.txt"))).sorted().toList();
        }
        List<SuiteCase> cases = dirs.stream().map(SuiteCase::load).toList();
        List<String> s3Different = cases.stream().filter(SuiteCase::s3SignsDifferently).map(SuiteCase::name).toList();

        Stream<DynamicNode> perCase = cases.stream().map(c -> {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest("header form, generic rules", () -> checkHeaderForm(c)));
            if (c.hasQueryForm()) {
                tests.add(dynamicTest("query form, generic rules", () -> checkQueryForm(c)));
            }
            tests.add(c.s3SignsDifferently()
                    ? dynamicTest("header form, S3 rules: differs, S3 does not normalize the path", () -> checkS3Rules(c))
                    : dynamicTest("header form, S3 rules: same", () -> checkS3Rules(c)));
            return dynamicContainer(c.name(), tests.stream());
        });
        DynamicNode summary = dynamicTest("summary: " + cases.size() + " cases, S3 rules differ on " + s3Different, () -> {
            assertThat(cases).hasSize(SUITE_CASES);
            assertThat(cases).allMatch(SuiteCase::hasQueryForm);
            assertThat(s3Different).containsExactlyElementsOf(S3_SIGNS_DIFFERENTLY);
        });
        return Stream.concat(perCase, Stream.of(summary));
    }

    private static SigV4Signer genericSigner(SuiteCase c) {
        SigningRules rules = SigningRules.GENERIC.withNormalizePath(c.normalize).withContentSha256Header(c.signBody)
                .withSignSessionToken(!c.omitSessionToken);
        return new SigV4Signer(c.service, c.region, rules, HeaderPolicy.ALL);
    }

    private static void checkHeaderForm(SuiteCase c) {
        SignedRequest signed = genericSigner(c).sign(c.request(c.rawPath), c.credentials, c.time, c.payloadHash());
        assertThat(signed.canonicalRequest()).isEqualTo(c.expected("header-canonical-request.txt"));
        assertThat(signed.stringToSign()).isEqualTo(c.expected("header-string-to-sign.txt"));
        assertThat(signed.signature()).isEqualTo(c.expected("header-signature.txt"));
        assertThat(signed.request().headers().first("Authorization")).isEqualTo(c.expectedSignedHeader("Authorization"));
        assertThat(signed.request().headers().first("X-Amz-Date")).isEqualTo(c.expectedSignedHeader("X-Amz-Date"));
        assertThat(signed.request().headers().first("X-Amz-Security-Token"))
                .isEqualTo(c.expectedSignedHeader("X-Amz-Security-Token"));
    }

    private static void checkQueryForm(SuiteCase c) {
        SignedRequest signed = genericSigner(c).presign(c.request(c.rawPath), c.credentials, c.time,
                Duration.ofSeconds(c.expiresInSeconds), c.payloadHash());
        assertThat(signed.canonicalRequest()).isEqualTo(c.expected("query-canonical-request.txt"));
        assertThat(signed.stringToSign()).isEqualTo(c.expected("query-string-to-sign.txt"));
        assertThat(signed.signature()).isEqualTo(c.expected("query-signature.txt"));
        // The presigned URL carries the same parameters as the suite's (their order is free).
        assertThat(sortedPairs(signed.request().encodedQuery())).isEqualTo(sortedPairs(c.expectedSignedQuery()));
    }

    /**
     * S3's rules on the path (encoded once by the client, signed as sent), the suite's other conventions
     * kept, so that only the path handling is compared.
     */
    private static void checkS3Rules(SuiteCase c) {
        SigningRules rules = SigningRules.S3.withContentSha256Header(c.signBody).withUnsignedPresignedPayload(false)
                .withSignSessionToken(!c.omitSessionToken);
        SigV4Signer signer = new SigV4Signer(c.service, c.region, rules, HeaderPolicy.ALL);
        SignedRequest signed = signer.sign(c.request(UriEncoding.encodePath(c.rawPath)), c.credentials, c.time, c.payloadHash());
        String expected = c.expected("header-canonical-request.txt");
        if (!c.s3SignsDifferently()) {
            assertThat(signed.canonicalRequest()).isEqualTo(expected);
            assertThat(signed.signature()).isEqualTo(c.expected("header-signature.txt"));
            return;
        }
        // Only the canonical URI differs: the path exactly as sent, dots and slashes kept.
        String[] got = signed.canonicalRequest().split("\n", -1);
        String[] want = expected.split("\n", -1);
        assertThat(got[1]).isEqualTo(c.rawPath).isNotEqualTo(want[1]);
        got[1] = want[1];
        assertThat(String.join("\n", got)).isEqualTo(expected);
    }

    private static List<String> sortedPairs(String query) {
        List<String> pairs = new ArrayList<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(UriEncoding.encode(UriEncoding.decode(name)) + "=" + UriEncoding.encode(UriEncoding.decode(value)));
        }
        pairs.sort(null);
        return pairs;
    }

    /** One case directory: its context.json, its parsed request.txt, and the expected files. */
    private record SuiteCase(String name, Path dir, String method, String rawPath, List<String[]> query,
                             List<String[]> headers, byte[] body, Credentials credentials, Instant time, String region,
                             String service, boolean normalize, boolean signBody, boolean omitSessionToken,
                             long expiresInSeconds) {

        static SuiteCase load(Path dir) {
            Map<String, String> context = flatJson(read(dir.resolve("context.json")));
            String request = read(dir.resolve("request.txt"));
            String[] lines = request.replace("\r", "").split("\n", -1);

            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            List<String[]> query = new ArrayList<>();
            if (q >= 0 && q + 1 < target.length()) {
                for (String pair : target.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    query.add(new String[] {UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1))});
                }
            }

            List<String[]> headers = new ArrayList<>();
            int i = 1;
            for (; i < lines.length && !lines[i].isEmpty(); i++) {
                String line = lines[i];
                if (Character.isWhitespace(line.charAt(0))) {
                    // A folded line continues the previous value (obs-fold): unfold with a space.
                    String[] last = headers.get(headers.size() - 1);
                    last[1] = last[1] + " " + line;
                    continue;
                }
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
            }
            byte[] body = i + 1 < lines.length
                    ? String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length)).getBytes(StandardCharsets.UTF_8)
                    : new byte[0];

            Credentials credentials = Credentials.of(context.get("access_key_id"), context.get("secret_access_key"),
                    context.get("token"));
            return new SuiteCase(dir.getFileName().toString(), dir, method, path, query, headers, body, credentials,
                    Instant.parse(context.get("timestamp")), context.get("region"), context.get("service"),
                    Boolean.parseBoolean(context.get("normalize")), Boolean.parseBoolean(context.get("sign_body")),
                    Boolean.parseBoolean(context.get("omit_session_token")),
                    Long.parseLong(context.getOrDefault("expiration_in_seconds", "3600")));
        }

        /** The request with {@code path} as its (already encoded) path; the suite's path is sent raw. */
        HttpRequest request(String path) {
            String host = headers.stream().filter(h -> h[0].equalsIgnoreCase("host")).map(h -> h[1].trim()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " has no Host header"));
            HttpRequest.Builder b = HttpRequest.builder(method, URI.create("https://" + host)).path(path)
                    .body(RequestBody.fromBytes(body));
            query.forEach(p -> b.query(p[0], p[1]));
            headers.forEach(h -> b.header(h[0], h[1]));
            return b.build();
        }

        String payloadHash() {
            return SigV4Signer.sha256Hex(body);
        }

        boolean hasQueryForm() {
            return Files.isRegularFile(dir.resolve("query-canonical-request.txt"));
        }

        boolean s3SignsDifferently() {
            return normalize && !SigV4Signer.removeDotSegments(rawPath).equals(rawPath);
        }

        String expected(String file) {
            return read(dir.resolve(file));
        }

        @Nullable String expectedSignedHeader(String name) {
            for (String line : expected("header-signed-request.txt").split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1);
                }
            }
            return null;
        }

        String expectedSignedQuery() {
            String line = expected("query-signed-request.txt").split("\n")[0];
            String target = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(" HTTP/"));
            return target.substring(target.indexOf('?') + 1);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The string, boolean and number members of a JSON document, nested objects flattened: enough
         * for context.json, whose keys are all distinct.
         */
        private static Map<String, String> flatJson(String json) {
            Map<String, String> out = new HashMap<>();
            Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(true|false|-?\\d+))").matcher(json);
            while (m.find()) {
                out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
