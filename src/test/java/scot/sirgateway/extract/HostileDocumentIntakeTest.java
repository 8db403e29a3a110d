package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;

/**
 * Hostile attachments through the real IMAP route, in a JVM of their own with a 512 MB heap (the
 * hostile-documents Surefire execution): each is quarantined with its reason while the next message
 * is processed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileDocumentIntakeTest extends GatewayClient {

    static final String INTAKE = "hostile-intake@sir-gateway.test";

    @DynamicPropertySource
    static void hostile(DynamicPropertyRegistry registry) {
        TestMailServer.shared().register(registry, INTAKE);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sir-hostile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("gateway.mail.intake.max-message-bytes", () -> "40000000");
    }

    private void assertQuarantinedWhileNextProcessed(String name, String fileName, String contentType, byte[] document,
            String reasonCode) {
        String sender = name + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, fileName, contentType, document));
        String next = TestMessages.newMessageId("demo-council.test");
        mail.send("next-" + sender, INTAKE, TestMessages.plainNotification("next-" + sender, next,
                TestMessages.completeForm("after " + name)));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).as(name).isEqualTo(reasonCode);
        assertThat(quarantined.get("stage")).isEqualTo("extract");
        assertThat(awaitReference(next)).startsWith("SIR-");
    }

    @Test
    void wordDocumentExpandingToOverAGigabyteShouldBeRefused() throws Exception {
        byte[] bomb = DocumentTextTest.expandingDocx(1_100_000_000L);
        assertThat(bomb.length).isLessThan(5_000_000);
        assertQuarantinedWhileNextProcessed("bomb", "notification.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bomb, "DOCUMENT_LIMIT_EXCEEDED");
    }

    @Test
    void twentyMegabytePdfShouldBeRefused() throws Exception {
        byte[] pdf = bigPdf(20 * 1024 * 1024);
        assertQuarantinedWhileNextProcessed("big", "notification.pdf", "application/pdf", pdf, "DOCUMENT_LIMIT_EXCEEDED");
    }

    @Test
    void pdfWithABrokenCrossReferenceTableShouldBeRefused() {
        assertQuarantinedWhileNextProcessed("broken", "notification.pdf", "application/pdf", brokenPdf(),
                "UNREADABLE_DOCUMENT");
    }

    @Test
    void executableNamedPdfShouldBeRefused() {
        byte[] exe = new byte[8192];
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
        assertQuarantinedWhileNextProcessed("exe", "notification.pdf", "application/pdf", exe, "UNREADABLE_DOCUMENT");
    }

    /** A well-formed PDF of about this size: one page whose content stream is incompressible noise. */
    static byte[] bigPdf(int size) {
        byte[] noise = new byte[size];
        new Random(42).nextBytes(noise);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder xref = new StringBuilder();
        int[] offsets = new int[5];
        write(out, "%PDF-1.7\n");
        offsets[1] = out.size();
        write(out, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        offsets[2] = out.size();
        write(out, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        offsets[3] = out.size();
        write(out, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n");
        offsets[4] = out.size();
        write(out, "4 0 obj << /Length " + noise.length + " >> stream\n");
        out.writeBytes(noise);
        write(out, "\nendstream endobj\n");
        int xrefAt = out.size();
        xref.append("xref\n0 5\n0000000000 65535 f \n");
        for (int i = 1; i <= 4; i++) {
            xref.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        write(out, xref + "trailer << /Size 5 /Root 1 0 R >>\nstartxref\n" + xrefAt + "\n%%EOF\n");
        return out.toByteArray();
    }

    /** A PDF whose cross-reference table points nowhere and whose objects are damaged beyond repair. */
    static byte[] brokenPdf() {
        return ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\n2 0 obj << /Type /Pa\u0000\u0000ges /Kids [3 0 R\n"
                + "xref\n0 3\n0000000000 65535 f \n0000099999 00000 n \n0000088888 00000 n \n"
                + "trailer << /Size 3 /Root 1 0 R >>\nstartxref\n77777\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
