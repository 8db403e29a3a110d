package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

/**
 * A message as large as the intake takes (gateway.mail.intake.max-message-bytes at its default, 25 MB) whose
 * one attachment is the largest PDF form that fits it base64-encoded, through the whole pipeline in a gateway
 * with a 256 MB heap that exits on running out of memory (the hostile-documents Surefire execution, the mail
 * server in a process of its own): stored, parsed, its signature verified, the PDF read by a reader process,
 * registered, acknowledged and forwarded to Scottish Government.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LargeMessageIntakeTest extends GatewayClient {

    static final String INTAKE = "large-intake@sir-gateway.test";
    static final String SENDER = "cjsw@demo-council.test";
    static final int MAX_MESSAGE_BYTES = 26_214_400;
    /** Base64 in lines of 76 characters takes 78 bytes for every 57: this PDF leaves room for headers and a signature. */
    static final int PDF_BYTES = 19_000_000;

    @DynamicPropertySource
    static void large(DynamicPropertyRegistry registry) {
        TestMailServer.shared().register(registry, INTAKE);
        // a database on disk, as PostgreSQL is in production: an in-memory one would keep every stored blob in this
        // JVM's 256 MB, which are the gateway's
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/large-intake/" + java.util.UUID.randomUUID()
                + "/sir;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("gateway.mail.intake.max-message-bytes", () -> String.valueOf(MAX_MESSAGE_BYTES));
        registry.add("gateway.extract.max-document-bytes", () -> "20000000");
    }

    @TempDir
    Path files;

    @Test
    void signedMessageOfTwentyFiveMegabytesShouldGoThroughEveryStage() throws Exception {
        String messageId = TestMessages.newMessageId("demo-council.test");
        Path raw = signedMail(messageId, bigForm("signed-large"));
        assertThat(Files.size(raw)).isBetween(MAX_MESSAGE_BYTES - 600_000L, (long) MAX_MESSAGE_BYTES);
        // sent from the file: this JVM's 256 MB are the gateway's, not the test's copies of the message
        mail.send(SENDER, INTAKE, raw);

        String reference = awaitLarge(messageId);
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("signature_verified").asBoolean()).isTrue();
        assertThat(notification.path("offender_ref").asString()).isEqualTo("REF-signed-large");
        awaitAcknowledgedAndForwarded(reference);
    }

    @Test
    void plainMultipartOfTwentyFiveMegabytesShouldGoThroughEveryStage() throws Exception {
        String messageId = TestMessages.newMessageId("demo-council.test");
        Path raw = plainMail(messageId, bigForm("plain-large"));
        assertThat(Files.size(raw)).isBetween(MAX_MESSAGE_BYTES - 600_000L, (long) MAX_MESSAGE_BYTES);
        mail.send(SENDER, INTAKE, raw);

        String reference = awaitLarge(messageId);
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.path("offender_ref").asString()).isEqualTo("REF-plain-large");
        // unsigned: the sender is not verified, so an operator confirms it before the forward goes
        assertThat(notification.path("status").asString()).isEqualTo("TRIAGE");
        assertThat(post("/api/notifications/" + reference + "/release", "{}").statusCode()).isEqualTo(200);
        awaitAcknowledgedAndForwarded(reference);
    }

    /** Registered, or the quarantine's reason in the failure (not a time-out that says nothing). */
    private String awaitLarge(String messageId) {
        return Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var quarantined = jdbc.sql("SELECT reason_code FROM quarantine WHERE message_id = ?").param(messageId)
                            .query(String.class).list();
                    assertThat(quarantined).as("quarantined").isEmpty();
                    return jdbc.sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                            .query(String.class).optional().orElse(null);
                }, r -> r != null);
    }

    /** The acknowledgement and the forward (with the documents) both handed to the relay. */
    private void awaitAcknowledgedAndForwarded(String reference) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("SELECT o.purpose FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                                + "WHERE n.reference = ? AND o.state = 'SENT'").param(reference).query(String.class).list(),
                        sent -> sent.contains("FORWARD") && sent.stream().anyMatch(p -> p.startsWith("ACK")));
    }

    /**
     * A fillable notification form of about {@link #PDF_BYTES}, in a file: the form's fields and, beside them in the
     * page's dictionary, a stream of incompressible noise no reader draws. Built through temporary files: this
     * JVM's heap is the gateway's.
     */
    Path bigForm(String marker) throws IOException {
        byte[] small = TestPdfs.form(TestMessages.completeForm(marker), TestPdfs.Protection.NONE, null);
        Path pdf = files.resolve(marker + ".pdf");
        try (PDDocument document = Loader.loadPDF(small, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            COSStream padding = document.getDocument().createCOSStream();
            try (OutputStream out = padding.createRawOutputStream()) {
                Random random = new Random(14);
                byte[] chunk = new byte[64 * 1024];
                for (int left = PDF_BYTES - small.length - 2_000; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, Math.min(left, chunk.length));
                }
            }
            document.getPage(0).getCOSObject().setItem(COSName.getPDFName("SirPadding"), padding);
            document.save(pdf.toFile());
        }
        assertThat(Files.size(pdf)).isBetween(PDF_BYTES - 100_000L, PDF_BYTES + 100_000L);
        return pdf;
    }

    /** The PDF attached to a short note, as {@link TestPdfs#mailWithAttachment} writes it, into a file. */
    Path plainMail(String messageId, Path pdf) throws IOException {
        Path mail = files.resolve("plain.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mail));
                java.io.InputStream document = Files.newInputStream(pdf)) {
            TestPdfs.writeMailWithAttachment(out, SENDER, messageId, "notification.pdf", "application/pdf", document);
        }
        return mail;
    }

    /** A note and the PDF attached, signed (detached) by the demo council, as its client sends it, into a file. */
    Path signedMail(String messageId, Path pdf) throws Exception {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart note = new MimeBodyPart();
        note.setText("Please find our notification attached.", "UTF-8");
        mixed.addBodyPart(note);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new FileDataSource(pdf.toFile()) {
            @Override
            public String getContentType() {
                return "application/pdf";
            }
        }));
        attachment.setFileName("notification.pdf");
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(attachment);
        MimeBodyPart content = new MimeBodyPart();
        content.setContent(mixed);
        MimeMultipart signed = TestSmime.signing(TestSmime.demoCouncil(), null).generate(content);

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(SENDER, "Demo Council CJSW"));
        message.setRecipients(Message.RecipientType.TO, "notifications@sir-gateway.test");
        message.setSubject("Serious incident notification");
        message.setSentDate(new Date());
        message.setContent(signed, signed.getContentType());
        message.saveChanges();
        message.setHeader("Message-ID", messageId);
        Path mail = files.resolve("signed.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mail))) {
            message.writeTo(out);
        }
        return mail;
    }
}
