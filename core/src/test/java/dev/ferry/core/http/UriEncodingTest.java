package dev.ferry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UriEncodingTest {

    @Test
    void unreservedCharactersStayAsTheyAre() {
        String unreserved = "ABCXYZabcxyz0189-._~";

        assertThat(UriEncoding.encode(unreserved)).isEqualTo(unreserved);
        assertThat(UriEncoding.encodePath(unreserved)).isEqualTo(unreserved);
    }

    @Test
    void spaceIsPercent20AndNeverPlus() {
        assertThat(UriEncoding.encode("a b+c")).isEqualTo("a%20b%2Bc");
    }

    @Test
    void reservedCharactersAreEncodedWithUpperCaseHex() {
        assertThat(UriEncoding.encode("a=b&c?d#e*f'g(h)!:@$,;%")).isEqualTo("a%3Db%26c%3Fd%23e%2Af%27g%28h%29%21%3A%40%24%2C%3B%25");
    }

    @Test
    void slashIsEncodedInAQueryValueAndKeptInAPath() {
        assertThat(UriEncoding.encode("photos/2024/a b.jpg")).isEqualTo("photos%2F2024%2Fa%20b.jpg");
        assertThat(UriEncoding.encodePath("photos/2024/a b.jpg")).isEqualTo("photos/2024/a%20b.jpg");
    }

    @Test
    void nonAsciiIsEncodedAsUtf8Bytes() {
        assertThat(UriEncoding.encode("é")).isEqualTo("%C3%A9");
        assertThat(UriEncoding.encodePath("日本/ß")).isEqualTo("%E6%97%A5%E6%9C%AC/%C3%9F");
        assertThat(UriEncoding.encode("😀")).isEqualTo("%F0%9F%98%80");
        assertThat(UriEncoding.encode("a\u0000b")).isEqualTo("a%00b");
    }

    @Test
    void decodeReversesEncode() {
        Random random = new Random(42);
        String alphabet = "aZ09-._~ /+%=&?é日😀ß\t";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(20);
            for (int j = 0; j < n; j++) {
                sb.appendCodePoint(alphabet.codePoints().toArray()[random.nextInt((int) alphabet.codePoints().count())]);
            }
            String s = sb.toString();
            assertThat(UriEncoding.decode(UriEncoding.encode(s))).isEqualTo(s);
            assertThat(UriEncoding.decode(UriEncoding.encodePath(s))).isEqualTo(s);
        }
    }

    @Test
    void decodeKeepsPlusAndAcceptsLowerCaseHex() {
        assertThat(UriEncoding.decode("a+b%2fc%C3%a9")).isEqualTo("a+b/cé");
        assertThat(UriEncoding.decode("plain")).isEqualTo("plain");
    }

    @Test
    void decodeCopesWithRawNonAsciiMixedWithEscapes() {
        // Raw characters take more bytes than chars; the decoder must make room for them.
        assertThat(UriEncoding.decode("%41éééé" + "abc")).isEqualTo("Aééééabc");
        assertThat(UriEncoding.decode("%20" + "日本語".repeat(10) + "tail")).isEqualTo(" " + "日本語".repeat(10) + "tail");
        assertThat(UriEncoding.decode("x%2F😀😀😀y")).isEqualTo("x/😀😀😀y");
    }

    @Test
    void malformedEscapesAreRefused() {
        assertThatThrownBy(() -> UriEncoding.decode("a%4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated percent-escape at 1");
        assertThatThrownBy(() -> UriEncoding.decode("a%"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> UriEncoding.decode("a%G1b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed percent-escape at 1 in 'a%G1b'");
    }
}
