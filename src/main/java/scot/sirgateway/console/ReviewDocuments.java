package scot.sirgateway.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.stereotype.Component;

import scot.sirgateway.review.Review;
import scot.sirgateway.review.Reviews;

/**
 * A review's documents as the review page lists them, numbered from 1: the document entered with the review (API or
 * web form) under its kept name, or each named part of a mailed review's content (kept as a MIME entity). Served
 * only as attachments: a safe name, a type from a short list of document types, else {@code application/octet-stream}.
 */
@Component
class ReviewDocuments {

    /** The types a download may be served as; anything else goes as {@code application/octet-stream}. */
    private static final Map<String, String> SAFE_TYPES = Map.of(
            "pdf", "application/pdf",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "odt", "application/vnd.oasis.opendocument.text",
            "rtf", "application/rtf",
            "txt", "text/plain");

    private static final String OCTET_STREAM = "application/octet-stream";

    /** One document: its number on the page, safe name, served type, size and bytes. */
    record Document(int n, String name, String contentType, long size, byte[] bytes) {

        /** The size in words: bytes, KB or MB. */
        public String sizeInWords() {
            if (size < 1024) {
                return size + (size == 1 ? " byte" : " bytes");
            }
            if (size < 1024 * 1024) {
                return Math.round(size / 1024.0) + " KB";
            }
            return String.format(Locale.UK, "%.1f MB", size / (1024.0 * 1024.0));
        }
    }

    private final Reviews reviews;

    ReviewDocuments(Reviews reviews) {
        this.reviews = reviews;
    }

    List<Document> of(Review review) {
        Optional<byte[]> kept = reviews.document(review);
        if (kept.isEmpty()) {
            return List.of();
        }
        Optional<String> name = reviews.documentName(review);
        if (name.isPresent()) {
            return List.of(document(1, name.get(), null, kept.get()));
        }
        List<Document> documents = inMail(kept.get());
        if (documents.isEmpty()) {
            // nothing named inside: the mail's content as it was kept
            return List.of(document(1, review.reference() + "-" + review.name() + "-mail.eml", null, kept.get()));
        }
        return documents;
    }

    /** Each part with a file name of a mail's content (a MIME entity), numbered from 1; none when it cannot be read. */
    static List<Document> inMail(byte[] content) {
        List<Document> documents = new ArrayList<>();
        try {
            MimeMessage entity = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content));
            collect(entity, documents);
        } catch (MessagingException | IOException e) {
            return List.of();
        }
        return documents;
    }

    private static void collect(Part part, List<Document> documents) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), documents);
            }
            return;
        }
        String filename = part.getFileName();
        if (filename == null) {
            return;
        }
        try {
            filename = MimeUtility.decodeText(filename);
        } catch (java.io.UnsupportedEncodingException e) {
            // keep it as written
        }
        try (InputStream in = part.getInputStream()) {
            String declared = part.getContentType() == null ? null
                    : part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            documents.add(document(documents.size() + 1, filename, declared, in.readAllBytes()));
        }
    }

    private static Document document(int n, String name, String declared, byte[] bytes) {
        String safe = Downloads.safeName(name);
        return new Document(n, safe, type(safe, declared), bytes.length, bytes);
    }

    /** The type from the name's extension when it is a safe one and the declared type (if any) agrees; else octet-stream. */
    static String type(String name, String declared) {
        int dot = name.lastIndexOf('.');
        String byName = dot < 0 ? null : SAFE_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (byName == null) {
            return OCTET_STREAM;
        }
        return declared == null || declared.equals(byName) || declared.equals(OCTET_STREAM) ? byName : OCTET_STREAM;
    }
}
