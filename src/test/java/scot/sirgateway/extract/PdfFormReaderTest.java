package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.council.CouncilNames;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.pdfform.NotificationFormPdf;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSubmissions;

/** XFA form data is read without DTDs or external entities: a form that declares them is unreadable. */
class PdfFormReaderTest {

    private static final DocumentText documents = new DocumentText(
            new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, java.time.Duration.ofSeconds(30)));
    private final PdfFormReader reader = new PdfFormReader(null);

    private static Submission submission() throws Exception {
        return TestSubmissions.submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }

    @Test
    void xfaDataShouldBeReadUnderTheFormKeys() throws Exception {
        Submission s = submission();
        assertThat(reader.read(documents, TestPdfs.xfaOnly(Map.of("offender_ref", "X-1", "not_a_key", "ignored")), "attachment 1 (PDF)", s)).isNull();
        assertThat(s.rawValues().get(FormField.OFFENDER_REF).text()).isEqualTo("X-1");
        assertThat(s.rawValues()).hasSize(1);
    }

    @Test
    void aListsChosenEntryShouldBeReadAsItsCodeAlsoWhenAToolWroteTheWordsShown() throws Exception {
        byte[] form = NotificationFormPdf.generate(FormDefinition.notification(), CouncilNames.OFFICIAL, List.of());
        byte[] filled;
        try (PDDocument document = Loader.loadPDF(form)) {
            PDAcroForm acroForm = document.getDocumentCatalog().getAcroForm(null);
            // as some readers save a list: the words shown in /V instead of the export value
            acroForm.getField("incident_type").getCOSObject().setString(COSName.V, "Offender died by suicide");
            acroForm.getField("local_authority").getCOSObject().setString(COSName.V, "Demo Council");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            filled = out.toByteArray();
        }
        Submission s = submission();
        reader.read(documents, filled, "attachment 1 (PDF)", s);
        assertThat(s.rawValues().get(FormField.INCIDENT_TYPE).text()).isEqualTo("SUICIDE");
        // a name typed into the editable list of councils is read as typed
        assertThat(s.rawValues().get(FormField.LOCAL_AUTHORITY).text()).isEqualTo("Demo Council");
    }

    @Test
    void xfaWithAnExternalEntityShouldBeRefusedUnresolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "must-not-leak");
        String xdp = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\">"
                + "<xfa:data><f><offender_ref>&e;</offender_ref></f></xfa:data></xfa:datasets></xdp:xdp>";
        Submission s = submission();
        assertThatThrownBy(() -> reader.read(documents, TestPdfs.xfaOnly(xdp), "attachment 1 (PDF)", s))
                .isInstanceOfSatisfying(QuarantineException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNREADABLE_DOCUMENT));
        assertThat(s.rawValues()).isEmpty();
    }
}
