package dev.ferry.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3ErrorsTest {

    @Test
    void readsTheFieldsOfAnErrorDocument() {
        S3Errors.ErrorDocument doc = S3Errors.parse(("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                + "<Resource>/b/k?partNumber=2&amp;uploadId=u</Resource><RequestId>r1</RequestId><HostId>h1</HostId></Error>")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(doc.code).isEqualTo("SlowDown");
        assertThat(doc.resource).isEqualTo("/b/k?partNumber=2&uploadId=u");
        assertThat(doc.requestId).isEqualTo("r1");
    }

    @Test
    void aMalformedErrorDocumentIsIgnoredNotThrown() {
        // An unescaped '&', as a proxy or a load balancer in front of a store may write: the error
        // must still become an S3Exception from the status alone, not an IllegalStateException.
        byte[] body = "<Error><Code>InternalError</Code><Resource>/b/k?partNumber=2&uploadId=u</Resource></Error>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(S3Errors.parse(body)).isNull();
    }
}
