package scot.sirgateway.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StoredBytes;

/**
 * First stage after storage: reads a stored message back from the database and parses its whole
 * MIME structure, so that a damaged message is quarantined here ({@code MALFORMED_MESSAGE}) and not
 * half way through a later stage (a multipart without a boundary parameter too: Jakarta Mail would
 * guess one). A message over a limit on its shape is {@code MESSAGE_LIMIT_EXCEEDED} ({@link MessageLimits},
 * checked before anything walks it). A Message-ID already stored with other content is
 * {@code DUPLICATE_MESSAGE_ID}.
 */
@Component("messageParser")
public class MessageParser {

    private final StoredMessages storedMessages;
    private final MessageLimits limits;
    private final Session session = Session.getInstance(new Properties());

    public MessageParser(StoredMessages storedMessages, MessageLimits limits) {
        this.storedMessages = storedMessages;
        this.limits = limits;
    }

    public Submission parse(long storedMessageId) {
        StoredMessages.StoredMessage stored = storedMessages.find(storedMessageId)
                .orElseThrow(() -> new IllegalStateException("no stored message " + storedMessageId));
        StoredBytes raw = storedMessages.openBytes(stored);
        storedMessages.earlierWithSameMessageIdAndOtherContent(stored).ifPresent(earlier -> {
            throw new QuarantineException(ReasonCode.DUPLICATE_MESSAGE_ID, "Message-ID already seen on stored message "
                    + earlier + " with different content: check with the sender which one is the notification.");
        });
        MimeMessage mime;
        try {
            // shared: every part is a view on the stored bytes (their decrypted chunks), not a copy of them
            mime = new MimeMessage(session, raw.stream());
            limits.check(mime);
            walk(mime);
        } catch (QuarantineException overLimit) {
            throw overLimit;
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_MESSAGE,
                    "The MIME structure cannot be parsed (" + e.getClass().getSimpleName() + ": "
                            + safeDetail(e) + ").", e);
        }
        return new Submission(stored, mime, MessageHeaders.parse(raw.stream()));
    }

    /**
     * Reads every part to its end, so that broken boundaries and encodings show up now. The limits
     * were checked first, so this recursion is as deep as {@code max-mime-depth} at most.
     */
    private static void walk(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            String boundary = new ContentType(part.getContentType()).getParameter("boundary");
            if (boundary == null || boundary.isBlank()) {
                throw new MessagingException("multipart without a boundary parameter");
            }
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("multipart without parts");
            }
            if (multipart.getCount() == 0) {
                throw new MessagingException("multipart with no parts");
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i));
            }
        } else {
            try (InputStream in = part.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * The parser's own words, cut at the first colon: what follows can quote the message
     * ("the 10 most recent characters were: ..."), and content never goes into a reason.
     */
    private static String safeDetail(Exception e) {
        String message = e.getMessage() == null ? "no detail" : e.getMessage();
        int colon = message.indexOf(':');
        message = (colon < 0 ? message : message.substring(0, colon)).replaceAll("[\\r\\n]+", " ");
        return message.length() > 80 ? message.substring(0, 80) + "..." : message;
    }
}
