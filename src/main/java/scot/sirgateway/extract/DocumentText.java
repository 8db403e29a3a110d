package scot.sirgateway.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipInputStream;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

import scot.sirgateway.extract.WorkerProtocol.Reply;
import scot.sirgateway.extract.WorkerProtocol.Request;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The text of an attached document (DOCX, DOC, ODT, RTF, HTML, text) through Tika, and the content of
 * an attached PDF through PDFBox, kept harmless when the document is hostile: every document is read
 * in a {@link DocumentWorker} process with a heap of its own, killed at the timeout; its real type
 * must be the one it is declared as (Tika's type registry decides); embedded documents, macros and
 * scripts are never run or opened; expansion ratio, XML depth and package depth are limited by Tika's
 * SecureContentHandler, the text by a write limit. Reasons name a document by its position and kind
 * ("attachment 2 (PDF)"), never by its file name. Throws {@code UNREADABLE_DOCUMENT} or
 * {@code DOCUMENT_LIMIT_EXCEEDED}.
 */
@Component
public class DocumentText {

    /** The document kinds the gateway reads, by the family of their detected type. */
    public enum Kind {
        PDF("PDF"), WORD("Word"), ODF("OpenDocument"), RTF("RTF"), HTML("HTML"), TEXT("text");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How a reason names the kind: "PDF", "Word". */
        public String label() {
            return label;
        }
    }

    /** What a PDF holds: which password candidate opened it (-1: none), its encryption, form values, text. */
    record PdfContent(int opened, String encryption, List<WorkerProtocol.Value> values, String text) {
    }

    private final ExtractProperties limits;
    private final DocumentWorkers workers;

    public DocumentText(ExtractProperties limits) {
        this.limits = limits;
        this.workers = new DocumentWorkers(limits);
    }

    @PreDestroy
    void stop() {
        workers.stop();
    }

    /** How reasons name the n-th attachment (from 1): "attachment 2 (PDF)". */
    public static String attachment(int position, Kind kind) {
        return "attachment " + position + " (" + kind.label() + ")";
    }

    /** What a part is by its declared type or file name; null when the gateway does not read it. */
    public static Kind declared(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/pdf") || name.endsWith(".pdf")) {
            return Kind.PDF;
        }
        if (type.startsWith("application/msword") || type.contains("wordprocessingml") || name.endsWith(".docx")
                || name.endsWith(".doc")) {
            return Kind.WORD;
        }
        if (type.contains("opendocument.text") || name.endsWith(".odt")) {
            return Kind.ODF;
        }
        if (type.contains("rtf") || name.endsWith(".rtf")) {
            return Kind.RTF;
        }
        if (type.startsWith("text/html") || name.endsWith(".html") || name.endsWith(".htm")) {
            return Kind.HTML;
        }
        if (type.startsWith("text/plain") || name.endsWith(".txt")) {
            return Kind.TEXT;
        }
        return null;
    }

    /** The document's text; its content must really be of the declared kind. {@code which}: "attachment 2 (Word)". */
    public String text(byte[] document, Kind declared, String which) {
        return read(new Request(WorkerProtocol.TEXT, declared, document, List.of()), which).text();
    }

    /**
     * A PDF's form values, or its text when it has none, opened with the first of the passwords that
     * opens it ("" for none); {@code opened} is -1 when none does.
     */
    PdfContent pdf(byte[] pdf, List<String> passwords, String which) {
        Reply reply = read(new Request(WorkerProtocol.PDF, Kind.PDF, pdf, passwords), which);
        return new PdfContent(reply.opened(), reply.encryption(), reply.values(), reply.text());
    }

    private Reply read(Request request, String which) {
        String document = capitalised(which);
        if (request.document().length > limits.maxDocumentBytes()) {
            throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, document + " is " + request.document().length
                    + " bytes, over the limit of " + limits.maxDocumentBytes() + " (gateway.extract.max-document-bytes).");
        }
        checkExpansion(request.document(), document);
        Reply reply;
        try {
            reply = workers.read(request);
        } catch (DocumentWorkers.Stopped stopped) {
            throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, switch (stopped.stop()) {
                case TIMEOUT -> "Reading " + which + " took longer than " + limits.timeout().toSeconds()
                        + " s (gateway.extract.timeout).";
                case DIED -> "Reading " + which + " needed more memory than the document reader has "
                        + "(gateway.extract.worker-heap).";
            });
        }
        return switch (reply.status()) {
            case OK -> reply;
            case PASSWORD_REQUIRED -> new Reply(reply.status(), "", null, -1, null, List.of());
            case NOT_DECLARED_TYPE -> throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, document
                    + " is declared as " + request.declared() + " but its content is " + reply.detail() + ".");
            case NOT_A_PDF -> throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, document
                    + " is not a readable PDF (" + reply.detail() + ").");
            case UNREADABLE -> throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, document
                    + " cannot be read (" + reply.detail() + ").");
            case TEXT_LIMIT -> throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, document
                    + " yields more text than the limit (gateway.extract.max-text-chars).");
            case EXPANSION_LIMIT -> throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, document
                    + " expands or nests beyond the limits (a suspected zip bomb).");
        };
    }

    /**
     * A ZIP-based document (DOCX, ODT) is inflated once, counting, before any parser sees it: one that
     * expands beyond the ratio limit is refused before it can take the memory a parser would give it.
     */
    private void checkExpansion(byte[] document, String which) {
        if (document.length < 4 || document[0] != 'P' || document[1] != 'K') {
            return;
        }
        long allowed = Math.max(limits.maxCompressionRatio() * document.length, 10L * 1024 * 1024);
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(document))) {
            while (zip.getNextEntry() != null) {
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    inflated += read;
                    if (inflated > allowed) {
                        throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, which + " expands to more than "
                                + allowed + " bytes from " + document.length
                                + " (a suspected zip bomb; gateway.extract.max-compression-ratio).");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // an entry name that is not UTF-8 comes as an IllegalArgumentException from the zip reader
            throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, which + " is a damaged archive ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private static String capitalised(String which) {
        return which.isEmpty() ? which : Character.toUpperCase(which.charAt(0)) + which.substring(1);
    }
}
