package scot.sirgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceEntry;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDComboBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.pdfbox.pdmodel.interactive.form.PDXFAResource;
import org.springframework.web.util.HtmlUtils;

/** Fillable notification forms as councils' PDF tools save them, optionally password-protected. */
public final class TestPdfs {

    /** How a PDF is protected: none, or a user password with RC4 or AES of a key length. */
    public enum Protection {
        NONE(0, false), RC4_40(40, false), RC4_128(128, false), AES_128(128, true), AES_256(256, true);

        final int bits;
        final boolean aes;

        Protection(int bits, boolean aes) {
            this.bits = bits;
            this.aes = aes;
        }
    }

    private TestPdfs() {
    }

    public static byte[] form(Map<String, String> fields, Protection protection, String userPassword) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            textFields(newForm(document), page, fields);
            if (protection != Protection.NONE) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(protection.bits);
                policy.setPreferAES(protection.aes);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A form whose fields are not all text: {@code order_type} a radio group with the chosen option
     * {@code order}, {@code incident_type} a choice list set to {@code type}, {@code mappa} a check box;
     * the other entries of {@code text} text fields.
     */
    public static byte[] formWithChoices(Map<String, String> text, String order, String type, boolean mappa) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDAcroForm form = newForm(document);
            float y = textFields(form, page, text);
            PDRadioButton orders = new PDRadioButton(form);
            orders.setPartialName("order_type");
            List<PDAnnotationWidget> buttons = new ArrayList<>();
            float x = 200;
            for (String option : List.of("CPO", "DTTO", "PAROLE", "NON_PAROLE", "OTHER")) {
                buttons.add(onOffWidget(document, page, new PDRectangle(x, y, 12, 12), option));
                x += 40;
            }
            orders.setWidgets(buttons);
            form.getFields().add(orders);
            orders.setValue(order);
            y -= 20;
            PDComboBox types = new PDComboBox(form);
            types.setPartialName("incident_type");
            types.setOptions(List.of("SERIOUS_ASSAULT", "FIRE_RAISING", "SUICIDE", "OTHER"));
            types.getWidgets().get(0).setRectangle(new PDRectangle(200, y, 200, 16));
            types.getWidgets().get(0).setPage(page);
            page.getAnnotations().add(types.getWidgets().get(0));
            form.getFields().add(types);
            types.setValue(type);
            y -= 20;
            PDCheckBox box = new PDCheckBox(form);
            box.setPartialName("mappa");
            box.setWidgets(List.of(onOffWidget(document, page, new PDRectangle(200, y, 12, 12), "Yes")));
            form.getFields().add(box);
            if (mappa) {
                box.check();
            } else {
                box.unCheck();
            }
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty AcroForm with Helvetica as its default appearance. */
    private static PDAcroForm newForm(PDDocument document) {
        PDAcroForm form = new PDAcroForm(document);
        document.getDocumentCatalog().setAcroForm(form);
        PDResources resources = new PDResources();
        resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
        form.setDefaultResources(resources);
        form.setDefaultAppearance("/Helv 9 Tf 0 g");
        return form;
    }

    /** One filled text field per entry, named by its key, down the page; answers the height below them. */
    private static float textFields(PDAcroForm form, PDPage page, Map<String, String> fields) throws IOException {
        float y = 740;
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            PDTextField field = new PDTextField(form);
            field.setPartialName(entry.getKey());
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(200, y, 350, 16));
            widget.setPage(page);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
            field.setValue(entry.getValue());
            y -= 20;
        }
        return y;
    }

    /** A widget with an "on" appearance named {@code on} and an "Off" one, as radio buttons and check boxes have. */
    private static PDAnnotationWidget onOffWidget(PDDocument document, PDPage page, PDRectangle rectangle, String on)
            throws IOException {
        PDAnnotationWidget widget = new PDAnnotationWidget();
        widget.setRectangle(rectangle);
        widget.setPage(page);
        COSDictionary states = new COSDictionary();
        for (String state : List.of(on, "Off")) {
            PDAppearanceStream appearance = new PDAppearanceStream(document);
            appearance.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
            states.setItem(COSName.getPDFName(state), appearance);
        }
        PDAppearanceDictionary appearances = new PDAppearanceDictionary();
        appearances.setNormalAppearance(new PDAppearanceEntry(states));
        widget.setAppearance(appearances);
        widget.setAppearanceState("Off");
        page.getAnnotations().add(widget);
        return widget;
    }

    /**
     * An XFA-only form, as Adobe LiveCycle saves it: no AcroForm fields, the values in the XFA
     * datasets under the form's keys, and a page that only asks the reader to wait.
     */
    public static byte[] xfaOnly(Map<String, String> fields) {
        StringBuilder data = new StringBuilder();
        fields.forEach((key, value) -> data.append('<').append(key).append('>').append(HtmlUtils.htmlEscape(value, "UTF-8")).append("</").append(key).append('>'));
        String xdp = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\">"
                + "<template xmlns=\"http://www.xfa.org/schema/xfa-template/3.3/\"><subform name=\"form1\"/></template>"
                + "<xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><form1>" + data
                + "</form1></xfa:data></xfa:datasets></xdp:xdp>";
        return xfaOnly(xdp);
    }

    /** An XFA-only form holding the XDP text given, whatever it is. */
    public static byte[] xfaOnly(String xdp) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            lines(document, page, List.of("Please wait...", "If this message is not eventually replaced by the proper contents "
                    + "of the document, your PDF viewer may not be able to display this type of document."));
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            COSStream stream = document.getDocument().createCOSStream();
            try (var out = stream.createOutputStream()) {
                out.write(xdp.getBytes(StandardCharsets.UTF_8));
            }
            form.setXFA(new PDXFAResource(stream));
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A flattened form: the labels and values printed on the page, no fields. */
    public static byte[] flattened(List<String> lines) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            lines(document, page, lines);
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lines(PDDocument document, PDPage page, List<String> lines) throws IOException {
        try (PDPageContentStream text = new PDPageContentStream(document, page)) {
            text.beginText();
            text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 9);
            text.setLeading(13);
            text.newLineAtOffset(40, 740);
            for (String line : lines) {
                text.showText(line);
                text.newLine();
            }
            text.endText();
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** A mail with a short note and the PDF attached, as a council officer sends it. */
    public static byte[] mailWithAttachment(String from, String messageId, String fileName, byte[] pdf) {
        return mailWithAttachment(from, messageId, fileName, "application/pdf", pdf);
    }

    /** The same, for an attachment of any declared type. */
    public static byte[] mailWithAttachment(String from, String messageId, String fileName, String contentType, byte[] pdf) {
        // encoded straight into one buffer sized up front: a 20 MB document is not copied four times over
        ByteArrayOutputStream mail = new ByteArrayOutputStream(pdf.length / 57 * 78 + 1024);
        try {
            writeMailWithAttachment(mail, from, messageId, fileName, contentType, new java.io.ByteArrayInputStream(pdf));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return mail.toByteArray();
    }

    /**
     * Writes that mail to {@code out}, the document base64-encoded as it is read: a test whose heap is the
     * gateway's writes a 25 MB message to a file without holding it.
     */
    public static void writeMailWithAttachment(java.io.OutputStream out, String from, String messageId, String fileName,
            String contentType, java.io.InputStream document) throws IOException {
        String boundary = "b-" + Long.toString(System.nanoTime(), 36);
        String head = "From: " + from + "\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlease find our notification attached.\r\n"
                + "--" + boundary + "\r\nContent-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        try (java.io.OutputStream encoder = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .wrap(new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() {
                        // the encoder's close writes what is left; the output stays open
                    }
                })) {
            document.transferTo(encoder);
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A file that starts as a Windows executable does (MZ, a PE header at 0x80), of random bytes: what a hostile
     * sender names {@code .pdf}.
     */
    public static byte[] executable() {
        byte[] exe = new byte[4096];
        new Random(7).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[60] = (byte) 0x80;
        exe[61] = 0;
        exe[62] = 0;
        exe[63] = 0;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x82] = 0;
        exe[0x83] = 0;
        return exe;
    }
}
