package scot.sirgateway.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.springframework.stereotype.Component;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The texts of a message's content, read under the extract stage's limits: its plain-text parts as they
 * are, then its documents (PDF, Word, ODT, RTF, an HTML body) through {@link DocumentText} in a reader
 * process, PDFs opened with the passwords {@link PdfFormReader} knows. Used by the notification's
 * {@link FormLineExtractor} and by the reading of a review, so both read a message the same way.
 * Throws {@code MALFORMED_MESSAGE} for a part that cannot be decoded, and what the document readers throw.
 */
@Component
public class ContentTexts {

    /**
     * One text of the message: {@code which} names where it came from in reasons ("the body", "attachment
     * 2 (PDF)"), never by a file name; {@code document} is true for an attached document's text.
     */
    public record Text(String which, String text, boolean document) {
    }

    private final PdfFormReader pdfForms;
    private final DocumentText documents;

    public ContentTexts(PdfFormReader pdfForms, DocumentText documents) {
        this.pdfForms = pdfForms;
        this.documents = documents;
    }

    /**
     * The texts a notification is read from: a PDF's AcroForm (or XFA) values go straight into the
     * submission's values, and only a PDF without any (a flattened form) gives its text.
     */
    public List<Text> forNotification(Submission submission) {
        return collect(submission, false);
    }

    /**
     * Every text of the message with PDF forms flattened: a PDF's form values as {@code key: value}
     * lines, or its text when it has none. Nothing is put into the submission's values.
     */
    public List<Text> flattened(Submission submission) {
        return collect(submission, true);
    }

    private List<Text> collect(Submission submission, boolean flattenPdfForms) {
        List<Text> texts = new ArrayList<>();
        List<Attachment> found = new ArrayList<>();
        try {
            collect(submission.content(), texts, found, new int[1]);
        } catch (MessagingException | IOException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_MESSAGE, "A text part cannot be decoded ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        for (Attachment document : found) {
            String which = document.which();
            boolean attached = !which.equals(HTML_BODY);
            if (document.kind() == DocumentText.Kind.PDF) {
                String text = flattenPdfForms ? pdfForms.flattened(documents, document.bytes(), which, submission)
                        : pdfForms.read(documents, document.bytes(), which, submission);
                if (text != null) {
                    texts.add(new Text(which, text, attached));
                }
            } else {
                texts.add(new Text(which, documents.text(document.bytes(), document.kind(), which), attached));
            }
        }
        return texts;
    }

    private static final String HTML_BODY = "the HTML body";

    /**
     * A text part's content; one labelled with a charset Java does not know ({@code unknown-8bit}, a typo) is
     * read best-effort, as UTF-8 where its bytes are that and as Windows-1252 where not, rather than refused.
     */
    private static Object textContent(Part part) throws MessagingException, IOException {
        try {
            return part.getContent();
        } catch (UnsupportedEncodingException unknownCharset) {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, Charset.forName("windows-1252"));
            }
        }
    }

    /** A document to read; {@code which} names it in reasons: "attachment 2 (PDF)", "the HTML body". */
    private record Attachment(String which, DocumentText.Kind kind, byte[] bytes) {
    }

    /**
     * Plain-text parts as text; documents (PDF, Word, ODT, RTF, HTML) for their readers. A part with a
     * file name, or a document, counts as an attachment ({@code attachments[0]} so far): reasons name a
     * document by its position, never by its file name, which may name a person.
     */
    private static void collect(Part part, List<Text> texts, List<Attachment> documents, int[] attachments)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), texts, documents, attachments);
            }
            return;
        }
        String name = part.getFileName();
        DocumentText.Kind kind = DocumentText.declared(part.getContentType(), name);
        boolean text = kind == DocumentText.Kind.TEXT && part.isMimeType("text/plain");
        boolean htmlBody = kind == DocumentText.Kind.HTML && name == null && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        if (name != null || kind != null && !text && !htmlBody) {
            attachments[0]++;
        }
        if (text) {
            Object content = textContent(part);
            if (content instanceof String body) {
                boolean attached = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
                texts.add(new Text(attached ? DocumentText.attachment(attachments[0], kind) : "the body", body, attached));
            }
        } else if (kind != null) {
            try (InputStream in = part.getInputStream()) {
                documents.add(new Attachment(htmlBody ? HTML_BODY : DocumentText.attachment(attachments[0], kind), kind,
                        in.readAllBytes()));
            }
        }
    }
}
