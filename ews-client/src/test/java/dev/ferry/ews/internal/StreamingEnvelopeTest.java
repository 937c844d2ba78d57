package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.xml.XmlException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingEnvelopeTest {
    private static final byte[] PAYLOAD = "attachment bytes \u00e9\u4e2d ".repeat(40).getBytes(StandardCharsets.UTF_8);
    private static final String DOC = "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<s:Body><m:GetAttachmentResponse xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" "
            + "xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"><m:ResponseMessages>"
            + "<m:GetAttachmentResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:Attachments>"
            + "<t:FileAttachment><t:AttachmentId Id=\"AAMk&amp;x\"/><t:Name>a &lt;b&gt; &#x1; \"q\"</t:Name>"
            + "<t:Content>" + Base64.getMimeEncoder().encodeToString(PAYLOAD) + "</t:Content></t:FileAttachment>"
            + "</m:Attachments></m:GetAttachmentResponseMessage></m:ResponseMessages></m:GetAttachmentResponse></s:Body></s:Envelope>";

    private record Result(byte[] content, SoapResponse response) {
    }

    private static Result read(byte[] doc, int chunk, long max) {
        StreamingEnvelope reader = new StreamingEnvelope(max, 1 << 20, "the attachment");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int i = 0; i < doc.length; i += chunk) {
            List<ByteBuffer> pieces = reader.feed(ByteBuffer.wrap(doc, i, Math.min(chunk, doc.length - i)));
            pieces.forEach(b -> content.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        }
        return new Result(content.toByteArray(), SoapResponseReader.read(reader.finish()));
    }

    @Test
    void contentIsDecodedAsItArrivesAndTheRestOfTheDocumentReadsTheSameAtAnyChunkSize() {
        byte[] doc = DOC.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 7, 64, 4096, doc.length}) {
            Result r = read(doc, chunk, Long.MAX_VALUE);
            assertThat(r.content()).as("chunks of " + chunk).isEqualTo(PAYLOAD);
            SoapResponse.Message m = r.response().messages().get(0);
            assertThat(m.isSuccess()).isTrue();
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.id().id()).isEqualTo("AAMk&x");
                assertThat(a.name()).isEqualTo("a <b> \uFFFD \"q\"");
            });
        }
    }

    @Test
    void contentLargerThanTheBoundFailsWhileStreaming() {
        byte[] doc = DOC.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(doc, 100, 500)).isInstanceOf(FerryException.class)
                .hasMessageContaining("the attachment is larger than the 500 bytes allowed");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>&x;</s:Body></s:Envelope>";
        assertThatThrownBy(() -> read(xxe.getBytes(StandardCharsets.UTF_8), 16, 100)).isInstanceOf(XmlException.class);
    }

    @Test
    void aTruncatedResponseIsAnErrorNotAnEmptyResult() {
        byte[] doc = DOC.substring(0, DOC.length() / 2).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(doc, 50, Long.MAX_VALUE)).isInstanceOf(XmlException.class).hasMessageContaining("ended");
    }
}
