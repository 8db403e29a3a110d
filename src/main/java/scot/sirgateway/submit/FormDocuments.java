package scot.sirgateway.submit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The documents a form may carry: by content, not name, and not too large (temporary stand-in). */
public final class FormDocuments {

    private FormDocuments() {
    }

    /** Why the document is refused, in words for the person uploading it; empty when it is fine. */
    public static Optional<String> problem(FormDocument document, long maxBytes) {
        byte[] bytes = document.bytes();
        if (bytes == null || bytes.length == 0) {
            return Optional.of("The selected file is empty");
        }
        if (bytes.length > maxBytes) {
            return Optional.of("The selected file must be smaller than " + (maxBytes / (1024 * 1024)) + " MB");
        }
        if (!startsWith(bytes, "%PDF-") && !startsWith(bytes, "PK\u0003\u0004")) {
            return Optional.of("The selected file must be a PDF or a Word document (.docx)");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length);
    }
}
