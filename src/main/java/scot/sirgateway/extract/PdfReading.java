package scot.sirgateway.extract;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
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
import org.apache.pdfbox.text.TextPosition;

import scot.sirgateway.extract.WorkerProtocol.Reply;
import scot.sirgateway.extract.WorkerProtocol.Status;
import scot.sirgateway.extract.WorkerProtocol.Value;
import scot.sirgateway.model.FormField;

/**
 * Reads one PDF inside a {@link DocumentWorker}: opens it with each password candidate in turn, reads
 * its AcroForm fields (whose names are the form's keys), else an XFA-only form's data, and when neither
 * holds a value (a flattened form) its text, stopped at the text limit. PDFBox keeps at most
 * {@value #MAIN_MEMORY_BYTES} bytes of streams in memory and the rest in scratch files under the
 * worker's {@code java.io.tmpdir}, at most {@value #SCRATCH_BYTES} bytes.
 */
final class PdfReading {

    /** The name of a field that is none of the notification form's: word characters, as a key is written. */
    private static final java.util.regex.Pattern OTHER_FIELD_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,39}");

    static final long MAIN_MEMORY_BYTES = 8L * 1024 * 1024;
    static final long SCRATCH_BYTES = 512L * 1024 * 1024;

    private PdfReading() {
    }

    static Reply read(byte[] pdf, List<String> passwords, int maxTextChars) {
        for (int candidate = 0; candidate < passwords.size(); candidate++) {
            PDDocument document;
            try {
                document = Loader.loadPDF(pdf, passwords.get(candidate), null, null, scratch().streamCache);
            } catch (InvalidPasswordException wrong) {
                continue;
            } catch (IOException | RuntimeException broken) {
                return Reply.failed(Status.NOT_A_PDF, broken.getClass().getSimpleName());
            }
            try (document) {
                String encryption = document.isEncrypted() ? algorithmOf(document.getEncryption()) : null;
                List<Value> values = values(document);
                String text = values.stream().noneMatch(Value::isFormField) ? text(document, maxTextChars) : null;
                return new Reply(Status.OK, "", text, candidate, encryption, values);
            } catch (TextLimitReached e) {
                return Reply.failed(Status.TEXT_LIMIT, "");
            } catch (IOException | RuntimeException e) {
                return Reply.failed(Status.UNREADABLE, e.getClass().getSimpleName());
            }
        }
        return Reply.failed(Status.PASSWORD_REQUIRED, "");
    }

    /** Loads PDFBox's classes (and its standard fonts) once, before the first document. */
    static void warmUp() {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            new PDFTextStripper().getText(document);
        } catch (IOException e) {
            // the first document will say what is wrong
        }
    }

    private static MemoryUsageSetting scratch() {
        return MemoryUsageSetting.setupMixed(MAIN_MEMORY_BYTES, SCRATCH_BYTES)
                .setTempDir(new File(System.getProperty("java.io.tmpdir")));
    }

    /**
     * The form's values: AcroForm text fields, check boxes, radio groups and choice lists, else XFA data;
     * fields named as no key of the notification form are answered by their own name
     * ({@link Value#other}), for readers of other forms (a review).
     */
    private static List<Value> values(PDDocument document) throws IOException {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        List<Value> values = new ArrayList<>();
        for (PDField field : form == null ? List.<PDField>of() : form.getFieldTree()) {
            if (field instanceof PDNonTerminalField) {
                continue;
            }
            Optional<FormField> key = FormField.byLabel(field.getPartialName() == null ? "" : field.getPartialName())
                    .or(() -> FormField.byLabel(field.getFullyQualifiedName()));
            String value = valueOf(field);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (key.isPresent()) {
                values.add(new Value(key.get().name(), value.trim()));
            } else if (field.getPartialName() != null && OTHER_FIELD_NAME.matcher(field.getPartialName()).matches()) {
                // a field of another form the gateway reads (a review's review_type, reviewer_name, ...)
                values.add(Value.other(field.getPartialName(), value.trim()));
            }
        }
        if (values.isEmpty() && form != null && form.hasXFA()) {
            Map<FormField, String> xfa = new LinkedHashMap<>();
            XfaData.read(form.getXFA().getBytes(), xfa);
            xfa.forEach((key, value) -> values.add(new Value(key.name(), value)));
        }
        return values;
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

    /** A field's value as the council chose it: a radio group's chosen option, a list's chosen entries' codes. */
    private static String valueOf(PDField field) throws IOException {
        if (field instanceof PDCheckBox box) {
            return box.isChecked() ? "yes" : "no";
        }
        if (field instanceof PDRadioButton radio) {
            String chosen = radio.getValue();
            return chosen == null || chosen.isEmpty() || chosen.equals("Off") ? null : chosen;
        }
        if (field instanceof PDChoice choice) {
            List<String> exported = choice.getOptionsExportValues();
            List<String> shown = choice.getOptionsDisplayValues();
            return String.join(", ", choice.getValue().stream().map(value -> exportValue(value, exported, shown)).toList());
        }
        return field.getValueAsString();
    }

    /**
     * A list's chosen entry as its export value (the code), also when the tool that filled the form wrote
     * the words shown instead; an entry that is neither (typed into an editable list) as written.
     */
    static String exportValue(String value, List<String> exported, List<String> shown) {
        if (exported.contains(value) || exported.size() != shown.size()) {
            return value;
        }
        int index = shown.indexOf(value);
        return index < 0 ? value : exported.get(index);
    }

    /**
     * The text, counted glyph by glyph as PDFBox finds it: a page that draws millions of characters
     * is stopped at the limit, before they pile up in memory waiting for the page's end.
     */
    private static String text(PDDocument document, int maxChars) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper() {
            private long seen;

            @Override
            protected void processTextPosition(TextPosition text) {
                seen += text.getUnicode() == null ? 1 : text.getUnicode().length();
                if (seen > maxChars) {
                    throw new TextLimitReached();
                }
                super.processTextPosition(text);
            }
        };
        return stripper.getText(document);
    }

    private static final class TextLimitReached extends RuntimeException {
        TextLimitReached() {
            super(null, null, false, false);
        }
    }
}
