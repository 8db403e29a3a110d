package scot.sirgateway.console;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How the console hands a browser a file (a notification's or a review's document, a quarantined message): always
 * as an attachment under a safe name, with a type the browser may not second-guess ({@code nosniff}), in a sandbox
 * should a browser render it all the same, never cached.
 */
final class Downloads {

    private Downloads() {
    }

    /** The answer carrying these bytes as a file named {@code name} (made safe here) of this type. */
    static ResponseEntity<byte[]> attachment(String name, String type, byte[] bytes) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(bytes);
    }

    /**
     * A name safe to give a browser: no folder (only what follows the last slash or backslash); control characters
     * (C0 and C1), invisible format characters (the bidi overrides that make "invoice" U+202E "fdp.exe" read as
     * {@code invoiceexe.pdf}), line and paragraph separators, quotes, backslashes and semicolons made {@code _};
     * no leading dots; at most 150 characters; "document" when nothing is left.
     */
    static String safeName(String name) {
        String base = name == null ? "" : name;
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        base.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || "\"\\;'`".indexOf(c) >= 0) {
                safe.append('_');
            } else {
                safe.appendCodePoint(c);
            }
        });
        String result = safe.toString().strip().replaceFirst("^\\.+", "");
        if (result.codePointCount(0, result.length()) > 150) {
            result = result.substring(0, result.offsetByCodePoints(0, 150));
        }
        return result.isBlank() ? "document" : result;
    }

    /**
     * The {@code Content-Disposition} of a download (RFC 6266): always an attachment, an ASCII fallback name
     * (letters, digits, spaces and {@code . _ ( ) + - ,}; anything else made {@code _}) and the name in UTF-8 as
     * {@code filename*}.
     */
    static String contentDisposition(String name) {
        String safe = safeName(name);
        StringBuilder ascii = new StringBuilder();
        safe.codePoints().forEach(c -> ascii.append(c < 0x80 && (Character.isLetterOrDigit(c) || "._ ()+-,".indexOf(c) >= 0)
                ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : safe.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
