package scot.sirgateway.submit;

import java.util.Locale;
import java.util.Optional;

import scot.sirgateway.extract.DocumentText;
import scot.sirgateway.extract.DocumentTypes;

/**
 * Whether a document may come with a form post: not empty, not over the size limit, and by its content (never
 * its name or declared type) a PDF, Word (.docx, .doc), OpenDocument text, RTF or plain text file. An
 * executable named {@code .pdf}, a zip that is not a Word or OpenDocument file, HTML or anything else is
 * refused with a message that names what is allowed.
 */
public final class FormDocuments {

    private FormDocuments() {
    }

    /** What is wrong with the document, as the message to show by the upload field; empty when it may come. */
    public static Optional<String> problem(FormDocument document, long maxBytes) {
        String name = shownName(document.filename());
        if (document.bytes() == null || document.bytes().length == 0) {
            return Optional.of(name + " is empty");
        }
        if (document.bytes().length > maxBytes) {
            return Optional.of(tooLarge(name, maxBytes));
        }
        if (DocumentTypes.detect(document.bytes()).isEmpty()) {
            return Optional.of(name + " must be a " + DocumentTypes.ALLOWED_WORDS + " file");
        }
        return Optional.empty();
    }

    /** Whether the problem {@link #problem} found is the size (the API answers 413 for it). */
    static boolean tooLarge(FormDocument document, long maxBytes) {
        return document.bytes() != null && document.bytes().length > maxBytes;
    }

    static String tooLarge(String shownName, long maxBytes) {
        return shownName + " must be smaller than " + megabytes(maxBytes);
    }

    /** The kind the gateway reads the document as (it passed {@link #problem}). */
    static DocumentText.Kind kind(FormDocument document) {
        return DocumentTypes.detect(document.bytes()).orElseThrow();
    }

    /** A file name as a message shows it: "The selected file" when there is none. */
    static String shownName(String filename) {
        String name = safeName(filename);
        return name == null ? "The selected file" : "The file " + name;
    }

    /**
     * The file name kept with the document: its last path segment, without control characters, at most 200
     * characters; null when nothing is left.
     */
    static String safeName(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        return name.isEmpty() ? null : name;
    }

    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.UK, "%.1f", mb)) + " MB";
    }
}
