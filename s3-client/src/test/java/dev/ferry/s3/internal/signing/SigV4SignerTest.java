package dev.ferry.s3.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked examples of the S3 API reference ("Examples: Signature Calculations in AWS Signature
 * Version 4", header and query-string authentication), and what the signer does around them.
 */
class SigV4SignerTest {
    static final Credentials EXAMPLE = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final URI BUCKET = URI.create("https://examplebucket.s3.amazonaws.com");

    /** S3's rules with every header but hop-by-hop ones signed, as the documented requests are. */
    private static final SigV4Signer DOCS = new SigV4Signer("s3", "us-east-1", SigningRules.S3, HeaderPolicy.ALL_EXCEPT_HOP_BY_HOP);
    private static final SigV4Signer S3 = SigV4Signer.forS3("us-east-1");

    @Test
    void getObjectWithRange() {
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").header("Range", "bytes=0-9").build();
        SignedRequest signed = DOCS.sign(get, EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);

        assertThat(signed.canonicalRequest()).isEqualTo("""
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(signed.stringToSign()).isEqualTo("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""");
        assertThat(signed.signature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.request().headers().first("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.request().headers().first("x-amz-content-sha256")).isEqualTo(SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(signed.request().headers().first("X-Amz-Date")).isEqualTo("20130524T000000Z");
    }

    @Test
    void putObjectWithAReservedCharacterInTheKey() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        String payloadHash = SigV4Signer.sha256Hex(body);
        assertThat(payloadHash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        HttpRequest put = HttpRequest.builder("PUT", BUCKET).path("/test%24file.text")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .body(RequestBody.fromBytes(body))
                .build();
        SignedRequest signed = DOCS.sign(put, EXAMPLE, EXAMPLE_TIME, payloadHash);

        assertThat(signed.canonicalRequest()).isEqualTo("""
                PUT
                /test%24file.text

                date:Fri, 24 May 2013 00:00:00 GMT
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                x-amz-date:20130524T000000Z
                x-amz-storage-class:REDUCED_REDUNDANCY

                date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072""");
        assertThat(signed.signature()).isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
        assertThat(signed.request().body()).isSameAs(put.body());
    }

    /** The bucket examples need nothing but S3's default header policy. */
    @ParameterizedTest
    @CsvSource({
            "lifecycle,,    , fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
            "prefix,   J,  max-keys=2, 34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"})
    void bucketRequestsWithQueryParameters(String name, String value, String other, String signature) {
        HttpRequest.Builder b = HttpRequest.builder("GET", BUCKET).path("/").query(name, value == null ? "" : value);
        if (other != null) {
            b.query(other.substring(0, other.indexOf('=')), other.substring(other.indexOf('=') + 1));
        }
        SignedRequest signed = S3.sign(b.build(), EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(signed.signature()).isEqualTo(signature);
        assertThat(signed.canonicalRequest().split("\n")[2]).isEqualTo(other == null ? "lifecycle=" : "max-keys=2&prefix=J");
    }

    @Test
    void presignedGetObject() {
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").build();
        SignedRequest signed = S3.presign(get, EXAMPLE, EXAMPLE_TIME, Duration.ofHours(24));

        assertThat(signed.canonicalRequest()).isEqualTo("""
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
                &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD""");
        assertThat(signed.request().uri()).isEqualTo("https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(signed.request().headers().contains("Authorization")).isFalse();
        assertThat(signed.request().headers().contains("X-Amz-Date")).isFalse();
    }

    @Test
    void presignedUrlCarriesTheSessionTokenSigned() {
        Credentials temporary = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "token/+=");
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").build();
        SignedRequest signed = S3.presign(get, temporary, EXAMPLE_TIME, Duration.ofSeconds(1));
        assertThat(signed.canonicalRequest()).contains("&X-Amz-Security-Token=token%2F%2B%3D&X-Amz-SignedHeaders=host\n");
        assertThat(signed.request().uri()).contains("&X-Amz-Expires=1&").contains("X-Amz-Security-Token=token%2F%2B%3D&X-Amz-Signature=");
    }

    @Test
    void presignRefusesExpiriesS3Refuses() {
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/k").build();
        assertThatThrownBy(() -> S3.presign(get, EXAMPLE, EXAMPLE_TIME, Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 second to 7 days (604800 s), was 999 ms");
        assertThatThrownBy(() -> S3.presign(get, EXAMPLE, EXAMPLE_TIME, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 604801 s");
        assertThat(S3.presign(get, EXAMPLE, EXAMPLE_TIME, Duration.ofDays(7)).request().uri()).contains("X-Amz-Expires=604800");
        HttpRequest presigned = S3.presign(get, EXAMPLE, EXAMPLE_TIME, Duration.ofMinutes(5)).request();
        assertThatThrownBy(() -> S3.presign(presigned, EXAMPLE, EXAMPLE_TIME, Duration.ofMinutes(5)))
                .hasMessageContaining("already has the query parameter X-Amz-Algorithm");
    }

    @Test
    void s3PolicySignsWhatBindsTheRequestAndNothingAHopRewrites() {
        HttpRequest put = HttpRequest.builder("PUT", BUCKET).path("/k")
                .header("Content-Type", "text/plain")
                .header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")
                .header("Content-Length", "0")
                .header("x-amz-meta-Colour", "  blue   green ")
                .header("User-Agent", "ferry")
                .header("Expect", "100-continue")
                .header("Connection", "keep-alive")
                .header("Transfer-Encoding", "chunked")
                .header("Range", "bytes=0-1")
                .build();
        SignedRequest signed = S3.sign(put, EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(signed.request().headers().first("Authorization"))
                .contains("SignedHeaders=content-length;content-md5;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-colour,");
        assertThat(signed.canonicalRequest()).contains("\nx-amz-meta-colour:blue green\n");

        SignedRequest all = DOCS.sign(put, EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(all.request().headers().first("Authorization")).contains("SignedHeaders=content-length;content-md5;"
                + "content-type;host;range;x-amz-content-sha256;x-amz-date;x-amz-meta-colour,");
    }

    @Test
    void sessionTokenIsSentAndSigned() {
        Credentials temporary = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "the-token");
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").build();
        SignedRequest signed = S3.sign(get, temporary, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(signed.request().headers().first("X-Amz-Security-Token")).isEqualTo("the-token");
        assertThat(signed.canonicalRequest()).contains("\nx-amz-security-token:the-token\n")
                .contains("\nhost;x-amz-content-sha256;x-amz-date;x-amz-security-token\n");
    }

    @Test
    void signingASignedRequestAgainReplacesItsSignature() {
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").header("Range", "bytes=0-9").build();
        SignedRequest first = DOCS.sign(get, EXAMPLE, Instant.parse("2013-05-23T10:00:00Z"), SigV4Signer.EMPTY_PAYLOAD_SHA256);
        SignedRequest again = DOCS.sign(first.request(), EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(again.signature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(again.request().headers().all("Authorization")).hasSize(1);
        assertThat(again.request().headers().all("X-Amz-Date")).containsExactly("20130524T000000Z");
        assertThat(again.request().headers().all("x-amz-content-sha256")).hasSize(1);
    }

    @Test
    void hostHeaderWinsOverTheAuthorityAndPortIsKept() {
        HttpRequest local = HttpRequest.builder("GET", URI.create("http://127.0.0.1:9000")).path("/b/k").build();
        assertThat(S3.sign(local, EXAMPLE, EXAMPLE_TIME, SigV4Signer.UNSIGNED_PAYLOAD).canonicalRequest())
                .contains("\nhost:127.0.0.1:9000\n").endsWith("\nUNSIGNED-PAYLOAD");
        HttpRequest virtual = local.toBuilder().header("Host", "b.s3.local").build();
        assertThat(S3.sign(virtual, EXAMPLE, EXAMPLE_TIME, SigV4Signer.UNSIGNED_PAYLOAD).canonicalRequest())
                .contains("\nhost:b.s3.local\n").doesNotContain("127.0.0.1");
    }

    @Test
    void s3RulesSignThePathAsSent() {
        HttpRequest odd = HttpRequest.builder("GET", BUCKET).path("/a//b/./c/../d%20e").build();
        assertThat(S3.sign(odd, EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256).canonicalRequest().split("\n")[1])
                .isEqualTo("/a//b/./c/../d%20e");
        SigV4Signer generic = new SigV4Signer("service", "us-east-1", SigningRules.GENERIC, HeaderPolicy.ALL);
        assertThat(generic.sign(odd, EXAMPLE, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256).canonicalRequest().split("\n")[1])
                .isEqualTo("/a/b/d%2520e");
    }

    @ParameterizedTest
    @CsvSource({"/,/", "//,/", "/a/b/..,/a/", "/a/b/.,/a/b/", "/a/./b,/a/b", "/../a,/a", "//a//b//,/a/b/", "/a/b,/a/b", "/.a/..b,/.a/..b"})
    void removesDotSegmentsAndEmptySegments(String path, String normalized) {
        assertThat(SigV4Signer.removeDotSegments(path)).isEqualTo(normalized);
    }

    @Test
    void derivedKeyIsCachedPerSecretAndDay() {
        SigV4Signer signer = SigV4Signer.forS3("eu-west-1");
        SigningKey key = signer.signingKey("secret", "20130524");
        assertThat(signer.signingKey("secret", "20130524")).isSameAs(key);
        assertThat(signer.signingKey("secret", "20130525")).isNotSameAs(key);
        assertThat(signer.signingKey("other", "20130524")).isNotSameAs(key);
        assertThat(signer.signingKey("secret", "20130524")).isSameAs(key);
        // The documented derivation: the 'iam' example of the SigV4 documentation.
        SigningKey iam = SigningKey.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
        assertThat(Hashing.hex(iam.bytes())).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void neitherSecretNorKeyNorTokenAppearsInToString() {
        Credentials temporary = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "the-token");
        HttpRequest get = HttpRequest.builder("GET", BUCKET).path("/test.txt").build();
        SignedRequest signed = S3.sign(get, temporary, EXAMPLE_TIME, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        String keyHex = Hashing.hex(signed.signingKey().bytes());
        for (Object o : new Object[] {signed, signed.signingKey(), S3, signed.chunkSigner()}) {
            assertThat(o.toString()).doesNotContain("wJalrXUtnFEMI", "the-token", keyHex, signed.signature());
        }
    }

    @Test
    void refusesWhatCannotBeSigned() {
        assertThatThrownBy(() -> SigV4Signer.forS3("us-east-1/evil")).hasMessageContaining("region must be");
        assertThatThrownBy(() -> new SigV4Signer(" ", "us-east-1", SigningRules.S3, HeaderPolicy.S3)).hasMessageContaining("service must be");
        HttpRequest get = HttpRequest.builder("GET", BUCKET).build();
        assertThatThrownBy(() -> S3.sign(get, EXAMPLE, EXAMPLE_TIME, "")).hasMessageContaining("payload hash must not be empty");
    }

    @Test
    void hashHelpers() {
        assertThat(SigV4Signer.sha256Hex(new byte[0])).isEqualTo(SigV4Signer.EMPTY_PAYLOAD_SHA256);
        ByteBuffer b = ByteBuffer.wrap("xxWelcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)).position(2);
        assertThat(SigV4Signer.sha256Hex(b)).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(b.position()).isEqualTo(2);
        assertThat(SigV4Signer.dateTime(Instant.parse("2026-01-02T03:04:05.999Z"))).isEqualTo("20260102T030405Z");
    }
}
