package dev.ferry.core.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyResponseBodyTest {

    @Test
    void theCharsetComesFromTheContentType() {
        assertThat(NettyResponseBody.charsetOf("text/xml; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(NettyResponseBody.charsetOf("text/xml;Charset=\"utf-16\"; boundary=x")).isEqualTo(StandardCharsets.UTF_16);
    }

    @Test
    void withoutAKnownCharsetItIsUtf8() {
        assertThat(NettyResponseBody.charsetOf(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(NettyResponseBody.charsetOf("application/xml")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(NettyResponseBody.charsetOf("text/plain; charset=no-such-charset")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(NettyResponseBody.charsetOf("text/plain; charset=")).isEqualTo(StandardCharsets.UTF_8);
    }
}
