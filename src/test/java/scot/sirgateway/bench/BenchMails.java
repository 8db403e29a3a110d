package scot.sirgateway.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;

import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

/**
 * The benchmark's notifications, as a council's mail client sends them: a short note and a filled PDF
 * notification form (every field, so it registers without an operator), padded with a scanned-looking image
 * to the size asked, signed by the demo council's certificate and, for the burst, encrypted to the gateway's
 * RSA certificate with AES-256-CBC.
 */
final class BenchMails {

    static final String FROM = "cjsw@demo-council.test";
    static final String TO = "notifications@sir-gateway.test";

    private final TestSmime.Signer signer;
    private final X509Certificate gateway;
    private final String run;

    BenchMails(String run) throws Exception {
        this.signer = TestSmime.demoCouncil();
        this.gateway = TestSmime.certificate("certs-example/gateway/gateway-rsa.cert.pem");
        this.run = run;
    }

    /** A made mail: its Message-ID and bytes. */
    record Mail(String messageId, byte[] raw) {
    }

    /** Mail number {@code n}: signed and encrypted, with a form PDF of about {@code pdfBytes}. */
    Mail encrypted(int n, int pdfBytes) throws Exception {
        String marker = run + "-" + n;
        MimeBodyPart content = content(marker, pdf(marker, pdfBytes, n));
        SMIMEEnvelopedGenerator envelope = new SMIMEEnvelopedGenerator();
        envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(gateway).setProvider(TestSmime.BC));
        MimeBodyPart encrypted = envelope.generate(TestSmime.signDetached(content, signer),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(TestSmime.BC).build());
        return mail(marker, encrypted);
    }

    /** One mail signed but not encrypted (an encrypted one would be base64 twice), its form PDF of {@code pdfBytes}. */
    Mail signedOnly(String marker, int pdfBytes) throws Exception {
        return mail(marker, TestSmime.signDetached(content(marker, pdf(marker, pdfBytes, 0)), signer));
    }

    /** The size of the PDF of a mail made by {@link #signedOnly}: the form's PDF, read back from the mail. */
    static int pdfBytesFor(int rawMailBytes, int overheadBytes) {
        // base64 in lines of 76 characters and CRLF: 57 bytes of PDF take 78 bytes of mail
        return (rawMailBytes - overheadBytes) / 78 * 57;
    }

    private Mail mail(String marker, MimeBodyPart entity) throws Exception {
        String messageId = "<" + marker + "@demo-council.test>";
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(TestSmime.mail(FROM, entity)));
        message.setHeader("Message-ID", messageId);
        message.setHeader("Subject", "Serious incident notification " + marker);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return new Mail(messageId, raw.toByteArray());
    }

    private static MimeBodyPart content(String marker, byte[] pdf) throws Exception {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart note = new MimeBodyPart();
        note.setText("Please find our serious incident notification attached (" + marker + ").\r\n", "UTF-8");
        mixed.addBodyPart(note);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("notification-" + marker + ".pdf");
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(attachment);
        // the parts' headers written (as sending would), then the entity read back from its bytes: what is signed
        // is exactly what goes out
        MimeMessage holder = new MimeMessage((jakarta.mail.Session) null);
        holder.setContent(mixed);
        holder.saveChanges();
        ByteArrayOutputStream entity = new ByteArrayOutputStream(pdf.length / 3 * 4 + 4096);
        entity.writeBytes(("Content-Type: " + mixed.getContentType() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        mixed.writeTo(entity);
        return new MimeBodyPart(new ByteArrayInputStream(entity.toByteArray()));
    }

    /**
     * A filled notification form whose incident is today (so never late), every field distinct by the
     * marker, with an image of random pixels (incompressible, as a scan nearly is) bringing it to about
     * {@code targetBytes}.
     */
    static byte[] pdf(String marker, int targetBytes, long seed) throws IOException {
        byte[] form = TestPdfs.form(form(marker), TestPdfs.Protection.NONE, null);
        int imageBytes = Math.max(3, targetBytes - form.length - 1024);
        int width = 512;
        int height = Math.max(1, imageBytes / (width * 3));
        byte[] pixels = new byte[width * height * 3];
        new Random(seed ^ marker.hashCode()).nextBytes(pixels);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream(pixels.length + 1024);
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_SPEED), 64 * 1024)) {
            out.write(pixels);
        }
        pixels = null;
        try (PDDocument document = Loader.loadPDF(form)) {
            PDPage page = document.getPage(0);
            PDImageXObject image = new PDImageXObject(document, new ByteArrayInputStream(deflated.toByteArray()),
                    COSName.FLATE_DECODE, width, height, 8, PDDeviceRGB.INSTANCE);
            try (PDPageContentStream stream = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                stream.drawImage(image, 200, 60, 200, 200f * height / width);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(targetBytes + 4096);
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The form's values: all the keys, the incident today, the council the signer's. */
    static Map<String, String> form(String marker) {
        Map<String, String> form = TestMessages.completeForm(marker);
        LocalDate today = LocalDate.now();
        form.put("incident_date", today.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        form.put("aware_date", today.toString());
        form.put("notifier_email", FROM);
        form.put("description", "Marker " + marker + ": the person under supervision seriously assaulted a member of the "
                + "public in an invented incident, leaving them injured.");
        return form;
    }
}
