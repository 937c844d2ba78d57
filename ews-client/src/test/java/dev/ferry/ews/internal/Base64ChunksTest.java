package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64ChunksTest {

    @Test
    void decodesTextSplitAnywhereAndFoldedWithWhitespace() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 100, 4099}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            char[] text = Base64.getMimeEncoder().encodeToString(data).toCharArray();
            for (int chunk : new int[] {1, 2, 3, 5, 77, 1000}) {
                Base64Chunks decoder = new Base64Chunks();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < text.length; i += chunk) {
                    out.writeBytes(decoder.decode(text, i, Math.min(chunk, text.length - i)));
                }
                decoder.finish();
                assertThat(out.toByteArray()).as(size + " bytes in chunks of " + chunk).isEqualTo(data);
            }
        }
    }

    @Test
    void refusesWhatIsNotBase64() {
        assertThatThrownBy(() -> new Base64Chunks().decode("ab$d".toCharArray(), 0, 4)).isInstanceOf(IllegalArgumentException.class);
        Base64Chunks truncated = new Base64Chunks();
        truncated.decode("QUJD QQ".toCharArray(), 0, 7);
        assertThatThrownBy(truncated::finish).hasMessageContaining("stray");
        assertThatThrownBy(() -> new Base64Chunks().decode("QQ==QUJD".toCharArray(), 0, 8)).hasMessageContaining("not base64");
        Base64Chunks padded = new Base64Chunks();
        padded.decode("QQ==".toCharArray(), 0, 4);
        assertThatThrownBy(() -> padded.decode("QUJD".toCharArray(), 0, 4)).hasMessageContaining("padding");
    }
}
