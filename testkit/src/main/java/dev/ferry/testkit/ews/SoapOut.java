package dev.ferry.testkit.ews;

/**
 * Writes answers the way Exchange Online does: one line, prefixes {@code s:}, {@code h:},
 * {@code m:}, {@code t:}, and the {@code ServerVersionInfo} header. Characters XML 1.0 cannot hold
 * are written as character references, exactly the habit of Exchange that breaks strict parsers.
 */
final class SoapOut {
    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
    static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String ERRORS = "http://schemas.microsoft.com/exchange/services/2006/errors";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    private final StringBuilder sb = new StringBuilder(512);

    static SoapOut response(String operation) {
        SoapOut out = new SoapOut();
        out.sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"").append(SOAP).append("\"><s:Header>")
                .append("<h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"20\" MajorBuildNumber=\"8769\" MinorBuildNumber=\"35\"")
                .append(" Version=\"V2018_01_08\" xmlns:h=\"").append(TYPES).append("\" xmlns=\"").append(TYPES)
                .append("\" xmlns:xsd=\"").append(XSD).append("\" xmlns:xsi=\"").append(XSI).append("\"/></s:Header>")
                .append("<s:Body xmlns:xsi=\"").append(XSI).append("\" xmlns:xsd=\"").append(XSD).append("\">")
                .append("<m:").append(operation).append("Response xmlns:m=\"").append(MESSAGES).append("\" xmlns:t=\"").append(TYPES)
                .append("\"><m:ResponseMessages>");
        return out;
    }

    String endResponse(String operation) {
        sb.append("</m:ResponseMessages></m:").append(operation).append("Response></s:Body></s:Envelope>");
        return sb.toString();
    }

    static String fault(String code, String faultString, String message, String messageXml) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + SOAP + "\"><s:Body><s:Fault>"
                + "<faultcode xmlns:a=\"" + TYPES + "\">a:" + code + "</faultcode>"
                + "<faultstring xml:lang=\"en-US\">" + escape(faultString) + "</faultstring><detail>"
                + "<e:ResponseCode xmlns:e=\"" + ERRORS + "\">" + code + "</e:ResponseCode>"
                + "<e:Message xmlns:e=\"" + ERRORS + "\">" + escape(message) + "</e:Message>"
                + (messageXml.isEmpty() ? "" : "<t:MessageXml xmlns:t=\"" + TYPES + "\">" + messageXml + "</t:MessageXml>")
                + "</detail></s:Fault></s:Body></s:Envelope>";
    }

    SoapOut success(String operation) {
        sb.append("<m:").append(operation).append("ResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>");
        return this;
    }

    SoapOut error(String operation, String code, String text) {
        return error(operation, code, text, "");
    }

    SoapOut error(String operation, String code, String text, String messageXml) {
        sb.append("<m:").append(operation).append("ResponseMessage ResponseClass=\"Error\"><m:MessageText>").append(escape(text))
                .append("</m:MessageText><m:ResponseCode>").append(code).append("</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>");
        if (!messageXml.isEmpty()) {
            sb.append("<m:MessageXml>").append(messageXml).append("</m:MessageXml>");
        }
        return this;
    }

    SoapOut endMessage(String operation) {
        sb.append("</m:").append(operation).append("ResponseMessage>");
        return this;
    }

    SoapOut raw(String xml) {
        sb.append(xml);
        return this;
    }

    SoapOut element(String name, String text) {
        sb.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
        return this;
    }

    SoapOut empty(String name, String... attributes) {
        sb.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        sb.append("/>");
        return this;
    }

    SoapOut open(String name, String... attributes) {
        sb.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        sb.append('>');
        return this;
    }

    SoapOut close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
