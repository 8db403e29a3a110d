package scot.sirgateway.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * What the console shows of a stored message's bytes: its headers as they arrived (folded lines joined, never
 * decoded), its subject and From in words (encoded words decoded), and its parts (content type, file name,
 * decoded size), walked no deeper than {@link #MAX_DEPTH} and no further than {@link #MAX_PARTS}: a message
 * quarantined for its shape must not take the page down with it. Nothing here is interpreted as markup: the
 * templates show every value as text.
 */
record StoredMessageView(List<HeaderLine> headers, String subject, String from, List<PartLine> parts,
        boolean partsCut) {

    static final int MAX_DEPTH = 6;
    static final int MAX_PARTS = 60;
    static final int MAX_HEADERS = 200;

    /** One header as stored. */
    record HeaderLine(String name, String value) {
    }

    /** One part of the message: its depth (0 for the message itself), type, file name (or null) and size in bytes. */
    record PartLine(int depth, String contentType, String fileName, long size) {
    }

    static StoredMessageView of(byte[] raw, boolean headersOnly) {
        List<HeaderLine> headers = new ArrayList<>();
        try {
            InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(raw));
            for (Header header : Collections.list(parsed.getAllHeaders())) {
                if (headers.size() == MAX_HEADERS) {
                    break;
                }
                headers.add(new HeaderLine(header.getName(), unfold(header.getValue())));
            }
        } catch (MessagingException | RuntimeException e) {
            // headers that cannot be read are shown as none; the download still has every byte
        }
        String subject = decoded(first(headers, "Subject"));
        String from = decoded(first(headers, "From"));
        List<PartLine> parts = new ArrayList<>();
        boolean cut = false;
        if (!headersOnly) {
            try {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
                cut = walk(message, 0, parts);
            } catch (MessagingException | IOException | RuntimeException e) {
                cut = true;
            }
        }
        return new StoredMessageView(headers, subject, from, parts, cut);
    }

    /** Adds the part and those inside it; answers true when something was left out. */
    private static boolean walk(Part part, int depth, List<PartLine> parts) throws MessagingException, IOException {
        if (parts.size() >= MAX_PARTS || depth > MAX_DEPTH) {
            return true;
        }
        String type = part.getContentType() == null ? "text/plain" : unfold(part.getContentType());
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            parts.add(new PartLine(depth, type, fileName(part), -1));
            boolean cut = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                cut |= walk(multipart.getBodyPart(i), depth + 1, parts);
            }
            return cut;
        }
        parts.add(new PartLine(depth, type, fileName(part), size(part)));
        return false;
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : decoded(name);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The decoded size of a part, or -1 when it cannot be decoded. */
    private static long size(Part part) {
        try (InputStream in = part.getInputStream()) {
            long size = 0;
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                size += n;
            }
            return size;
        } catch (MessagingException | IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String first(List<HeaderLine> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HeaderLine::value).findFirst().orElse(null);
    }

    private static String unfold(String value) {
        return value == null ? "" : value.replaceAll("\\r?\\n[ \\t]*", " ").trim();
    }

    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }
}
