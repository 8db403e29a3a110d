package scot.sirgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

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
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 9 Tf 0 g");
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

    /** A mail with a short note and the PDF attached, as a council officer sends it. */
    public static byte[] mailWithAttachment(String from, String messageId, String fileName, byte[] pdf) {
        return mailWithAttachment(from, messageId, fileName, "application/pdf", pdf);
    }

    /** The same, for an attachment of any declared type. */
    public static byte[] mailWithAttachment(String from, String messageId, String fileName, String contentType, byte[] pdf) {
        String boundary = "b-" + Long.toString(System.nanoTime(), 36);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
        String mail = "From: " + from + "\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlease find our notification attached.\r\n"
                + "--" + boundary + "\r\nContent-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n"
                + "--" + boundary + "--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }
}
