package dev.ferry.testkit.ews;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates whole SOAP envelopes against Microsoft's EWS schema ({@code ews-all.xsd}, which imports
 * the messages, types, SOAP envelope and xml schemas). The schema is compiled once per file and JVM
 * (about half a second); validating is blocking work, so a server calls it off its event loops.
 */
public final class EwsSchemaValidator {
    private static final ConcurrentHashMap<Path, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private final Schema schema;

    private EwsSchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /** The validator for {@code ews-all.xsd} at this path. */
    public static EwsSchemaValidator of(Path ewsAllXsd) {
        return new EwsSchemaValidator(SCHEMAS.computeIfAbsent(ewsAllXsd.toAbsolutePath().normalize(), EwsSchemaValidator::compile));
    }

    private static Schema compile(Path xsd) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The schema's own imports are files beside it; nothing else may be fetched.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "file");
            return factory.newSchema(xsd.toFile());
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the EWS schema " + xsd + ": " + e.getMessage(), e);
        }
    }

    /** Where and why a document broke the schema. */
    public record Violation(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    /** The first violation, or empty when the document is valid. A document that is not even well-formed is a violation. */
    public Optional<Violation> validate(byte[] document) {
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new SAXSource(secureReader(), new InputSource(new ByteArrayInputStream(document))));
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of(new Violation(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        } catch (SAXException e) {
            return Optional.of(new Violation(0, 0, e.getMessage()));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
