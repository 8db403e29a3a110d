package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a review's documents are named and typed for download, and found inside a mailed review's content. */
class ReviewDocumentsTest {

    @Test
    void safeNameShouldKeepTheLastSegmentWithoutControlsOrQuotes() {
        assertThat(Downloads.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Downloads.safeName("C:\\reviews\\r1.pdf")).isEqualTo("r1.pdf");
        assertThat(Downloads.safeName("a\"b\r\nc.pdf")).isEqualTo("a_b__c.pdf");
        assertThat(Downloads.safeName("..")).isEqualTo("document");
        assertThat(Downloads.safeName(null)).isEqualTo("document");
    }

    @Test
    void typeShouldComeFromAShortSafeListElseOctetStream() {
        assertThat(ReviewDocuments.type("review.pdf", null)).isEqualTo("application/pdf");
        assertThat(ReviewDocuments.type("review.PDF", "application/pdf")).isEqualTo("application/pdf");
        assertThat(ReviewDocuments.type("review.txt", "text/plain")).isEqualTo("text/plain");
        assertThat(ReviewDocuments.type("review.html", "text/html")).isEqualTo("application/octet-stream");
        assertThat(ReviewDocuments.type("review.svg", null)).isEqualTo("application/octet-stream");
        assertThat(ReviewDocuments.type("review.pdf", "text/html")).isEqualTo("application/octet-stream");
        assertThat(ReviewDocuments.type("review", null)).isEqualTo("application/octet-stream");
    }

    @Test
    void contentDispositionShouldBeAnAttachmentWithAnAsciiFallbackAndTheUtf8Name() {
        String header = Downloads.contentDisposition("<img src=x onerror=alert(1)> Ré*view.pdf");
        assertThat(header).startsWith("attachment; filename=\"_img src_x onerror_alert(1)_ R__view.pdf\"; ")
                .endsWith("filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20R%C3%A9%2Aview.pdf");
    }

    @Test
    void inMailShouldListEachNamedPartWithItsBytes() {
        byte[] pdf = "%PDF-1.4 review".getBytes(StandardCharsets.US_ASCII);
        String mail = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nPlease find our review attached.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"r1.pdf\"\r\nContent-Disposition: attachment; filename=\"../r1.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getEncoder().encodeToString(pdf) + "\r\n"
                + "--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"page.html\"\r\n\r\n<p>x</p>\r\n"
                + "--b--\r\n";
        List<ReviewDocuments.Document> documents = ReviewDocuments.inMail(mail.getBytes(StandardCharsets.US_ASCII));
        assertThat(documents).extracting(ReviewDocuments.Document::name).containsExactly("r1.pdf", "page.html");
        assertThat(documents.get(0).n()).isEqualTo(1);
        assertThat(documents.get(0).bytes()).isEqualTo(pdf);
        assertThat(documents.get(0).contentType()).isEqualTo("application/pdf");
        assertThat(documents.get(1).contentType()).isEqualTo("application/octet-stream");
        assertThat(ReviewDocuments.inMail("Content-Type: text/plain\r\n\r\nno documents".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}
