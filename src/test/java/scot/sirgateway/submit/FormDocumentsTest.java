package scot.sirgateway.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.TestDocx;
import scot.sirgateway.support.TestPdfs;

/** Documents a form post may carry are allowed by their content alone, never by their name. */
class FormDocumentsTest {

    private static final long MAX = 1_000_000;

    @Test
    void problemShouldAllowTheDocumentKindsCouncilsSendByTheirContent() throws Exception {
        // each under a misleading name: the content decides
        assertThat(FormDocuments.problem(new FormDocument("a.txt", TestPdfs.flattened(List.of("text"))), MAX)).isEmpty();
        assertThat(FormDocuments.problem(new FormDocument("a.pdf", TestDocx.docx(TestDocx.paragraph("text"))), MAX)).isEmpty();
        assertThat(FormDocuments.problem(new FormDocument("a.pdf",
                Files.readAllBytes(Path.of("src/test/resources/documents/notification.doc"))), MAX)).isEmpty();
        assertThat(FormDocuments.problem(new FormDocument("a.pdf", odt()), MAX)).isEmpty();
        assertThat(FormDocuments.problem(new FormDocument("a.pdf", "{\\rtf1\\ansi Notification}".getBytes(StandardCharsets.US_ASCII)), MAX)).isEmpty();
        assertThat(FormDocuments.problem(new FormDocument("a.pdf", "description: plain text\n".getBytes(StandardCharsets.UTF_8)), MAX)).isEmpty();
    }

    @Test
    void problemShouldRefuseExecutablesArchivesAndHtmlWhateverTheirName() throws Exception {
        byte[] elf = new byte[512];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("setup.exe"));
            out.write(pe);
            out.closeEntry();
        }
        byte[] html = "<html><head><title>x</title></head><body>notification</body></html>".getBytes(StandardCharsets.UTF_8);
        for (byte[] refused : List.of(elf, pe, zip.toByteArray(), html)) {
            assertThat(FormDocuments.problem(new FormDocument("notification.pdf", refused), MAX))
                    .hasValue("The file notification.pdf must be a PDF, Word (.docx or .doc), OpenDocument text (.odt), "
                            + "RTF or plain text file");
        }
    }

    @Test
    void problemShouldRefuseEmptyAndTooLargeDocumentsNamingTheLimit() {
        assertThat(FormDocuments.problem(new FormDocument("a.pdf", new byte[0]), MAX)).hasValue("The file a.pdf is empty");
        assertThat(FormDocuments.problem(new FormDocument("C:\\Users\\x\\big.pdf", TestPdfs.flattened(List.of("x"))), 100))
                .hasValueSatisfying(message -> assertThat(message).startsWith("The file big.pdf must be smaller than"));
        assertThat(FormDocuments.tooLarge(new FormDocument("a.pdf", new byte[101]), 100)).isTrue();
    }

    /** A minimal OpenDocument text: its mimetype entry first and stored, as the format asks. */
    private static byte[] odt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                    + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                    + "<text:p>Notification</text:p></office:text></office:body></office:document-content>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
