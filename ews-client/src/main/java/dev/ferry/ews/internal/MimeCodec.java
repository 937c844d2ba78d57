package dev.ferry.ews.internal;

import dev.ferry.ews.model.EmailAddress;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailHeader;
import dev.ferry.ews.model.MailMessage;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link MailMessage} into MIME with Jakarta Mail (Angus), which gets RFC 2047 headers,
 * RFC 2231 file names and transfer encodings right, and parses MIME back with mime4j, which is
 * lenient with what real mailboxes hold. Both work on memory; callers run them off the event loops.
 */
public final class MimeCodec {
    private static final List<String> PARSED_ELSEWHERE = List.of("from", "to", "cc", "bcc", "reply-to", "subject", "date",
            "message-id");

    private MimeCodec() {
    }

    /**
     * The message as MIME bytes.
     *
     * @param defaultFrom used for the Message-ID's domain when the message has no From (the mailbox
     *     the client acts as), so that ids do not end in {@code @localhost}
     */
    public static byte[] build(MailMessage message, @Nullable String defaultFrom) {
        return withOwnClassLoader(() -> buildMime(message, defaultFrom));
    }

    /**
     * Jakarta Mail finds its providers with the thread's context class loader, which on pool threads
     * (Reactor's, an application server's) may not see them: lend it ours for the call.
     */
    private static <T> T withOwnClassLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MimeCodec.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static byte[] buildMime(MailMessage message, @Nullable String defaultFrom) {
        Properties props = new Properties();
        EmailAddress from = message.from();
        String idAddress = from != null ? from.address() : defaultFrom;
        if (idAddress != null) {
            props.setProperty("mail.from", idAddress);
            int at = idAddress.indexOf('@');
            if (at > 0) {
                props.setProperty("mail.host", idAddress.substring(at + 1));
            }
        } else {
            props.setProperty("mail.host", "ferry.invalid");
        }
        props.setProperty("mail.mime.allowutf8", "false");
        Session session = Session.getInstance(props);
        try {
            MimeMessage mime = new MimeMessage(session);
            if (from != null) {
                mime.setFrom(address(from));
            }
            mime.setRecipients(RecipientType.TO, addresses(message.to()));
            mime.setRecipients(RecipientType.CC, addresses(message.cc()));
            mime.setRecipients(RecipientType.BCC, addresses(message.bcc()));
            if (!message.replyTo().isEmpty()) {
                mime.setReplyTo(addresses(message.replyTo()));
            }
            mime.setSubject(message.subject(), "UTF-8");
            mime.setSentDate(message.date() != null ? Date.from(message.date()) : new Date());
            for (MailHeader h : message.headers()) {
                mime.addHeader(h.name(), encodeHeader(h.name(), h.value()));
            }
            setContent(mime, message);
            mime.saveChanges();
            if (message.messageId() != null) {
                mime.setHeader("Message-ID", message.messageId());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot build MIME for " + message + ": " + e.getMessage(), e);
        }
    }

    private static String encodeHeader(String name, String value) throws UnsupportedEncodingException {
        // Folded counting the "Name: " the line starts with, so no line passes 76 characters.
        return jakarta.mail.internet.MimeUtility.fold(name.length() + 2,
                jakarta.mail.internet.MimeUtility.encodeText(value, "UTF-8", null));
    }

    private static InternetAddress address(EmailAddress a) throws UnsupportedEncodingException {
        return new InternetAddress(a.address(), a.name(), "UTF-8");
    }

    private static InternetAddress[] addresses(List<EmailAddress> list) throws UnsupportedEncodingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(list.get(i));
        }
        return out;
    }

    /**
     * mixed( alternative( text, related( html, inline parts ) ), attachments ), leaving out every
     * level that would hold a single part.
     */
    private static void setContent(MimeMessage mime, MailMessage message) throws MessagingException, IOException {
        List<MailAttachment> inline = new ArrayList<>();
        List<MailAttachment> attached = new ArrayList<>();
        for (MailAttachment a : message.attachments()) {
            (a.inline() && message.htmlBody() != null ? inline : attached).add(a);
        }
        MimeBodyPart text = message.textBody() != null ? textPart(message.textBody(), "plain") : null;
        MimeBodyPart html = null;
        if (message.htmlBody() != null) {
            html = textPart(message.htmlBody(), "html");
            if (!inline.isEmpty()) {
                MimeMultipart related = new MimeMultipart("related");
                related.addBodyPart(html);
                for (MailAttachment a : inline) {
                    related.addBodyPart(attachmentPart(a));
                }
                html = wrap(related);
            }
        }
        MimeBodyPart body;
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            body = wrap(alternative);
        } else if (html != null) {
            body = html;
        } else {
            body = text != null ? text : textPart("", "plain");
        }
        if (attached.isEmpty()) {
            // Nothing attached: the body is the message's own content, not a part of a multipart.
            Object content = body.getContent();
            if (content instanceof MimeMultipart multipart) {
                mime.setContent(multipart);
            } else if (html != null && text == null) {
                mime.setText(message.htmlBody(), "UTF-8", "html");
            } else {
                mime.setText(message.textBody() != null ? message.textBody() : "", "UTF-8", "plain");
            }
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (MailAttachment a : attached) {
            mixed.addBodyPart(attachmentPart(a));
        }
        mime.setContent(mixed);
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart attachmentPart(MailAttachment a) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
        part.setFileName(a.fileName());
        part.setDisposition(a.inline() ? MimeBodyPart.INLINE : MimeBodyPart.ATTACHMENT);
        if (a.contentId() != null) {
            String id = a.contentId();
            part.setContentID(id.startsWith("<") ? id : "<" + id + ">");
        }
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** Parses MIME bytes into a message: the first text/plain and text/html parts are the bodies, the rest attachments. */
    public static MailMessage parse(byte[] mime) {
        return parse(new ByteArrayInputStream(mime));
    }

    public static MailMessage parse(InputStream mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        builder.setFieldParser(LenientFieldParser.getParser());
        try {
            Message parsed = builder.parseMessage(mime);
            try {
                MailMessage.Builder out = MailMessage.builder();
                MailboxList from = parsed.getFrom();
                if (from != null && !from.isEmpty()) {
                    out.from(address(from.get(0)));
                }
                addAll(parsed.getTo(), out::to);
                addAll(parsed.getCc(), out::cc);
                addAll(parsed.getBcc(), out::bcc);
                addAll(parsed.getReplyTo(), out::replyTo);
                out.subject(parsed.getSubject() == null ? "" : parsed.getSubject());
                if (parsed.getDate() != null) {
                    out.date(parsed.getDate().toInstant());
                }
                out.messageId(parsed.getMessageId());
                for (Field f : parsed.getHeader().getFields()) {
                    String name = f.getName();
                    if (!PARSED_ELSEWHERE.contains(name.toLowerCase(Locale.ROOT))) {
                        String body = f.getBody() == null ? "" : f.getBody();
                        out.rawHeader(name, DecoderUtil.decodeEncodedWords(body, DecodeMonitor.SILENT)
                                .replace("\r", "").replace("\n", ""));
                    }
                }
                Parts parts = new Parts();
                walk(parsed, parts, true);
                out.textBody(parts.text).htmlBody(parts.html);
                parts.attachments.forEach(out::attach);
                return out.build();
            } finally {
                parsed.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MIME: " + e.getMessage(), e);
        }
    }

    private static EmailAddress address(Mailbox m) {
        return new EmailAddress(m.getAddress(), m.getName());
    }

    private static void addAll(@Nullable AddressList list, java.util.function.Consumer<EmailAddress> to) {
        if (list == null) {
            return;
        }
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                to.accept(address(m));
            } else if (a instanceof org.apache.james.mime4j.dom.address.Group g) {
                g.getMailboxes().forEach(m -> to.accept(address(m)));
            }
        }
    }

    private static final class Parts {
        @Nullable String text;
        @Nullable String html;
        final List<MailAttachment> attachments = new ArrayList<>();
    }

    private static void walk(Entity entity, Parts parts, boolean top) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity child : multipart.getBodyParts()) {
                walk(child, parts, false);
            }
            return;
        }
        String mimeType = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        String disposition = entity.getDispositionType();
        boolean isAttachment = "attachment".equalsIgnoreCase(disposition) || (entity.getFilename() != null && !top);
        if (!isAttachment && body instanceof TextBody textBody) {
            if (mimeType.equals("text/plain") && parts.text == null) {
                parts.text = read(textBody);
                return;
            }
            if (mimeType.equals("text/html") && parts.html == null) {
                parts.html = read(textBody);
                return;
            }
        }
        byte[] content;
        if (body instanceof Message attached) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(attached, out);
            content = out.toByteArray();
        } else if (body instanceof org.apache.james.mime4j.dom.SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                content = in.readAllBytes();
            }
        } else {
            return;
        }
        String name = entity.getFilename();
        if (name == null || name.isBlank()) {
            name = body instanceof Message ? "attached-message.eml" : "attachment-" + (parts.attachments.size() + 1);
        } else {
            name = DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
        }
        Field cid = entity.getHeader() == null ? null : entity.getHeader().getField("Content-ID");
        String contentId = cid == null ? null : cid.getBody().trim().replaceAll("^<|>$", "");
        boolean inline = "inline".equalsIgnoreCase(disposition) || (disposition == null && contentId != null);
        String contentType = mimeType.indexOf('/') > 0 ? mimeType : "application/octet-stream";
        parts.attachments.add(new MailAttachment(name, contentType, contentId, inline, content));
    }

    private static String read(TextBody body) throws IOException {
        try (Reader reader = body.getReader()) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while ((n = reader.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }
}
