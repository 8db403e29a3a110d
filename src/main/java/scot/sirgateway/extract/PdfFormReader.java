package scot.sirgateway.extract;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.Layer;

/**
 * Has an attached PDF read ({@link DocumentText#pdf}, in a reader process) with no password, the
 * council's configured passwords or the one an operator supplied (in that order), records its
 * encryption as a layer, and its AcroForm fields (or an XFA-only form's data), whose names are the
 * form's keys, as the submission's values. A PDF no password opens is {@code PDF_PASSWORD_REQUIRED};
 * one that cannot be parsed is {@code UNREADABLE_DOCUMENT}.
 */
@Component
public class PdfFormReader {

    private final StoredMessages storedMessages;

    /** {@code storedMessages} may be null where no message is stored (classifying a document alone). */
    public PdfFormReader(StoredMessages storedMessages) {
        this.storedMessages = storedMessages;
    }

    /**
     * Reads the PDF's form values into the submission; answers the PDF's text when it holds none (a
     * flattened form), or null. {@code which} names the PDF in reasons: "attachment 2 (PDF)".
     */
    public String read(DocumentText documents, byte[] pdf, String which, Submission submission) {
        DocumentText.PdfContent content = open(documents, pdf, which, submission);
        boolean form = false;
        for (WorkerProtocol.Value value : content.values()) {
            if (value.isFormField()) {
                submission.rawValues().putIfAbsent(FormField.valueOf(value.key()),
                        new Submission.RawValue(value.value(), FieldSource.FORM_FIELD));
                form = true;
            }
        }
        return form ? null : content.text();
    }

    /**
     * The PDF as text with its form flattened: its form values as {@code key: value} lines (the fields of
     * other forms by their own names, so a review form's {@code review_type} is read too), then its text when
     * it holds no notification form values. Records its encryption as {@link #read} does; puts no value into
     * the submission.
     */
    public String flattened(DocumentText documents, byte[] pdf, String which, Submission submission) {
        DocumentText.PdfContent content = open(documents, pdf, which, submission);
        StringBuilder lines = new StringBuilder();
        for (WorkerProtocol.Value value : content.values()) {
            lines.append(value.written()).append(": ").append(value.value().replace('\n', ' ')).append('\n');
        }
        if (content.text() != null) {
            lines.append(content.text());
        }
        return lines.toString();
    }

    private DocumentText.PdfContent open(DocumentText documents, byte[] pdf, String which, Submission submission) {
        List<Candidate> candidates = candidates(submission);
        DocumentText.PdfContent content = documents.pdf(pdf, candidates.stream().map(Candidate::password).toList(), which);
        if (content.opened() < 0) {
            throw new QuarantineException(ReasonCode.PDF_PASSWORD_REQUIRED, "The PDF, " + which + ", is protected by a "
                    + "password the gateway does not know. Ask the sender for it by telephone and supply it with "
                    + "POST /api/quarantine/{id}/password.");
        }
        if (content.encryption() != null) {
            submission.layers().add(new Layer(Layer.Kind.PDF_ENCRYPTED, content.encryption(),
                    candidates.get(content.opened()).description(), null, true, null));
        }
        return content;
    }

    private List<Candidate> candidates(Submission submission) {
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
        return candidates;
    }

    private record Candidate(String password, String description) {
    }
}
