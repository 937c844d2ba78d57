package dev.ferry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void lookupIgnoresTheCaseOfNames() {
        HttpHeaders h = HttpHeaders.of("Content-Type", "text/xml", "X-Amz-Meta-Color", "red", "x-amz-meta-color", "blue");

        assertThat(h.first("content-type")).isEqualTo("text/xml");
        assertThat(h.first("CONTENT-TYPE")).isEqualTo("text/xml");
        assertThat(h.all("X-AMZ-META-COLOR")).containsExactly("red", "blue");
        assertThat(h.contains("x-amz-meta-COLOR")).isTrue();
        assertThat(h.first("missing")).isNull();
        assertThat(h.all("missing")).isEmpty();
    }

    @Test
    void fieldsKeepTheirOrderAndSpelling() {
        HttpHeaders h = HttpHeaders.of("B", "1", "a", "2", "b", "3");

        assertThat(h.size()).isEqualTo(3);
        assertThat(h.name(0)).isEqualTo("B");
        assertThat(h.value(2)).isEqualTo("3");
        assertThat(h.names()).containsExactly("b", "a");
        List<String> seen = new ArrayList<>();
        h.forEach((n, v) -> seen.add(n + "=" + v));
        assertThat(seen).containsExactly("B=1", "a=2", "b=3");
    }

    @Test
    void setReplacesEveryFieldOfTheNameWhateverItsCase() {
        HttpHeaders h = HttpHeaders.of("Range", "bytes=0-1", "range", "bytes=2-3", "Other", "x")
                .toBuilder().set("RANGE", "bytes=5-9").build();

        assertThat(h.all("range")).containsExactly("bytes=5-9");
        assertThat(h.first("Other")).isEqualTo("x");
    }

    @Test
    void removeDropsEveryFieldOfTheName() {
        HttpHeaders h = HttpHeaders.of("A", "1", "b", "2", "a", "3").toBuilder().remove("a").build();

        assertThat(h.contains("A")).isFalse();
        assertThat(h.size()).isEqualTo(1);
    }

    @Test
    void setIfAbsentLeavesAnExistingField() {
        HttpHeaders h = HttpHeaders.builder().add("Content-Type", "a").setIfAbsent("content-type", "b").setIfAbsent("Accept", "c").build();

        assertThat(h.all("content-type")).containsExactly("a");
        assertThat(h.first("accept")).isEqualTo("c");
    }

    @Test
    void aDerivedBuilderLeavesTheOriginalAlone() {
        HttpHeaders original = HttpHeaders.of("A", "1");
        HttpHeaders derived = original.toBuilder().add("B", "2").addAll(HttpHeaders.of("C", "3")).build();

        assertThat(original.size()).isEqualTo(1);
        assertThat(derived.names()).containsExactly("a", "b", "c");
        assertThat(HttpHeaders.builder().build()).isSameAs(HttpHeaders.EMPTY);
        assertThat(HttpHeaders.of("A", "1")).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void aValueWithCarriageReturnOrLineFeedIsRefused() {
        assertThatThrownBy(() -> HttpHeaders.of("X-Name", "a\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Name")
                .hasMessageContaining("control character 0xd");
        assertThatThrownBy(() -> HttpHeaders.of("X-Name", "a\nb")).hasMessageContaining("0xa");
        assertThatThrownBy(() -> HttpHeaders.of("X-Name", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueBeyondLatin1IsRefusedWithAHint() {
        assertThat(HttpHeaders.of("X-Name", "café\tau lait").first("x-name")).isEqualTo("café\tau lait");
        assertThatThrownBy(() -> HttpHeaders.of("X-Name", "10 €"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Name")
                .hasMessageContaining("encode it first");
        assertThatThrownBy(() -> HttpHeaders.of("x-amz-meta-city", "東京")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> HttpHeaders.of("", "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> HttpHeaders.of("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'");
        assertThatThrownBy(() -> HttpHeaders.of("Bad:Name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("A", "1", "B")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 strings");
    }

    @Test
    void toStringMasksSecretsAndShowsTheRest() {
        HttpHeaders h = HttpHeaders.of(
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101, Signature=deadbeef",
                "Proxy-Authorization", "Basic cHJveHk=",
                "X-Amz-Security-Token", "FQoGZXIvYXdz",
                "x-oss-security-token", "CAIS-oss-token",
                "x-amz-server-side-encryption-customer-key", "c2VjcmV0a2V5",
                "Cookie", "session=abc",
                "Content-Type", "application/xml");

        assertThat(h.toString())
                .doesNotContain("deadbeef", "cHJveHk=", "FQoGZXIvYXdz", "CAIS-oss-token", "c2VjcmV0a2V5", "session=abc")
                .contains("Authorization=***", "X-Amz-Security-Token=***", "x-oss-security-token=***")
                .contains("Content-Type=application/xml");
    }
}
