package dev.ferry.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void writesADocumentWithItsDeclaration() {
        String xml = XmlWriter.withDeclaration()
                .start("CompleteMultipartUpload", "xmlns", "http://s3.amazonaws.com/doc/2006-03-01/")
                .start("Part").element("PartNumber", "1").element("ETag", "\"abc\"").end("Part")
                .end("CompleteMultipartUpload")
                .toString();

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><PartNumber>1</PartNumber><ETag>\"abc\"</ETag></Part></CompleteMultipartUpload>");
    }

    @Test
    void escapesMarkupInTextAndQuotesInAttributes() {
        String xml = XmlWriter.withoutDeclaration().start("a", "title", "say \"<hi>\" & go").text("1 < 2 & 3 > \"2\"\r\n").end("a").toString();

        assertThat(xml).isEqualTo("<a title=\"say &quot;&lt;hi&gt;&quot; &amp; go\">1 &lt; 2 &amp; 3 &gt; \"2\"&#13;\n</a>");
    }

    @Test
    void textAndAttributesSurviveAReadBack() {
        String tricky = "a<b>&c\"d'e\r\nf\tg é 日";
        byte[] doc = XmlWriter.withDeclaration().start("r", "v", tricky).element("t", tricky).end("r").toBytes();

        try (XmlReader x = XmlReader.of(doc)) {
            x.nextElement();
            assertThat(x.attribute("v")).isEqualTo(tricky);
            x.nextElement();
            assertThat(x.text()).isEqualTo(tricky);
        }
        assertThat(new String(doc, StandardCharsets.UTF_8)).contains("é 日");
    }

    @Test
    void controlCharactersXmlCannotCarryAreRefused() {
        assertThatThrownBy(() -> XmlWriter.withoutDeclaration().element("k", "a\u0001b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1");
    }
}
