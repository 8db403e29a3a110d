package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/** Document text through Tika, and the limits that keep a hostile document harmless. */
class DocumentTextTest {

    private static final DocumentText documents = new DocumentText(
            new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30)));

    static byte[] docx(String paragraph, String label, String value) throws Exception {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(paragraph);
            XWPFTable table = document.createTable(1, 2);
            table.getRow(0).getCell(0).setText(label);
            table.getRow(0).getCell(1).setText(value);
            document.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void wordTablesAndParagraphsShouldBeRead() throws Exception {
        String text = documents.text(docx("incident_date: 3/2/2026", "offender_ref", "W1"), DocumentText.Kind.WORD, "attachment 1 (Word)");
        assertThat(text).contains("incident_date: 3/2/2026").contains("offender_ref").contains("W1");
    }

    @Test
    void rtfAndHtmlShouldBeRead() {
        String rtf = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0 offender_ref: R1\\par order_type: CPO\\par}";
        assertThat(documents.text(rtf.getBytes(StandardCharsets.US_ASCII), DocumentText.Kind.RTF, "attachment 1 (RTF)"))
                .contains("offender_ref: R1").contains("order_type: CPO");
        String html = "<html><body><p>offender_ref: H1</p><script>alert('x')</script>"
                + "<table><tr><td>order_type</td><td>CPO</td></tr></table></body></html>";
        String text = documents.text(html.getBytes(StandardCharsets.UTF_8), DocumentText.Kind.HTML, "attachment 1 (HTML)");
        assertThat(text).contains("offender_ref: H1").contains("order_type").contains("CPO").doesNotContain("alert");
    }

    @Test
    void executableNamedPdfShouldBeRefused() {
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[60] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        assertThatThrownBy(() -> documents.text(exe, DocumentText.Kind.PDF, "attachment 1 (PDF)"))
                .isInstanceOfSatisfying(QuarantineException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNREADABLE_DOCUMENT);
                    assertThat(e.reason()).contains("declared as PDF");
                });
    }

    @Test
    void documentExpandingFarBeyondItsSizeShouldBeRefused() throws Exception {
        byte[] bomb = expandingDocx(60_000_000);
        assertThat(bomb.length).isLessThan(1_000_000);
        assertThatThrownBy(() -> documents.text(bomb, DocumentText.Kind.WORD, "attachment 1 (Word)"))
                .isInstanceOfSatisfying(QuarantineException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.DOCUMENT_LIMIT_EXCEEDED));
    }

    @Test
    void documentOverTheSizeLimitShouldBeRefusedUnread() {
        DocumentText small = new DocumentText(new ExtractProperties(1000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> small.text(new byte[2000], DocumentText.Kind.TEXT, "attachment 1 (text)"))
                .isInstanceOfSatisfying(QuarantineException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.DOCUMENT_LIMIT_EXCEEDED));
    }

    /** A valid DOCX whose one paragraph holds this many characters, compressed to almost nothing. */
    static byte[] expandingDocx(long characters) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < characters; written += chunk.length) {
                zip.write(chunk);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
