package scot.sirgateway.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.springframework.stereotype.Component;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The text of an attached document (DOCX, DOC, ODT, RTF, HTML, PDF, text) through Tika, kept harmless
 * when the document is hostile: its real type must be the one it is declared as; embedded documents,
 * macros and scripts are never run or opened; expansion ratio, XML depth and package depth are
 * limited by Tika's SecureContentHandler, the text by a write limit, and the whole parse by a timeout.
 * Throws {@code UNREADABLE_DOCUMENT} or {@code DOCUMENT_LIMIT_EXCEEDED}.
 */
@Component
public class DocumentText {

    /** The document kinds the gateway reads, by the family of their detected type. */
    public enum Kind { PDF, WORD, ODF, RTF, HTML, TEXT }

    private static final Set<String> WORD = Set.of("application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/x-tika-ooxml",
            "application/x-tika-msoffice");

    private final ExtractProperties limits;
    private final Detector detector = new DefaultDetector();
    private final AutoDetectParser parser = new AutoDetectParser();
    private final ExecutorService parsing = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "document-text");
        thread.setDaemon(true);
        return thread;
    });

    public DocumentText(ExtractProperties limits) {
        this.limits = limits;
    }

    @PreDestroy
    void stop() {
        parsing.shutdownNow();
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

    /** Refuses a document over the size limit, or whose content is not of the kind it is declared as. */
    public void checkDeclaredType(byte[] document, Kind declared, String name) {
        if (document.length > limits.maxDocumentBytes()) {
            throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, "The document " + name + " is "
                    + document.length + " bytes, over the limit of " + limits.maxDocumentBytes()
                    + " (gateway.extract.max-document-bytes).");
        }
        checkExpansion(document, name);
        MediaType detected = detect(document, name);
        if (!matches(declared, detected)) {
            throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The document " + name + " is declared as "
                    + declared + " but its content is " + detected + ".");
        }
    }

    /** The document's text; its content must really be of the declared kind. */
    public String text(byte[] document, Kind declared, String name) {
        checkDeclaredType(document, declared, name);
        Future<String> result = parsing.submit(() -> parse(document));
        try {
            return result.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, "Reading the document " + name
                    + " took longer than " + limits.timeout().toSeconds() + " s (gateway.extract.timeout).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a document", e);
        } catch (ExecutionException e) {
            throw classify(e.getCause(), name);
        }
    }

    /**
     * A ZIP-based document (DOCX, ODT) is inflated once, counting, before any parser sees it: one that
     * expands beyond the ratio limit is refused before it can take the memory a parser would give it.
     */
    private void checkExpansion(byte[] document, String name) {
        if (document.length < 4 || document[0] != 'P' || document[1] != 'K') {
            return;
        }
        long allowed = Math.max(limits.maxCompressionRatio() * document.length, 10L * 1024 * 1024);
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(document))) {
            while (zip.getNextEntry() != null) {
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    inflated += read;
                    if (inflated > allowed) {
                        throw new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, "The document " + name
                                + " expands to more than " + allowed + " bytes from " + document.length
                                + " (a suspected zip bomb; gateway.extract.max-compression-ratio).");
                    }
                }
            }
        } catch (IOException e) {
            throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The document " + name
                    + " is a damaged archive (" + e.getClass().getSimpleName() + ").");
        }
    }

    private MediaType detect(byte[] document, String name) {
        Metadata metadata = new Metadata();
        try (TikaInputStream in = TikaInputStream.get(document)) {
            return detector.detect(in, metadata);
        } catch (IOException e) {
            throw new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The type of " + name + " cannot be told.");
        }
    }

    private static boolean matches(Kind declared, MediaType detected) {
        String type = detected.getBaseType().toString();
        return switch (declared) {
            case PDF -> type.equals("application/pdf");
            case WORD -> WORD.contains(type);
            case ODF -> type.equals("application/vnd.oasis.opendocument.text");
            case RTF -> type.equals("application/rtf");
            case HTML -> type.equals("text/html") || type.equals("application/xhtml+xml") || type.equals("text/plain");
            case TEXT -> type.startsWith("text/");
        };
    }

    private String parse(byte[] document) throws IOException, SAXException, TikaException {
        BodyContentHandler body = new BodyContentHandler(limits.maxTextChars());
        try (TikaInputStream in = TikaInputStream.get(document)) {
            SecureContentHandler secure = new SecureContentHandler(body, in);
            secure.setMaximumCompressionRatio(limits.maxCompressionRatio());
            secure.setMaximumDepth(limits.maxXmlDepth());
            secure.setMaximumPackageEntryDepth(limits.maxPackageDepth());
            ParseContext context = new ParseContext();
            context.set(EmbeddedDocumentExtractor.class, NO_EMBEDDED);
            try {
                parser.parse(in, secure, new Metadata(), context);
            } catch (SAXException e) {
                secure.throwIfCauseOf(e);
                throw e;
            }
        }
        return body.toString();
    }

    private static RuntimeException classify(Throwable failure, String name) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (WriteLimitReachedException.isWriteLimitReached(t)) {
                return new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, "The document " + name
                        + " yields more text than the limit (gateway.extract.max-text-chars).");
            }
            if (message.contains("zip bomb") || message.contains("bomb") || message.contains("nested too deep")
                    || t instanceof OutOfMemoryError) {
                return new QuarantineException(ReasonCode.DOCUMENT_LIMIT_EXCEEDED, "The document " + name
                        + " expands or nests beyond the limits (a suspected zip bomb).");
            }
        }
        return new QuarantineException(ReasonCode.UNREADABLE_DOCUMENT, "The document " + name + " cannot be read ("
                + failure.getClass().getSimpleName() + ").");
    }

    /** Embedded documents (attachments inside documents, OLE objects, macros) are never opened. */
    private static final EmbeddedDocumentExtractor NO_EMBEDDED = new EmbeddedDocumentExtractor() {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never
        }
    };
}
