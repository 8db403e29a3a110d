package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.support.TestDocx;

/** Document text through Tika, and the limits that keep a hostile document harmless. */
class DocumentTextTest {

    private static final DocumentText documents = new DocumentText(
            new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30)));

    /** A Word document with a paragraph and a one-row table of a label and its value. */
    static byte[] docx(String paragraph, String label, String value) {
        return TestDocx.docx(TestDocx.paragraph(paragraph) + "<w:tbl><w:tr><w:tc>" + TestDocx.paragraph(label)
                + "</w:tc><w:tc>" + TestDocx.paragraph(value) + "</w:tc></w:tr></w:tbl><w:p/>");
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
    static byte[] expandingDocx(long characters) {
        return TestDocx.expanding(characters);
    }
}
