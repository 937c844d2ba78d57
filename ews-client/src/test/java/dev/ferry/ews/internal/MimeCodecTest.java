package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.ews.model.EmailAddress;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MimeCodecTest {

    @Test
    void aMessageBuiltWithJakartaMailParsesBackWithMime4jUnchanged() {
        byte[] pdf = new byte[70_000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        MailMessage original = MailMessage.builder()
                .from(EmailAddress.of("sadie@contoso.com", "Sadie Daniëls"))
                .to(EmailAddress.of("ronnie@contoso.com", "Ronnie Stürgis"))
                .cc("team@contoso.com")
                .bcc("audit@contoso.com")
                .replyTo(EmailAddress.of("desk@contoso.com"))
                .subject("Quarterly report — 第3四半期")
                .textBody("Plain text, ünïcödé.\nLine two.")
                .htmlBody("<p>HTML <img src=\"cid:logo@ferry\"></p>")
                .attach(MailAttachment.of("Bericht für Q3.pdf", "application/pdf", pdf))
                .attach(MailAttachment.inline("logo.png", "image/png", "logo@ferry", new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .header("X-Campaign", "Q3 – résumé")
                .date(Instant.parse("2026-01-02T03:04:05Z"))
                .build();

        byte[] mime = MimeCodec.build(original, null);
        String wire = new String(mime, StandardCharsets.US_ASCII);
        assertThat(wire).contains("Message-ID: <").doesNotContain("@localhost").contains("@contoso.com>");
        MailMessage parsed = MimeCodec.parse(mime);

        assertThat(parsed.from()).isEqualTo(original.from());
        assertThat(parsed.to()).isEqualTo(original.to());
        assertThat(parsed.cc()).isEqualTo(original.cc());
        assertThat(parsed.bcc()).isEqualTo(original.bcc());
        assertThat(parsed.replyTo()).isEqualTo(original.replyTo());
        assertThat(parsed.subject()).isEqualTo(original.subject());
        assertThat(parsed.textBody()).isEqualToNormalizingNewlines(original.textBody());
        assertThat(parsed.htmlBody()).isEqualToNormalizingNewlines(original.htmlBody());
        assertThat(parsed.date()).isEqualTo(original.date());
        assertThat(parsed.header("X-Campaign")).isEqualTo("Q3 – résumé");
        assertThat(parsed.attachments()).containsExactlyInAnyOrderElementsOf(original.attachments());
        assertThat(parsed.messageId()).isNotBlank();
    }

    @Test
    void aTextOnlyMessageIsASinglePartWithNoMultipartAround() {
        MailMessage m = MailMessage.builder().from("a@contoso.com").to("b@contoso.com").subject("s").textBody("just text").build();
        String wire = new String(MimeCodec.build(m, null), StandardCharsets.US_ASCII);
        assertThat(wire).contains("Content-Type: text/plain; charset=UTF-8").doesNotContain("multipart");
        assertThat(MimeCodec.parse(wire.getBytes(StandardCharsets.US_ASCII)).textBody()).isEqualToNormalizingNewlines("just text");
    }
}
