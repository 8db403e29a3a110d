package scot.sirgateway.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * What a document uploaded with a form post is, by its content alone (Tika's detector on the bytes, never its
 * name or the type the caller declared): one of the kinds a council may attach (PDF, Word .docx or .doc,
 * OpenDocument text, RTF, plain text), or nothing. An executable named {@code .pdf}, a zip that is not a Word
 * or OpenDocument file, HTML and anything else are none of them. Only the start of the bytes and a zip's
 * directory are looked at; the document is read later, in the reader process, by the extract stage.
 */
public final class DocumentTypes {

    /** The kinds a form post may carry, with the detected types that are each (or a specialisation of one). */
    private static final Map<DocumentText.Kind, MediaType[]> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put(DocumentText.Kind.PDF, new MediaType[] {MediaType.application("pdf")});
        ALLOWED.put(DocumentText.Kind.WORD, new MediaType[] {MediaType.application("msword"),
                MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
                // an old .doc is an OLE2 container; Tika names it by its content where it can
                MediaType.application("x-tika-msoffice")});
        ALLOWED.put(DocumentText.Kind.ODF, new MediaType[] {MediaType.application("vnd.oasis.opendocument.text")});
        ALLOWED.put(DocumentText.Kind.RTF, new MediaType[] {MediaType.application("rtf")});
        ALLOWED.put(DocumentText.Kind.TEXT, new MediaType[] {MediaType.TEXT_PLAIN});
    }

    /** How a refusal names what is allowed. */
    public static final String ALLOWED_WORDS = "PDF, Word (.docx or .doc), OpenDocument text (.odt), RTF or plain text";

    private static final Detector DETECTOR = new DefaultDetector();
    private static final MediaTypeRegistry TYPES = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    private DocumentTypes() {
    }

    /** The allowed kind the content is, or empty when it is none of them. */
    public static Optional<DocumentText.Kind> detect(byte[] document) {
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(document)) {
            detected = DETECTOR.detect(in, new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // exactly the allowed types, not their specialisations: those of plain text are HTML, scripts and XML,
        // those of an Office container a spreadsheet or a macro-enabled document
        MediaType type = TYPES.normalize(detected.getBaseType());
        for (Map.Entry<DocumentText.Kind, MediaType[]> kind : ALLOWED.entrySet()) {
            for (MediaType allowed : kind.getValue()) {
                if (type.equals(allowed)) {
                    return Optional.of(kind.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The content type a document of this kind is attached with in the message the gateway builds. */
    public static String contentType(DocumentText.Kind kind, byte[] document) {
        return switch (kind) {
            case PDF -> "application/pdf";
            case WORD -> document.length > 1 && document[0] == 'P' && document[1] == 'K'
                    ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/msword";
            case ODF -> "application/vnd.oasis.opendocument.text";
            case RTF -> "application/rtf";
            case HTML -> "text/html";
            case TEXT -> "text/plain; charset=utf-8";
        };
    }
}
