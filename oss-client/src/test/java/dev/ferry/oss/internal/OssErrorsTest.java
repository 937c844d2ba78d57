package dev.ferry.oss.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.oss.OssException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OssErrorsTest {
    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>SignatureDoesNotMatch</Code>
              <Message>The request signature we calculated does not match the signature you provided.</Message>
              <RequestId>65A8D5F0B2E8A4313716A4F5</RequestId>
              <HostId>bucket.oss-cn-hangzhou.aliyuncs.com</HostId>
              <OSSAccessKeyId>LTAI****</OSSAccessKeyId>
              <SignatureProvided>abc</SignatureProvided>
              <StringToSign>OSS4-HMAC-SHA256\n...</StringToSign>
              <EC>0002-00000040</EC>
            </Error>
            """;

    @Test
    void readsEveryFieldOfTheErrorDocument() {
        OssException e = OssErrors.from(403, HttpHeaders.EMPTY, DOCUMENT.getBytes(StandardCharsets.UTF_8),
                OssResource.object("bucket", "a/b.txt"), "PutObject");
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.requestId()).isEqualTo("65A8D5F0B2E8A4313716A4F5");
        assertThat(e.hostId()).isEqualTo("bucket.oss-cn-hangzhou.aliyuncs.com");
        assertThat(e.ec()).isEqualTo("0002-00000040");
        assertThat(e.details()).containsEntry("SignatureProvided", "abc").containsKey("StringToSign").containsKey("OSSAccessKeyId");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("PutObject on oss://bucket/a/b.txt failed: 403 SignatureDoesNotMatch")
                .contains("EC 0002-00000040").contains("access key secret");
    }

    @Test
    void readsTheDocumentFromTheXOssErrHeaderWhenTheBodyIsEmpty() {
        HttpHeaders headers = HttpHeaders.of("x-oss-err", Base64.getEncoder().encodeToString(DOCUMENT.getBytes(StandardCharsets.UTF_8)),
                "x-oss-request-id", "HEADER-ID");
        OssException e = OssErrors.from(403, headers, new byte[0], OssResource.object("bucket", "k"), "HeadObject");
        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.requestId()).isEqualTo("65A8D5F0B2E8A4313716A4F5");
    }

    @Test
    void withNoDocumentAtAllTheHeadersStillGiveTheRequestIdAndEc() {
        HttpHeaders headers = HttpHeaders.of("x-oss-request-id", "RID", "x-oss-ec", "0026-00000001");
        OssException e = OssErrors.from(404, headers, new byte[0], OssResource.object("bucket", "k"), "HeadObject");
        assertThat(e.errorCode()).isNull();
        assertThat(e.requestId()).isEqualTo("RID");
        assertThat(e.ec()).isEqualTo("0026-00000001");
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void retriesWhatTheOfficialSdksRetry() {
        assertThat(error(500, "InternalError").isRetryable()).isTrue();
        assertThat(error(503, "ServiceUnavailable").isRetryable()).isTrue();
        assertThat(error(408, "RequestTimeout").isRetryable()).isTrue();
        assertThat(error(429, "TooManyRequests").isRetryable()).isTrue();
        assertThat(error(429, "TooManyRequests").isThrottling()).isTrue();
        assertThat(error(403, "RequestTimeTooSkewed").isRetryable()).isTrue();
        assertThat(error(403, "AccessDenied").isRetryable()).isFalse();
        assertThat(error(404, "NoSuchKey").isRetryable()).isFalse();
        assertThat(error(400, "InvalidArgument").isRetryable()).isFalse();
    }

    @Test
    void aBodyThatIsNotAnErrorDocumentIsKeptForTheReader() {
        OssException e = OssErrors.from(502, HttpHeaders.EMPTY, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8),
                OssResource.object("bucket", "k"), "GetObject");
        assertThat(e.errorCode()).isNull();
        assertThat(e.isRetryable()).isTrue();
    }

    private static OssException error(int status, String code) {
        String xml = "<Error><Code>" + code + "</Code><Message>m</Message></Error>";
        return OssErrors.from(status, HttpHeaders.EMPTY, xml.getBytes(StandardCharsets.UTF_8), OssResource.object("bucket", "k"), "Op");
    }
}
