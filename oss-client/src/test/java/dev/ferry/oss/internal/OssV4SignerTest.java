package dev.ferry.oss.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OssV4SignerTest {
    private static final Instant T = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void headerValuesAreSignedTrimmedAsTheServerReadsThem() {
        OssV4Signer signer = new OssV4Signer("cn-hangzhou");
        HttpRequest padded = request().header("x-oss-meta-a", "  value ").build();
        HttpRequest plain = request().header("x-oss-meta-a", "value").build();
        Credentials c = Credentials.of("ak", "sk");
        assertThat(signer.sign(padded, OssResource.object("b", "k"), c, T).signature())
                .isEqualTo(signer.sign(plain, OssResource.object("b", "k"), c, T).signature());
    }

    @Test
    void theCanonicalUriIsBucketAndKeyWhateverThePathOnTheWire() {
        OssV4Signer signer = new OssV4Signer("cn-hangzhou");
        Credentials c = Credentials.of("ak", "sk");
        HttpRequest virtualHosted = HttpRequest.builder("GET", URI.create("https://b.oss-cn-hangzhou.aliyuncs.com")).path("/k").build();
        HttpRequest pathStyle = HttpRequest.builder("GET", URI.create("https://oss-cn-hangzhou.aliyuncs.com")).path("/b/k").build();
        SigningTrace a = signer.sign(virtualHosted, OssResource.object("b", "k"), c, T);
        assertThat(a.canonicalRequest()).startsWith("GET\n/b/k\n");
        assertThat(a.signature()).isEqualTo(signer.sign(pathStyle, OssResource.object("b", "k"), c, T).signature());
    }

    @Test
    void derivedKeysAreReusedAcrossRequestsOfTheSameDayAndChangeWithTheSecret() {
        OssV4Signer signer = new OssV4Signer("cn-hangzhou", "oss", List.of());
        String one = signer.sign(request().build(), OssResource.object("b", "k"), Credentials.of("ak", "sk1"), T).signature();
        String two = signer.sign(request().build(), OssResource.object("b", "k"), Credentials.of("ak", "sk2"), T).signature();
        String oneAgain = signer.sign(request().build(), OssResource.object("b", "k"), Credentials.of("ak", "sk1"), T).signature();
        assertThat(one).isNotEqualTo(two).isEqualTo(oneAgain);
        assertThat(signer.toString()).doesNotContain("sk1");
    }

    private static HttpRequest.Builder request() {
        return HttpRequest.builder("PUT", URI.create("https://b.oss-cn-hangzhou.aliyuncs.com")).path("/k");
    }
}
