package dev.ferry.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlReaderTest {
    private static final String S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

    private static XmlReader read(String xml) {
        return XmlReader.of(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void walksElementsWithTheirNamespaceDepthAndText() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>photos</Name>
                  <Contents><Key>a &amp; b.jpg</Key><Size>10</Size></Contents>
                  <Contents><Key><![CDATA[<raw>]]></Key><Size>20</Size></Contents>
                </ListBucketResult>
                """;
        List<String> keys = new ArrayList<>();
        try (XmlReader x = read(xml)) {
            assertThat(x.nextElement()).isTrue();
            assertThat(x.is(S3, "ListBucketResult")).isTrue();
            assertThat(x.depth()).isEqualTo(1);
            while (x.nextChild(1)) {
                if (x.localName().equals("Name")) {
                    assertThat(x.namespace()).isEqualTo(S3);
                    assertThat(x.text()).isEqualTo("photos");
                } else if (x.is(S3, "Contents")) {
                    while (x.nextChild(2)) {
                        if (x.localName().equals("Key")) {
                            keys.add(x.text());
                        } else {
                            x.skip();
                        }
                    }
                }
            }
            assertThat(x.nextElement()).isFalse();
        }
        assertThat(keys).containsExactly("a & b.jpg", "<raw>");
    }

    @Test
    void matchesPrefixedElementsByNamespaceUriNotPrefix() {
        String xml = "<soap:Envelope xmlns:soap=\"" + SOAP + "\" xmlns:m=\"urn:messages\">"
                + "<soap:Body><m:Response m:Id=\"42\" Kind=\"plain\"/></soap:Body></soap:Envelope>";
        try (XmlReader x = read(xml)) {
            x.nextElement();
            assertThat(x.is(SOAP, "Envelope")).isTrue();
            assertThat(x.is("", "Envelope")).isFalse();
            x.nextElement();
            x.nextElement();
            assertThat(x.is("urn:messages", "Response")).isTrue();
            assertThat(x.depth()).isEqualTo(3);
            assertThat(x.attribute("Kind")).isEqualTo("plain");
            assertThat(x.attribute("Missing")).isNull();
        }
    }

    @Test
    void skipLeavesTheCursorAfterTheSkippedElement() {
        try (XmlReader x = read("<r><skip><deep><deeper/></deep></skip><next>n</next></r>")) {
            x.nextElement();
            x.nextElement();
            assertThat(x.localName()).isEqualTo("skip");
            x.skip();
            assertThat(x.nextChild(1)).isTrue();
            assertThat(x.localName()).isEqualTo("next");
            assertThat(x.text()).isEqualTo("n");
            assertThat(x.nextChild(1)).isFalse();
        }
    }

    @Test
    void textMustFollowAStartTag() {
        try (XmlReader x = read("<r><a>1</a></r>")) {
            x.nextElement();
            x.nextElement();
            x.text();
            assertThatThrownBy(x::text).isInstanceOf(IllegalStateException.class).hasMessageContaining("right after nextElement()");
        }
    }

    @Test
    void malformedXmlSaysWhere() {
        try (XmlReader x = read("<r>\n<a></b></r>")) {
            x.nextElement();
            assertThatThrownBy(() -> {
                while (x.nextElement()) {
                    // walk until it breaks
                }
            }).isInstanceOf(XmlException.class).hasMessageContaining("line 2");
        }
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedAndAnExternalEntityNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Error [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<Error><Code>&xxe;</Code><Message>m</Message></Error>";

        StringBuilder everythingRead = new StringBuilder();
        assertThatThrownBy(() -> {
            try (XmlReader x = read(xxe)) {
                while (x.nextElement()) {
                    if (x.localName().equals("Code") || x.localName().equals("Message")) {
                        everythingRead.append(x.text());
                    }
                }
            }
        }).isInstanceOf(XmlException.class).hasMessageContaining("DTD");
        assertThat(everythingRead.toString()).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void internalEntityExpansionIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";

        assertThatThrownBy(() -> {
            try (XmlReader x = read(laughs)) {
                while (x.nextElement()) {
                    x.text();
                }
            }
        }).isInstanceOf(XmlException.class);
    }
}
