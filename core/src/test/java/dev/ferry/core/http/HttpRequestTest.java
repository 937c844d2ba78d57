package dev.ferry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    private static HttpRequest get(String endpoint) {
        return HttpRequest.builder("GET", URI.create(endpoint)).build();
    }

    @Test
    void theUriIsSchemeAuthorityEncodedPathAndEncodedQuery() {
        HttpRequest r = HttpRequest.builder("get", URI.create("https://bucket.s3.eu-west-1.amazonaws.com"))
                .path("/photos/a%20b.jpg")
                .query("versionId", "3/L4kqtJl+cV")
                .query("response-content-disposition", "attachment; filename=\"é.jpg\"")
                .build();

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri()).isEqualTo("https://bucket.s3.eu-west-1.amazonaws.com/photos/a%20b.jpg"
                + "?versionId=3%2FL4kqtJl%2BcV&response-content-disposition=attachment%3B%20filename%3D%22%C3%A9.jpg%22");
    }

    @Test
    void anEmptyQueryValueIsSentAsTheBareName() {
        HttpRequest r = HttpRequest.builder("POST", URI.create("http://localhost:9000")).path("/b/k")
                .query("uploads", "").query("a b", "").build();

        assertThat(r.encodedQuery()).isEqualTo("uploads&a%20b");
        assertThat(r.uri()).isEqualTo("http://localhost:9000/b/k?uploads&a%20b");
    }

    @Test
    void queryParametersKeepTheirOrderAndAbsentOnesAreLeftOut() {
        HttpRequest r = HttpRequest.builder("GET", URI.create("http://h")).query("b", "2").queryIfPresent("skip", null)
                .queryIfPresent("a", 1).build();

        assertThat(r.encodedQuery()).isEqualTo("b=2&a=1");
        assertThat(r.query()).extracting(HttpRequest.QueryParameter::name).containsExactly("b", "a");
        assertThat(get("http://h").encodedQuery()).isEmpty();
        assertThat(get("http://h").uri()).isEqualTo("http://h/");
    }

    @Test
    void theAuthorityLeavesOutTheSchemesDefaultPort() {
        assertThat(get("http://example.com").authority()).isEqualTo("example.com");
        assertThat(get("http://example.com:80").authority()).isEqualTo("example.com");
        assertThat(get("https://example.com:443").authority()).isEqualTo("example.com");
        assertThat(get("http://example.com:443").authority()).isEqualTo("example.com:443");
        assertThat(get("https://example.com:80").authority()).isEqualTo("example.com:80");
        assertThat(get("http://example.com:9000").authority()).isEqualTo("example.com:9000");
        assertThat(get("http://example.com").port()).isEqualTo(-1);
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertThat(get("http://[::1]:9000").authority()).isEqualTo("[::1]:9000");
        assertThat(get("https://[2001:db8::7]").authority()).isEqualTo("[2001:db8::7]");
        HttpRequest byHost = get("http://localhost:9000").toBuilder().host("::1").build();
        assertThat(byHost.authority()).isEqualTo("[::1]:9000");
        assertThat(byHost.uri()).isEqualTo("http://[::1]:9000/");
    }

    @Test
    void theEndpointsOwnPathAndQueryAreIgnored() {
        assertThat(get("http://h:1/ignored?x=1").uri()).isEqualTo("http://h:1/");
    }

    @Test
    void badEndpointsAndPathsAreRefused() {
        assertThatThrownBy(() -> get("ftp://h")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> get("/relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.builder("GET", URI.create("http://h")).path("no-slash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '/'");
    }

    @Test
    void idempotenceFollowsTheMethodUnlessSaidOtherwise() {
        URI e = URI.create("http://h");
        assertThat(HttpRequest.builder("GET", e).build().isIdempotent()).isTrue();
        assertThat(HttpRequest.builder("put", e).build().isIdempotent()).isTrue();
        assertThat(HttpRequest.builder("DELETE", e).build().isIdempotent()).isTrue();
        assertThat(HttpRequest.builder("POST", e).build().isIdempotent()).isFalse();
        assertThat(HttpRequest.builder("PATCH", e).build().isIdempotent()).isFalse();
        assertThat(HttpRequest.builder("POST", e).idempotent(true).build().isIdempotent()).isTrue();
        assertThat(HttpRequest.builder("PUT", e).idempotent(false).build().isIdempotent()).isFalse();
    }

    @Test
    void toStringMasksSecretsAndLeavesOutTheBody() {
        HttpRequest r = HttpRequest.builder("PUT", URI.create("http://h")).path("/k").operation("PutObject")
                .header("Authorization", "Signature=deadbeef").body(RequestBody.fromString("top secret body")).build();

        assertThat(r.toString()).startsWith("PutObject PUT http://h/k").contains("Authorization=***")
                .doesNotContain("deadbeef").doesNotContain("top secret");
    }

    @Test
    void aDerivedRequestLeavesTheOriginalAlone() {
        HttpRequest original = HttpRequest.builder("GET", URI.create("http://h")).path("/a").header("A", "1").query("q", "1").build();
        HttpRequest derived = original.toBuilder().path("/b").setHeader("A", "2").query("r", "2").method("head").build();

        assertThat(original.uri()).isEqualTo("http://h/a?q=1");
        assertThat(original.headers().first("A")).isEqualTo("1");
        assertThat(derived.uri()).isEqualTo("http://h/b?q=1&r=2");
        assertThat(derived.headers().first("a")).isEqualTo("2");
        assertThat(derived.method()).isEqualTo("HEAD");
    }
}
