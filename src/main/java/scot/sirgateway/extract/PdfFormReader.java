package scot.sirgateway.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.encryption.PDCryptFilterDictionary;
import org.apache.pdfbox.pdmodel.encryption.PDEncryption;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDChoice;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDNonTerminalField;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.stereotype.Component;

import scot.sirgateway.intake.StoredMessages;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.register.FieldSource;
import scot.sirgateway.register.FormField;
import scot.sirgateway.register.Layer;

/**
 * Opens an attached PDF, with no password, the council's configured passwords or the one an operator
 * supplied (in that order), records its encryption as a layer, and reads its AcroForm fields, whose
 * names are the form's keys. A PDF no password opens is {@code PDF_PASSWORD_REQUIRED}; one that cannot
 * be parsed is {@code UNREADABLE_DOCUMENT}.
 */
@Component
public class PdfFormReader {

    private final StoredMessages storedMessages;

    /** {@code storedMessages} may be null where no message is stored (classifying a document alone). */
    public PdfFormReader(StoredMessages storedMessages) {
        this.storedMessages = storedMessages;
    }

    /**
     * Reads the PDF's form fields into the submission (text fields, check boxes, radio groups, choice
     * lists), else an XFA-only form's data; answers the PDF's text when neither holds a value (a
     * flattened form), or null.
     */
    public String read(byte[] pdf, String fileName, Submission submission) {
        try (PDDocument document = open(pdf, fileName, submission)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            int found = 0;
            for (PDField field : form == null ? List.<PDField>of() : form.getFieldTree()) {
                if (field instanceof PDNonTerminalField) {
                    continue;
                }
                Optional<FormField> key = FormField.byLabel(field.getPartialName() == null ? "" : field.getPartialName())
                        .or(() -> FormField.byLabel(field.getFullyQualifiedName()));
                String value = valueOf(field);
                if (key.isPresent() && value != null && !value.isBlank()) {
                    submission.rawValues().putIfAbsent(key.get(), new Submission.RawValue(value.trim(), FieldSource.FORM_FIELD));
                    found++;
                }
            }
            if (found == 0 && form != null && form.hasXFA()) {
                found = XfaData.read(form.getXFA().getBytes(), submission);
            }
            return found > 0 ? null : new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The PDF " + fileName
                    + " cannot be read (" + e.getClass().getSimpleName() + ").", e);
        }
    }

    private PDDocument open(byte[] pdf, String fileName, Submission submission) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("", "no password"));
        if (submission.senderCouncil() != null) {
            submission.senderCouncil().pdfPasswords().forEach(p -> candidates.add(new Candidate(p, "a password configured for "
                    + submission.senderCouncil().name())));
        }
        if (storedMessages != null) {
            storedMessages.pdfPassword(submission.storedMessageId())
                    .ifPresent(p -> candidates.add(new Candidate(p, "the password an operator supplied")));
        }
        for (Candidate candidate : candidates) {
            PDDocument document;
            try {
                document = Loader.loadPDF(pdf, candidate.password());
            } catch (InvalidPasswordException wrong) {
                continue;
            } catch (IOException | RuntimeException broken) {
                throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The attachment " + fileName
                        + " is not a readable PDF (" + broken.getClass().getSimpleName() + ").", broken);
            }
            if (document.isEncrypted()) {
                submission.layers().add(new Layer(Layer.Kind.PDF_ENCRYPTED, algorithmOf(document.getEncryption()),
                        candidate.description(), null, true, null));
            }
            return document;
        }
        throw new QuarantineException(ReasonCode.PDF_PASSWORD_REQUIRED, "The PDF " + fileName + " is protected by a "
                + "password the gateway does not know. Ask the sender for it by telephone and supply it with "
                + "POST /api/quarantine/{id}/password.");
    }

    private record Candidate(String password, String description) {
    }

    /** RC4 40 or 128, AES-128 or AES-256, as the encryption dictionary says. */
    static String algorithmOf(PDEncryption encryption) {
        if (encryption == null) {
            return "unknown";
        }
        PDCryptFilterDictionary standard = encryption.getStdCryptFilterDictionary();
        COSName method = standard == null ? null : standard.getCryptFilterMethod();
        if (COSName.AESV3.equals(method) || encryption.getVersion() == 5) {
            return "AES-256";
        }
        if (COSName.AESV2.equals(method)) {
            return "AES-128";
        }
        return "RC4-" + encryption.getLength();
    }

    /** A field's value as the council chose it: a radio group's chosen option, a list's chosen entries. */
    private static String valueOf(PDField field) throws IOException {
        if (field instanceof PDCheckBox box) {
            return box.isChecked() ? "yes" : "no";
        }
        if (field instanceof PDRadioButton radio) {
            String chosen = radio.getValue();
            return chosen == null || chosen.isEmpty() || chosen.equals("Off") ? null : chosen;
        }
        if (field instanceof PDChoice choice) {
            return String.join(", ", choice.getValue());
        }
        return field.getValueAsString();
    }
}
