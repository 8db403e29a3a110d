package scot.sirgateway.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.stereotype.Component;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.register.Notifications;

/**
 * The documents of a notification: the attached parts of its original content as the gateway keeps it
 * ({@link Notifications#content}, the MIME entity once the security layers are off, decrypted from the blob
 * store), for a mail and for a form post alike (a form post is stored as a {@code multipart/mixed} with each
 * document attached). Numbered 1, 2, ... in the order they come in the message, so a number only ever names a
 * document of the notification it is asked under. The form's own values (the JSON part of a form post) and a
 * mail's body are not documents.
 */
@Component
class NotificationDocuments {

    /** A document: its number, the name it came with, the type it was sent as, its size and bytes. */
    record Document(int id, String name, String type, long size, byte[] bytes) {
    }

    /** The types a document is served as; any other is served as {@code application/octet-stream}. */
    private static final Map<String, String> SAFE_TYPES = Map.of(
            "application/pdf", "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text",
            "application/rtf", "application/rtf",
            "text/rtf", "application/rtf",
            "text/plain", "text/plain");

    private final Notifications notifications;
    private final Session session;

    NotificationDocuments(Notifications notifications) {
        this.notifications = notifications;
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        this.session = Session.getInstance(properties);
    }

    /** The notification's documents, in message order; none when its content was not kept. */
    List<Document> of(long notificationId) {
        Optional<byte[]> content = notifications.content(notificationId);
        if (content.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>();
        try {
            collect(new MimeMessage(session, new ByteArrayInputStream(content.get())), documents);
        } catch (MessagingException e) {
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** The document with this number, if the notification has one. */
    Optional<Document> find(long notificationId, int id) {
        return of(notificationId).stream().filter(d -> d.id() == id).findFirst();
    }

    private void collect(Part part, List<Document> documents) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, documents);
            }
            return;
        }
        String name = fileName(part);
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || name != null;
        if (!attached || part.isMimeType(Submission.FORM_VALUES_TYPE)) {
            return;
        }
        byte[] bytes = part.getInputStream().readAllBytes();
        documents.add(new Document(documents.size() + 1, name == null ? "document" : name, baseType(part),
                bytes.length, bytes));
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            try {
                return MimeUtility.decodeText(name);
            } catch (IOException e) {
                return name;
            }
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    /** The type a document is served as: its own when it is one of the few safe ones, else octet-stream. */
    static String servedType(String type) {
        return SAFE_TYPES.getOrDefault(type == null ? "" : type.toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
