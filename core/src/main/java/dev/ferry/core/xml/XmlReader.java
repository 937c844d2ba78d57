package dev.ferry.core.xml;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A forward-only cursor over the elements of a document. Typical use:
 *
 * <pre>{@code
 * try (XmlReader xml = XmlReader.of(bytes)) {
 *     while (xml.nextElement()) {
 *         switch (xml.localName()) {
 *             case "UploadId" -> uploadId = xml.text();
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * DTDs are refused and entities never resolved: a document cannot make Ferry read a file or a URL.
 */
public final class XmlReader implements AutoCloseable {
    private static final XMLInputFactory FACTORY = newFactory();

    private final XMLStreamReader reader;
    private int depth;
    private boolean atStart;

    private XmlReader(XMLStreamReader reader) {
        this.reader = reader;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    public static XmlReader of(byte[] document) {
        return of(new ByteArrayInputStream(document));
    }

    public static XmlReader of(InputStream document) {
        try {
            return new XmlReader(FACTORY.createXMLStreamReader(document));
        } catch (XMLStreamException e) {
            throw new XmlException("cannot start reading XML: " + e.getMessage(), e);
        }
    }

    /**
     * Moves to the next start tag anywhere below the current position. False at the end of the
     * document.
     */
    public boolean nextElement() {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    atStart = true;
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
                if (event == XMLStreamConstants.DTD) {
                    // With DTD support off the parser still accepts a DOCTYPE and then silently
                    // drops every entity reference from the text; refuse it, as documented.
                    throw new XmlException("a document type declaration (DTD) at " + location()
                            + " is refused: Ferry reads no DTDs and resolves no entities");
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML at " + location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves to the next start tag that is a direct child of the element at {@code parentDepth},
     * skipping anything deeper. False when that element ends; the cursor is then just past its end
     * tag, so an enclosing loop carries on with the parent's next sibling.
     */
    public boolean nextChild(int parentDepth) {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    atStart = true;
                    if (depth == parentDepth + 1) {
                        return true;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    atStart = false;
                    if (depth < parentDepth) {
                        return false;
                    }
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML at " + location() + ": " + e.getMessage(), e);
        }
    }

    /** The depth of the current element: 1 for the root. */
    public int depth() {
        return depth;
    }

    public String localName() {
        return reader.getLocalName();
    }

    public String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    public boolean is(String namespace, String localName) {
        return reader.getLocalName().equals(localName) && namespace().equals(namespace);
    }

    public @Nullable String attribute(String localName) {
        return reader.getAttributeValue(null, localName);
    }

    /**
     * The text content of the current element (which must be a leaf), leaving the cursor after its end tag.
     */
    public String text() {
        if (!atStart) {
            throw new IllegalStateException("text() must be called right after nextElement() found a start tag");
        }
        // Taken before reading: after a parse error the reader is at no element, and asking it for
        // the name then threw IllegalStateException, which hid the XmlException callers handle.
        String name = reader.getLocalName();
        try {
            String text = reader.getElementText();
            depth--;
            atStart = false;
            return text;
        } catch (XMLStreamException e) {
            throw new XmlException("cannot read the text of <" + name + "> at " + location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text of the current element and of everything inside it, concatenated, leaving the cursor
     * after its end tag. For elements whose content may or may not have children (error details).
     */
    public String allText() {
        if (!atStart) {
            throw new IllegalStateException("allText() must be called right after nextElement() found a start tag");
        }
        int target = depth - 1;
        StringBuilder sb = new StringBuilder();
        try {
            while (depth > target && reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    sb.append(reader.getText());
                }
            }
            atStart = false;
            return sb.toString();
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML at " + location() + ": " + e.getMessage(), e);
        }
    }

    /** Skips the current element and everything in it. */
    public void skip() {
        int target = depth - 1;
        try {
            while (depth > target && reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            atStart = false;
        } catch (XMLStreamException e) {
            throw new XmlException("malformed XML at " + location() + ": " + e.getMessage(), e);
        }
    }

    private String location() {
        var l = reader.getLocation();
        return l == null ? "unknown position" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // Reading from memory: nothing to release.
        }
    }
}
