package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Hostile attachments through the real IMAP route, in a JVM of their own with a 256 MB heap that exits
 * on running out of memory (the hostile-documents Surefire execution): each is quarantined with its
 * reason, within the document timeout, while the next message is processed. Each attachment is named
 * as a person might name it: no reason may quote the name.
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
        registry.add("gateway.extract.timeout", () -> TIMEOUT.toSeconds() + "s");
    }

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Beyond the timeout: the intake's poll, the quarantine's commit, a fresh reader process. */
    static final Duration MARGIN = Duration.ofSeconds(7);
    static final String PERSONAL_NAME = "John Smith DOB 1980-01-01";

    private void assertQuarantinedWhileNextProcessed(String name, String fileName, String contentType, byte[] document,
            String reasonCode) {
        String sender = name + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, PERSONAL_NAME + " " + fileName,
                contentType, document));
        // sent: this JVM's 256 MB are the gateway's from here on, not a 20 MB document's the test no longer needs
        document = null;
        String next = TestMessages.newMessageId("demo-council.test");
        mail.send("next-" + sender, INTAKE, TestMessages.plainNotification("next-" + sender, next,
                TestMessages.completeForm("after " + name)));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).as(name).isEqualTo(reasonCode);
        assertThat(quarantined.get("stage")).isEqualTo("extract");
        assertThat((String) quarantined.get("reason")).as(name).containsIgnoringCase("attachment 1").doesNotContain("John")
                .doesNotContain("Smith").doesNotContain("1980").doesNotContain(fileName);
        assertThat(awaitReference(next)).startsWith("SIR-");
    }

    /**
     * Three documents whose parser loops for ever, deaf to interrupts: each is stopped at the timeout
     * and quarantined, and none takes capacity from the next message's document.
     */
    @Test
    void documentsWhoseParserNeverReturnsShouldBeStoppedAtTheTimeout() {
        // a good document first: the reader process is running, as it is once the gateway has read one
        assertThat(sendGoodRtf("before-stuck")).startsWith("SIR-");
        for (int i = 1; i <= 3; i++) {
            String sender = "stuck" + i + "@demo-council.test";
            String messageId = TestMessages.newMessageId("demo-council.test");
            Instant sent = Instant.now();
            mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, PERSONAL_NAME + ".rtf",
                    "application/rtf", rtf("offender_ref: STUCK-" + i, StuckRtfParser.MARKER)));
            Map<String, Object> quarantined = assertTimeoutPreemptively(TIMEOUT.plus(MARGIN),
                    () -> awaitQuarantine(messageId), "document " + i + " was not stopped at the timeout");
            assertThat(quarantined.get("reason_code")).isEqualTo("DOCUMENT_LIMIT_EXCEEDED");
            assertThat((String) quarantined.get("reason")).containsIgnoringCase("attachment 1 (RTF)")
                    .contains("gateway.extract.timeout").doesNotContain("Smith");
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(TIMEOUT);
        }
        String reference = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> sendGoodRtf("after-stuck"),
                "a good document after the stuck ones waited");
        assertThat(api("/api/notifications/" + reference).path("offender_ref").asText()).isEqualTo("REF-after-stuck");
    }

    /** Sends a complete notification as an RTF attachment; answers its reference once registered. */
    private String sendGoodRtf(String name) {
        String sender = name + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder form = new StringBuilder();
        TestMessages.completeForm(name).forEach((key, value) -> form.append(key).append(": ").append(value).append('\n'));
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, "notification.rtf", "application/rtf",
                rtf(form.toString())));
        return awaitReference(messageId);
    }

    /**
     * A flattened PDF of about 100 KB whose page draws 80 million characters (a form XObject of long
     * strings, drawn hundreds of times): its text is stopped at the limit in the reader process, and
     * neither that process nor this 256 MB JVM runs out of memory.
     */
    @Test
    void pdfDrawingEightyMillionCharactersShouldBeRefused() {
        byte[] pdf = pdfDrawing(80_000_000);
        assertThat(pdf.length).isBetween(90_000, 120_000);
        String sender = "drawing@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, PERSONAL_NAME + ".pdf", pdf));
        String next = TestMessages.newMessageId("demo-council.test");
        mail.send("next-" + sender, INTAKE, TestMessages.plainNotification("next-" + sender, next,
                TestMessages.completeForm("after drawing")));

        Map<String, Object> quarantined = assertTimeoutPreemptively(TIMEOUT.plus(MARGIN), () -> awaitQuarantine(messageId));
        assertThat(quarantined.get("reason_code")).isEqualTo("DOCUMENT_LIMIT_EXCEEDED");
        assertThat((String) quarantined.get("reason")).containsIgnoringCase("attachment 1 (PDF)").doesNotContain("Smith");
        assertThat(assertTimeoutPreemptively(TIMEOUT.plus(MARGIN), () -> awaitReference(next))).startsWith("SIR-");
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
        assertQuarantinedWhileNextProcessed("big", "notification.pdf", "application/pdf", bigPdf(20 * 1024 * 1024),
                "DOCUMENT_LIMIT_EXCEEDED");
    }

    @Test
    void pdfWithABrokenCrossReferenceTableShouldBeRefused() {
        assertQuarantinedWhileNextProcessed("broken", "notification.pdf", "application/pdf", brokenPdf(),
                "UNREADABLE_DOCUMENT");
    }

    @Test
    void executableNamedPdfShouldBeRefused() {
        byte[] exe = TestPdfs.executable();
        assertQuarantinedWhileNextProcessed("exe", "notification.pdf", "application/pdf", exe, "UNREADABLE_DOCUMENT");
    }

    /** An RTF document of these lines. */
    static byte[] rtf(String... lines) {
        StringBuilder rtf = new StringBuilder("{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0 ");
        for (String line : lines) {
            for (String part : line.split("\n")) {
                rtf.append(part.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")).append("\\par ");
            }
        }
        return rtf.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A PDF whose one page draws a form XObject of 95 strings of 1,000 characters as often as it takes to
     * draw this many characters: about 100 KB.
     */
    static byte[] pdfDrawing(long characters) {
        StringBuilder form = new StringBuilder("BT /F1 1 Tf 0 0 Td\n");
        String string = "(" + "x".repeat(1000) + ") Tj\n";
        for (int i = 0; i < 95; i++) {
            form.append(string);
        }
        form.append("ET\n");
        long draws = (characters + 95_000 - 1) / 95_000;
        String page = "/X1 Do\n".repeat((int) draws);
        return pdf(latin1("<< /Type /Catalog /Pages 2 0 R >>"),
                latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> "
                        + "/Font << /F1 6 0 R >> >> /Contents 4 0 R >>"),
                latin1("<< /Length " + page.length() + " >> stream\n" + page + "endstream"),
                latin1("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 6 0 R >> >> "
                        + "/Length " + form.length() + " >> stream\n" + form + "endstream"),
                latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    }

    /** A well-formed PDF of about this size: one page whose content stream is incompressible noise. */
    static byte[] bigPdf(int size) {
        // written in place, sized up front: this JVM's 256 MB heap is the gateway's, not the test's copies
        ByteArrayOutputStream stream = new ByteArrayOutputStream(size + 64);
        write(stream, "<< /Length " + size + " >> stream\n");
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        for (int left = size; left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            stream.write(chunk, 0, Math.min(left, chunk.length));
        }
        write(stream, "\nendstream");
        return pdf(latin1("<< /Type /Catalog /Pages 2 0 R >>"), latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"), stream.toByteArray());
    }

    /** A PDF of these objects, numbered from 1 (the first is the catalog), with its cross-reference table. */
    private static byte[] pdf(byte[]... objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(java.util.Arrays.stream(objects).mapToInt(o -> o.length + 64)
                .sum() + 1024);
        write(out, "%PDF-1.7\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.length; i++) {
            xref.append(String.format("%010d 00000 n \n", out.size()));
            write(out, (i + 1) + " 0 obj ");
            out.writeBytes(objects[i]);
            write(out, " endobj\n");
        }
        int xrefAt = out.size();
        write(out, xref + "trailer << /Size " + (objects.length + 1) + " /Root 1 0 R >>\nstartxref\n" + xrefAt
                + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
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
