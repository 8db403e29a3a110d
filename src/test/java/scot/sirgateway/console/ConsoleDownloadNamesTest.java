package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The names a download is given, from a file name a sender chose: no header can be split or extended (CR, LF,
 * quotes, semicolons), no bidi override or invisible character makes {@code .exe} read as {@code .pdf} on the page
 * or in the browser's download bar, a very long name is cut, and the ASCII fallback holds printable ASCII only.
 */
class ConsoleDownloadNamesTest {

    private static final String REVERSED = "invoice\u202Efdp.exe";

    @Test
    void documentNamesShouldLoseBidiOverridesInvisibleCharactersAndSeparators() {
        assertThat(Downloads.safeName(REVERSED)).isEqualTo("invoice_fdp.exe");
        assertThat(Downloads.safeName("a\u200Bb\u2066c\u2028d\u2029e\u0085f.pdf")).isEqualTo("a_b_c_d_e_f.pdf");
        assertThat(Downloads.safeName("\uFEFF.htaccess")).isEqualTo("_.htaccess");
        assertThat(ReviewDocuments.type(Downloads.safeName(REVERSED), "application/pdf")).isEqualTo("application/octet-stream");
    }

    @Test
    void contentDispositionShouldStayOneAttachmentWhateverTheName() {
        for (String name : new String[] {"a\r\nSet-Cookie: x=1.pdf", "a\"; filename=evil.html", "a;b=c.pdf", REVERSED,
                "r\u00e9sum\u00e9 \u65e5\u672c.pdf", "x".repeat(5000) + ".pdf", "%0d%0aX: y.pdf"}) {
            for (String header : new String[] {Downloads.contentDisposition(name),
                    Downloads.contentDisposition(Downloads.safeName(name))}) {
                assertThat(header).as(name).startsWith("attachment; filename=\"").doesNotContain("\r", "\n", "\u202E")
                        .matches("[\\x20-\\x7e]+");
                String fallback = header.substring("attachment; filename=\"".length(), header.indexOf("\"; filename*=UTF-8''"));
                assertThat(fallback).as(name).doesNotContain("\"", ";", "\\");
                assertThat(header.substring(header.indexOf("filename*=UTF-8''") + 17)).as(name).matches("[A-Za-z0-9%!#$&+\\-.^_`|~()]+");
                assertThat(header.length()).as(name).isLessThan(2000);
            }
        }
    }
}
