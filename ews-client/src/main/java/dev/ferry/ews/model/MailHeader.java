package dev.ferry.ews.model;

/** One header field of a message, as the user set or the sender wrote it (decoded, unfolded). */
public record MailHeader(String name, String value) {
    public MailHeader {
        if (name == null || name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ':')) {
            throw new IllegalArgumentException("header name must be printable ASCII without spaces or ':', was '" + name + "'");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("value of header " + name + " must not be null or contain line breaks");
        }
    }
}
