package dev.ferry.ews.internal;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.ferry.core.FerryException;
import dev.ferry.core.xml.XmlException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a SOAP response as its chunks arrive (Aalto's non-blocking parser), so that the large
 * base64 payloads of EWS ({@code t:MimeContent}, and {@code t:Content} of a file attachment) are
 * decoded piece by piece and handed out as they come, never held whole. What remains of the
 * document (everything but those payloads, which are left as empty elements) is written out again
 * and read afterwards by {@link SoapResponseReader}: a response minus its payloads is small.
 *
 * <p>Illegal character references are rewritten first ({@link IllegalCharRefFilter}); DTDs are
 * refused, so no entity is ever declared, let alone resolved.
 */
public final class StreamingEnvelope {
    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private final IllegalCharRefFilter filter = new IllegalCharRefFilter();
    private final Base64Chunks base64 = new Base64Chunks();
    private final StringBuilder rest = new StringBuilder(1024);
    private final long maxContentBytes;
    private final int maxDocumentChars;
    private final String contentDescription;
    private boolean inContent;
    private long contentBytes;
    private int contents;
    private boolean ended;

    /**
     * @param maxContentBytes decoded payload bytes allowed in all (exceeding it fails the read)
     * @param maxDocumentChars characters allowed for the rest of the document
     * @param contentDescription what the payload is, for the message when it is too large
     */
    public StreamingEnvelope(long maxContentBytes, int maxDocumentChars, String contentDescription) {
        this.maxContentBytes = maxContentBytes;
        this.maxDocumentChars = maxDocumentChars;
        this.contentDescription = contentDescription;
    }

    private static AsyncXMLInputFactory newFactory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Feeds the next chunk; returns the payload bytes it completed (often none). */
    public List<ByteBuffer> feed(ByteBuffer chunk) {
        byte[] bytes;
        int offset;
        int length = chunk.remaining();
        if (chunk.hasArray()) {
            bytes = chunk.array();
            offset = chunk.arrayOffset() + chunk.position();
        } else {
            bytes = new byte[length];
            chunk.duplicate().get(bytes);
            offset = 0;
        }
        return parse(filter.filter(bytes, offset, length));
    }

    /** Ends the document; returns the document without its payloads, as UTF-8. */
    public byte[] finish() {
        List<ByteBuffer> tail = parse(filter.finish());
        if (!tail.isEmpty()) {
            throw new IllegalStateException("payload after the end of input");
        }
        reader.getInputFeeder().endOfInput();
        drain();
        if (!ended) {
            throw new XmlException("the response ended before its XML did (" + rest.length() + " characters read)");
        }
        return rest.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decoded payload bytes so far. */
    public long contentBytes() {
        return contentBytes;
    }

    /** How many payload elements were seen. */
    public int contents() {
        return contents;
    }

    private List<ByteBuffer> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return List.of();
        }
        try {
            reader.getInputFeeder().feedInput(bytes, 0, bytes.length);
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML in the EWS response: " + e.getMessage(), e);
        }
        return drain();
    }

    private List<ByteBuffer> drain() {
        List<ByteBuffer> out = null;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                    break;
                }
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (inContent) {
                            base64.finish();
                            inContent = false;
                        }
                        rest.append("</");
                        name(reader.getPrefix(), reader.getLocalName());
                        rest.append('>');
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (inContent) {
                            byte[] decoded = base64.decode(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                            if (decoded.length > 0) {
                                contentBytes += decoded.length;
                                if (contentBytes > maxContentBytes) {
                                    throw new FerryException(contentDescription + " is larger than the " + maxContentBytes
                                            + " bytes allowed; raise the limit in EwsOptions, or stream it to a file");
                                }
                                if (out == null) {
                                    out = new ArrayList<>(2);
                                }
                                out.add(ByteBuffer.wrap(decoded));
                            }
                        } else {
                            escape(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength(), false);
                        }
                    }
                    case XMLStreamConstants.DTD -> throw new XmlException("the EWS response has a DTD; refused");
                    case XMLStreamConstants.END_DOCUMENT -> ended = true;
                    default -> {
                        // Comments, processing instructions and the declaration carry nothing Ferry reads.
                    }
                }
                if (rest.length() > maxDocumentChars) {
                    throw new FerryException("the EWS response is larger than the " + maxDocumentChars
                            + " characters allowed for reading it (besides MIME and attachment content)");
                }
            }
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML in the EWS response: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new XmlException("the " + contentDescription + " in the EWS response is not valid base64: " + e.getMessage(), e);
        }
        return out == null ? List.of() : out;
    }

    private void startElement() {
        rest.append('<');
        name(reader.getPrefix(), reader.getLocalName());
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            rest.append(prefix == null || prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"");
            String uri = reader.getNamespaceURI(i);
            escapeString(uri == null ? "" : uri, true);
            rest.append('"');
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            rest.append(' ');
            name(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
            rest.append("=\"");
            escapeString(reader.getAttributeValue(i), true);
            rest.append('"');
        }
        rest.append('>');
        String local = reader.getLocalName();
        if (SoapRequests.TYPES_NS.equals(reader.getNamespaceURI()) && (local.equals("MimeContent") || local.equals("Content"))) {
            inContent = true;
            contents++;
            base64.reset();
        }
    }

    private void name(String prefix, String local) {
        if (prefix != null && !prefix.isEmpty()) {
            rest.append(prefix).append(':');
        }
        rest.append(local);
    }

    private void escapeString(String s, boolean attribute) {
        escape(s.toCharArray(), 0, s.length(), attribute);
    }

    private void escape(char[] text, int start, int length, boolean attribute) {
        for (int i = start; i < start + length; i++) {
            char c = text[i];
            switch (c) {
                case '<' -> rest.append("&lt;");
                case '&' -> rest.append("&amp;");
                case '>' -> rest.append("&gt;");
                case '"' -> rest.append(attribute ? "&quot;" : "\"");
                case '\r' -> rest.append("&#13;");
                case '\n' -> rest.append(attribute ? "&#10;" : "\n");
                case '\t' -> rest.append(attribute ? "&#9;" : "\t");
                default -> rest.append(c);
            }
        }
    }
}
