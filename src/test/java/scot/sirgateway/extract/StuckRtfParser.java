package scot.sirgateway.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tests only: a parser for RTF that spins for ever, deaf to interrupts, on a document holding
 * {@link #MARKER}, as a parser caught in a loop by a hostile document does; any other RTF goes to
 * Tika's own parser. Registered through {@code META-INF/services/org.apache.tika.parser.Parser} on the
 * test class path; Tika prefers a parser from outside its own packages for the same type.
 */
public class StuckRtfParser implements Parser {

    public static final String MARKER = "STUCK-PARSER-MARKER";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private static volatile long spins;

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return Set.of(MediaType.application("rtf"));
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        byte[] document = stream.readAllBytes();
        if (contains(document, MARKER_BYTES)) {
            while (true) {
                spins++;
                Thread.interrupted(); // asked to stop: carries on
            }
        }
        new RTFParser().parse(TikaInputStream.get(document), handler, metadata, context);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
