package scot.sirgateway.extract;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import scot.sirgateway.extract.WorkerProtocol.Reply;
import scot.sirgateway.extract.WorkerProtocol.Request;
import scot.sirgateway.extract.WorkerProtocol.Status;

/**
 * The child process that reads documents for the gateway, one at a time, so that a parser that loops
 * or runs out of memory takes only this process with it ({@link DocumentWorkers} kills it at the
 * timeout; it runs with {@code -XX:+ExitOnOutOfMemoryError} and a heap of its own). Started as
 * {@code java -cp <the gateway's class path> scot.sirgateway.extract.DocumentWorker <limits>}; speaks
 * {@link WorkerProtocol} on stdin and stdout, writes nothing else there, and ends when stdin closes.
 * Its scratch files go to its {@code java.io.tmpdir}, a private directory the gateway empties.
 */
public final class DocumentWorker {

    private static final Map<DocumentText.Kind, List<MediaType>> DECLARED_TYPES = Map.of(
            DocumentText.Kind.PDF, List.of(MediaType.application("pdf")),
            DocumentText.Kind.WORD, List.of(MediaType.application("msword"),
                    MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document")),
            DocumentText.Kind.ODF, List.of(MediaType.application("vnd.oasis.opendocument.text")),
            DocumentText.Kind.RTF, List.of(MediaType.application("rtf")),
            // an HTML part is often a fragment without a tag that tells it: plain text is HTML's supertype
            DocumentText.Kind.HTML, List.of(MediaType.TEXT_PLAIN, MediaType.application("xhtml+xml")),
            DocumentText.Kind.TEXT, List.of(MediaType.TEXT_PLAIN));

    private final int maxDocumentBytes;
    private final int maxTextChars;
    private final long maxCompressionRatio;
    private final int maxXmlDepth;
    private final int maxPackageDepth;
    private final Detector detector = new DefaultDetector();
    private final MediaTypeRegistry types = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    private final AutoDetectParser parser = new AutoDetectParser();

    DocumentWorker(int maxDocumentBytes, int maxTextChars, long maxCompressionRatio, int maxXmlDepth, int maxPackageDepth) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxTextChars = maxTextChars;
        this.maxCompressionRatio = maxCompressionRatio;
        this.maxXmlDepth = maxXmlDepth;
        this.maxPackageDepth = maxPackageDepth;
    }

    /** Arguments: max document bytes, max text chars, max compression ratio, max XML depth, max package depth. */
    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only: whatever a library prints goes to stderr, which the gateway discards
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        watchGateway();
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DocumentWorker worker = new DocumentWorker(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Long.parseLong(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        worker.warmUp();
        out.writeInt(WorkerProtocol.READY);
        out.flush();
        while (true) {
            Request request;
            try {
                request = Request.read(in, worker.maxDocumentBytes);
            } catch (EOFException gatewayGone) {
                return;
            }
            worker.answer(request).write(out, request.op());
        }
    }

    /** Ends this process when the gateway that started it is gone, even while a parser loops. */
    private static void watchGateway() {
        ProcessHandle gateway = ProcessHandle.current().parent().orElse(null);
        if (gateway == null) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (gateway.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(0);
        }, "gateway-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Loads the parsers and PDFBox before the first document, so that no document pays for it. */
    private void warmUp() {
        answer(new Request(WorkerProtocol.TEXT, DocumentText.Kind.HTML, "<p>ready</p>".getBytes(), List.of()));
        PdfReading.warmUp();
    }

    Reply answer(Request request) {
        try {
            MediaType detected = detect(request.document());
            if (!isDeclared(request.declared(), detected)) {
                return Reply.failed(Status.NOT_DECLARED_TYPE, detected.getBaseType().toString());
            }
            if (request.op() == WorkerProtocol.PDF) {
                return PdfReading.read(request.document(), request.passwords(), maxTextChars);
            }
            return Reply.text(text(request.document()));
        } catch (Exception | StackOverflowError e) {
            return failure(e);
        }
    }

    private MediaType detect(byte[] document) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(document)) {
            return detector.detect(in, new Metadata());
        }
    }

    /** Whether Tika's type registry holds the detected type for one of the declared kind's (or a specialisation). */
    boolean isDeclared(DocumentText.Kind declared, MediaType detected) {
        MediaType type = types.normalize(detected.getBaseType());
        return DECLARED_TYPES.get(declared).stream().anyMatch(t -> types.isInstanceOf(type, t));
    }

    private String text(byte[] document) throws IOException, SAXException, org.apache.tika.exception.TikaException {
        BodyContentHandler body = new BodyContentHandler(maxTextChars);
        try (TikaInputStream in = TikaInputStream.get(document)) {
            SecureContentHandler secure = new SecureContentHandler(body, in);
            secure.setMaximumCompressionRatio(maxCompressionRatio);
            secure.setMaximumDepth(maxXmlDepth);
            secure.setMaximumPackageEntryDepth(maxPackageDepth);
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

    /** A failure by its kind and the class of the exception: its message may quote the document. */
    private static Reply failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (WriteLimitReachedException.isWriteLimitReached(t)) {
                return Reply.failed(Status.TEXT_LIMIT, "");
            }
            if (message.contains("bomb") || message.contains("nested too deep") || t instanceof StackOverflowError) {
                return Reply.failed(Status.EXPANSION_LIMIT, "");
            }
        }
        return Reply.failed(Status.UNREADABLE, failure.getClass().getSimpleName());
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
