package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IllegalCharRefFilterTest {

    private static String filterInChunks(String input, int chunk) {
        IllegalCharRefFilter filter = new IllegalCharRefFilter();
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += chunk) {
            out.writeBytes(filter.filter(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        out.writeBytes(filter.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void referencesXml10ForbidsBecomeTheReplacementCharacterWhereverTheChunksSplitThem() {
        String input = "<t:Subject>a&#x1;b&#0;c&#x1F;d&#X0b;e&#65534;f&#xD800;</t:Subject>";
        String expected = "<t:Subject>a&#xFFFD;b&#xFFFD;c&#xFFFD;d&#xFFFD;e&#xFFFD;f&#xFFFD;</t:Subject>";
        for (int chunk = 1; chunk <= input.length(); chunk++) {
            assertThat(filterInChunks(input, chunk)).as("chunks of " + chunk).isEqualTo(expected);
        }
    }

    @Test
    void legalReferencesEntitiesAndLoneAmpersandsPassUnchanged() {
        String input = "&#x9;&#10;&#xD;&#x20;&#xE9;&#128512;&amp;&lt;&&#&#x;&#;&#xZZ;&&#x1;&#x0000000000000000001;é";
        String out = filterInChunks(input, 3);
        assertThat(out).startsWith("&#x9;&#10;&#xD;&#x20;&#xE9;&#128512;&amp;&lt;&&#&#x;&#;&#xZZ;&&#xFFFD;").endsWith("é");
    }

    @Test
    void aDocumentWithoutAmpersandsIsCopiedAsIs() {
        IllegalCharRefFilter filter = new IllegalCharRefFilter();
        byte[] in = "<a>plain</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(filter.filter(in, 0, in.length)).isEqualTo(in);
        assertThat(filter.replaced()).isZero();
    }
}
