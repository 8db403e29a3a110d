package scot.sirgateway.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The trace headers relays put in front of a message ({@code Return-Path}, {@code Received},
 * {@code Delivered-To}). A redelivery carries other ones, so duplicates are recognised on the bytes
 * after them.
 */
public final class TraceHeaders {

    private static final Set<String> TRACE = Set.of("return-path", "received", "delivered-to");

    private TraceHeaders() {
    }

    /** The offset of the first byte after the leading trace headers (and their folded lines). */
    public static int endOfLeadingTraceHeaders(byte[] raw) {
        int pos = 0;
        while (pos < raw.length) {
            int lineEnd = nextLineStart(raw, pos);
            String line = new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int colon = line.indexOf(':');
            if (colon <= 0 || !TRACE.contains(line.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
                return pos;
            }
            pos = lineEnd;
            // folded continuation lines start with a space or a tab
            while (pos < raw.length && (raw[pos] == ' ' || raw[pos] == '\t')) {
                pos = nextLineStart(raw, pos);
            }
        }
        return pos;
    }

    public static String sha256(byte[] bytes, int from) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, from, bytes.length - from);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int nextLineStart(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }
}
