package scot.sirgateway.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import scot.sirgateway.model.FormField;

/**
 * The data of an XFA form (a form Adobe LiveCycle designed, with no AcroForm fields): the elements of
 * its {@code datasets} packet whose names are the form's keys. The XML is parsed with no DTDs and no
 * external entities.
 */
final class XfaData {

    private static final String XFA_DATA = "http://www.xfa.org/schema/xfa-data/1.0/";

    private XfaData() {
    }

    /** Reads the form's values (the first of each key) into {@code values}; answers how many were found. */
    static int read(byte[] xdp, Map<FormField, String> values) throws IOException {
        Document document = parse(xdp);
        int found = 0;
        var data = document.getElementsByTagNameNS(XFA_DATA, "data");
        for (int i = 0; i < data.getLength(); i++) {
            found += readLeaves((Element) data.item(i), values);
        }
        return found;
    }

    private static int readLeaves(Element element, Map<FormField, String> values) {
        int found = 0;
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element inner) {
                leaf = false;
                found += readLeaves(inner, values);
            }
        }
        String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        String value = element.getTextContent().trim();
        if (leaf && !value.isEmpty()) {
            var field = FormField.byLabel(name);
            if (field.isPresent() && values.putIfAbsent(field.get(), value) == null) {
                found++;
            }
        }
        return found;
    }

    private static Document parse(byte[] xdp) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xdp));
        } catch (ParserConfigurationException | SAXException e) {
            // the parser's message may quote the form: the class says enough
            throw new IOException("The XFA form data cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
