package dev.ferry.core.xml;

import java.nio.charset.StandardCharsets;

/**
 * Builds small XML documents (request bodies) by appending, escaping every text and attribute
 * value. Not a general serializer: the services' request documents are small and flat.
 */
public final class XmlWriter {
    private final StringBuilder sb = new StringBuilder(256);

    public static XmlWriter withDeclaration() {
        XmlWriter w = new XmlWriter();
        w.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return w;
    }

    public static XmlWriter withoutDeclaration() {
        return new XmlWriter();
    }

    public XmlWriter start(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    /** Opens an element with attributes given as alternating names and values. */
    public XmlWriter start(String name, String... attributes) {
        sb.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            sb.append('"');
        }
        sb.append('>');
        return this;
    }

    public XmlWriter end(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}, the text escaped. */
    public XmlWriter element(String name, String text) {
        start(name);
        escape(text, false);
        return end(name);
    }

    public XmlWriter text(String text) {
        escape(text, false);
        return this;
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\r' -> sb.append("&#13;");
                // In an attribute a raw tab or newline is read back as a space (attribute value
                // normalization); only a character reference keeps it.
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        throw new IllegalArgumentException("character 0x" + Integer.toHexString(c) + " cannot appear in XML 1.0 text");
                    }
                    sb.append(c);
                }
            }
        }
    }

    public byte[] toBytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
