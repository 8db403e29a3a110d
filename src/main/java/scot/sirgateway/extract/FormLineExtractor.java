package scot.sirgateway.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FormField;

/**
 * Reads the notification out of the message's content ({@link ContentTexts}): the AcroForm fields of
 * attached PDFs first ({@link PdfFormReader}), then the form's {@code key: value} lines from the
 * plain-text body, text attachments and documents. A line that names no form key continues the
 * free-text field above it (a description over several lines). Nothing that reads as a form is {@code NOT_A_NOTIFICATION}.
 */
@Component("formLineExtractor")
public class FormLineExtractor {

    private final ContentTexts contents;
    private final FormLabels labels;

    public FormLineExtractor(PdfFormReader pdfForms, DocumentText documents, FormLabels labels) {
        this.contents = new ContentTexts(pdfForms, documents);
        this.labels = labels;
    }

    /**
     * "Label: value", "Label = value", "Label<tab>value", "Label ....... value", "Is it a question? value"
     * or "Label - value", after a question number if any ("3. Label: value"). A dash in the line that
     * holds a stacked label's value is only a label's after a label the rules spell out: values have
     * dashes too.
     */
    private static final Pattern LABEL_LINE = Pattern.compile(
            "^\\s*(?:\\(?(?:[Qq]|Question|Section)?\\s*\\d{1,2}[a-z]?[.)]\\s+)?([A-Za-z][A-Za-z0-9 _/\\-().'&’,]{0,80}?)\\s*(\\?\\s*[:=]?|[:=]|\\t|\\.{3,}:?| [-–—] )\\s*(.*)$");
    /** The number of a question before its label: "3.", "Q3", "3a)", "(b)". */
    private static final Pattern NUMBERING =
            Pattern.compile("^(?i)(?:\\(?(?:q|question|section)?\\s*\\d{1,2}[a-z]?[.)]?|\\(?[a-h][.)])\\s+");
    private static final int MAX_VALUE_CHARS = 20_000;

    public Submission extract(Submission submission) {
        if (submission.formPost()) {
            // the values the council typed or chose: first, so that no document's line replaces one of them
            formPostValues(submission).forEach((key, value) -> FormField.byLabel(key).ifPresent(field ->
                    submission.rawValues().put(field, new Submission.RawValue(value, FieldSource.FORM_FIELD))));
        }
        List<String> texts = contents.forNotification(submission).stream().map(ContentTexts.Text::text).toList();
        for (String text : texts) {
            readLines(text, submission, labels);
        }
        if (!submission.rawValues().containsKey(FormField.DESCRIPTION)) {
            // a letter in prose: its text is the description, if it speaks of an incident at all
            String prose = String.join("\n", texts).trim();
            if (!prose.isEmpty() && labels.readsAsNotification(prose)) {
                submission.rawValues().put(FormField.DESCRIPTION, new Submission.RawValue(
                        prose.length() > MAX_VALUE_CHARS ? prose.substring(0, MAX_VALUE_CHARS) : prose, FieldSource.DESCRIPTION));
            }
        }
        if (submission.rawValues().isEmpty()) {
            throw new QuarantineException(ReasonCode.NOT_A_NOTIFICATION,
                    "No notification form fields were found in the body or in any text attachment.");
        }
        return submission;
    }

    /**
     * The values of a form post: the JSON object (key to text) the gateway wrote as the first
     * {@code application/json} part of the message it built. {@code MALFORMED_MESSAGE} when there is none.
     */
    static java.util.Map<String, String> formPostValues(Submission submission) {
        try {
            if (submission.content().getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType(Submission.FORM_VALUES_TYPE)) {
                        try (java.io.InputStream in = part.getInputStream()) {
                            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
                            FORM_JSON.readTree(in).properties().forEach(entry -> {
                                if (entry.getValue().isString()) {
                                    values.put(entry.getKey(), entry.getValue().asString());
                                }
                            });
                            return values;
                        }
                    }
                }
            }
        } catch (jakarta.mail.MessagingException | java.io.IOException | RuntimeException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_MESSAGE, "The form post's values cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        throw new QuarantineException(ReasonCode.MALFORMED_MESSAGE, "The form post holds no values part.");
    }

    private static final tools.jackson.databind.json.JsonMapper FORM_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    static void readLines(String text, Submission submission, FormLabels labels) {
        String[] lines = text.split("\\r?\\n");
        FormField current = null;
        StringBuilder value = null;
        FieldSource source = FieldSource.DOCUMENT_LABEL;
        boolean fieldSeen = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("-- ")) {
                break; // the signature starts
            }
            Matcher m = LABEL_LINE.matcher(line);
            String label = m.matches() ? NUMBERING.matcher(m.group(1)).replaceFirst("") : null;
            // the line after a label alone is its value, whatever words it has: only a label spelt out
            // in the rules (or followed by a colon) starts another field there
            boolean awaitingValue = current != null && value.isEmpty();
            boolean dash = label != null && m.group(2).startsWith(" ");
            boolean byWords = !(dash && awaitingValue);
            Optional<FormField> field = label == null ? Optional.empty()
                    : labels.field(label).or(() -> byWords ? labels.fieldByWords(label) : Optional.empty());
            // a label alone on its line, its value on the next: a two-column table or a stacked form
            String trimmed = line.trim();
            String alone = NUMBERING.matcher(trimmed.replaceAll("[:?\\s]+$", "")).replaceFirst("");
            // a short line that is not a sentence may be a label without its colon ("MAPPA status")
            boolean endsAsLabel = trimmed.endsWith(":") || trimmed.endsWith("?") || !awaitingValue
                    && !alone.isEmpty() && alone.split("\\s+").length <= 5 && !trimmed.endsWith(".");
            Optional<FormField> stacked = field.isPresent() || alone.isEmpty() ? Optional.empty()
                    : labels.field(alone).or(() -> endsAsLabel ? labels.fieldByWords(alone) : Optional.empty());
            if (field.isEmpty() && stacked.isEmpty() && (label != null && byWords && labels.namesNoField(label)
                    || endsAsLabel && labels.namesNoField(alone))) {
                // a label of something else (an index offence, a court): its value belongs to no field
                put(submission, current, value, source);
                current = null;
                continue;
            }
            if (field.isPresent()) {
                put(submission, current, value, source);
                current = field.get();
                value = new StringBuilder(m.group(3).trim());
                // "Serious incident notification - Demo Council CJSW" above the form: a dash after words
                // that only resemble a label, before any field, is a heading; what it gives is a guess
                source = dash && !fieldSeen && labels.field(label).isEmpty() ? FieldSource.DESCRIPTION
                        : FieldSource.DOCUMENT_LABEL;
                fieldSeen = true;
            } else if (stacked.isPresent()) {
                put(submission, current, value, source);
                current = stacked.get();
                value = new StringBuilder();
                source = FieldSource.DOCUMENT_LABEL;
                fieldSeen = true;
            } else if (current != null && !line.isBlank() && (value.isEmpty() || current.kind() == FormField.Kind.TEXT
                    || wrapped(lines[i - 1])) && value.length() < MAX_VALUE_CHARS) {
                value.append(value.isEmpty() ? "" : "\n").append(trimmed);
            } else if (current != null && line.isBlank() && !value.isEmpty()) {
                put(submission, current, value, source);
                current = null;
            }
        }
        put(submission, current, value, source);
    }

    /** A line a mail client broke at its width: the value goes on in the next one. */
    private static boolean wrapped(String previous) {
        return previous.length() >= 60;
    }

    /**
     * The first value a label gives a field stays; but a field of the form written out always wins over
     * a heading's guess ({@link FieldSource#DESCRIPTION}), wherever the two stand.
     */
    private static void put(Submission submission, FormField field, StringBuilder value, FieldSource source) {
        if (field == null || value == null) {
            return;
        }
        String text = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value.toString();
        Submission.RawValue present = submission.rawValues().get(field);
        boolean replacesGuess = present != null && present.source() == FieldSource.DESCRIPTION
                && source != FieldSource.DESCRIPTION;
        if (!text.isBlank() && (present == null || replacesGuess)) {
            submission.rawValues().put(field, new Submission.RawValue(text, source));
        }
    }
}
