package dev.ferry.core.xml;

import dev.ferry.core.FerryException;

/** A document could not be read: it is not well-formed, or not the document that was expected. */
public final class XmlException extends FerryException {
    private static final long serialVersionUID = 1L;

    public XmlException(String message, Throwable cause) {
        super(message, cause);
    }

    public XmlException(String message) {
        super(message);
    }
}
