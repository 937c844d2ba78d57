package dev.ferry.ews.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An email message as a user sees it: addresses, subject, a text and/or HTML body, attachments and
 * header fields. Ferry turns it into MIME (Jakarta Mail) to send or append it, and parses fetched
 * MIME (mime4j) back into one.
 *
 * <pre>{@code
 * MailMessage message = MailMessage.builder()
 *         .from("sadie@contoso.com")
 *         .to("ronnie@contoso.com")
 *         .subject("Quarterly report")
 *         .textBody("Attached.")
 *         .attach(MailAttachment.of("report.pdf", "application/pdf", bytes))
 *         .build();
 * }</pre>
 *
 * @param headers header fields besides the ones the other components stand for (an {@code X-} header
 *     set by the user; every other field of a parsed message)
 * @param date when it was written; null lets the sender's side set it
 * @param messageId the Message-ID of a parsed message; null for a new one (the MIME builder makes one)
 */
public record MailMessage(@Nullable EmailAddress from, List<EmailAddress> to, List<EmailAddress> cc, List<EmailAddress> bcc,
                          List<EmailAddress> replyTo, String subject, @Nullable String textBody, @Nullable String htmlBody,
                          List<MailAttachment> attachments, List<MailHeader> headers, @Nullable Instant date,
                          @Nullable String messageId) {

    public MailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        subject = subject == null ? "" : subject;
        attachments = List.copyOf(attachments);
        headers = List.copyOf(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The first value of the named header (case-insensitive), or null. */
    public @Nullable String header(String name) {
        for (MailHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every recipient: To, then Cc, then Bcc. */
    public List<EmailAddress> recipients() {
        List<EmailAddress> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    @Override
    public String toString() {
        return "MailMessage[from=" + from + ", to=" + to + (cc.isEmpty() ? "" : ", cc=" + cc) + (bcc.isEmpty() ? "" : ", bcc=" + bcc)
                + ", subject=" + subject + ", " + attachments.size() + " attachment(s)]";
    }

    /** Assembles a message; not thread-safe. */
    public static final class Builder {
        private static final List<String> RESERVED = List.of("from", "to", "cc", "bcc", "reply-to", "subject", "date",
                "message-id", "mime-version", "content-type", "content-transfer-encoding");

        private @Nullable EmailAddress from;
        private final List<EmailAddress> to = new ArrayList<>();
        private final List<EmailAddress> cc = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private String subject = "";
        private @Nullable String textBody;
        private @Nullable String htmlBody;
        private final List<MailAttachment> attachments = new ArrayList<>();
        private final List<MailHeader> headers = new ArrayList<>();
        private @Nullable Instant date;
        private @Nullable String messageId;

        private Builder() {
        }

        private Builder(MailMessage m) {
            from = m.from;
            to.addAll(m.to);
            cc.addAll(m.cc);
            bcc.addAll(m.bcc);
            replyTo.addAll(m.replyTo);
            subject = m.subject;
            textBody = m.textBody;
            htmlBody = m.htmlBody;
            attachments.addAll(m.attachments);
            headers.addAll(m.headers);
            date = m.date;
            messageId = m.messageId;
        }

        public Builder from(String address) {
            return from(EmailAddress.of(address));
        }

        public Builder from(@Nullable EmailAddress address) {
            this.from = address;
            return this;
        }

        public Builder to(String... addresses) {
            for (String a : addresses) {
                to.add(EmailAddress.of(a));
            }
            return this;
        }

        public Builder to(EmailAddress address) {
            to.add(Objects.requireNonNull(address, "to"));
            return this;
        }

        public Builder cc(String... addresses) {
            for (String a : addresses) {
                cc.add(EmailAddress.of(a));
            }
            return this;
        }

        public Builder cc(EmailAddress address) {
            cc.add(Objects.requireNonNull(address, "cc"));
            return this;
        }

        public Builder bcc(String... addresses) {
            for (String a : addresses) {
                bcc.add(EmailAddress.of(a));
            }
            return this;
        }

        public Builder bcc(EmailAddress address) {
            bcc.add(Objects.requireNonNull(address, "bcc"));
            return this;
        }

        public Builder replyTo(EmailAddress address) {
            replyTo.add(Objects.requireNonNull(address, "replyTo"));
            return this;
        }

        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        public Builder textBody(@Nullable String text) {
            this.textBody = text;
            return this;
        }

        public Builder htmlBody(@Nullable String html) {
            this.htmlBody = html;
            return this;
        }

        public Builder attach(MailAttachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Adds a header field such as {@code X-Campaign}. Fields the message's other components
         * stand for (From, To, Subject, Content-Type, ...) are refused: set those components.
         */
        public Builder header(String name, String value) {
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set from the message's own fields; use the builder method for it");
            }
            headers.add(new MailHeader(name, value));
            return this;
        }

        public Builder date(@Nullable Instant date) {
            this.date = date;
            return this;
        }

        public Builder messageId(@Nullable String messageId) {
            this.messageId = messageId;
            return this;
        }

        /** For parsers: adds a field exactly as read, reserved names included. */
        public Builder rawHeader(String name, String value) {
            headers.add(new MailHeader(name, value));
            return this;
        }

        public MailMessage build() {
            return new MailMessage(from, to, cc, bcc, replyTo, subject, textBody, htmlBody, attachments, headers, date, messageId);
        }
    }
}
