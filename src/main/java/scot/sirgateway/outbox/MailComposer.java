package scot.sirgateway.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import scot.sirgateway.smime.SmimeEncryptor;

/**
 * Builds the gateway's text mails, in clear or S/MIME-encrypted to the recipient, with the headers
 * every one of them carries: the gateway as sender, a fixed Message-ID per purpose,
 * {@code Auto-Submitted}, and the thread of the mail it answers.
 */
@Component
public class MailComposer {

    private final OutboundMailProperties properties;
    private final Session session = Session.getInstance(new Properties());

    public MailComposer(OutboundMailProperties properties) {
        this.properties = properties;
    }

    /** A Message-ID of the gateway's domain: {@code <SIR-2026-0042.ack@sir-gateway.test>}. */
    public String messageId(String localPart) {
        return "<" + localPart + "@" + properties.domain() + ">";
    }

    /** A plain-text mail answering {@code inReplyTo} (when given). */
    public byte[] compose(String messageId, String to, String subject, String text, String inReplyTo,
            String autoSubmitted) {
        return compose(messageId, to, subject, SmimeEncryptor.textPart(text), autoSubmitted, inReplyTo);
    }

    /** A mail whose whole body is a prepared part (a signed and encrypted S/MIME entity). */
    public byte[] compose(String messageId, String to, String subject, jakarta.mail.internet.MimeBodyPart body,
            String autoSubmitted) {
        return compose(messageId, to, subject, body, autoSubmitted, null);
    }

    /** The same, answering a mail: In-Reply-To and References name it. */
    public byte[] compose(String messageId, String to, String subject, jakarta.mail.internet.MimeBodyPart body,
            String autoSubmitted, String inReplyTo) {
        return compose(messageId, java.util.List.of(to), java.util.List.of(), subject, body, autoSubmitted, inReplyTo);
    }

    /** A mail to several people: {@code to} addressed, {@code cc} copied (queue it with all of them as recipients). */
    public byte[] compose(String messageId, java.util.List<String> to, java.util.List<String> cc, String subject,
            jakarta.mail.internet.MimeBodyPart body, String autoSubmitted, String inReplyTo) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message(messageId, to, cc, subject, body, autoSubmitted, inReplyTo).writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose mail " + messageId, e);
        }
    }

    /**
     * The mail of {@link #compose(String, String, String, jakarta.mail.internet.MimeBodyPart, String)} not yet
     * written out: a large one (a forward with a council's documents) is written straight to the outbox's blob
     * ({@link Outbox#queue(Outbox.Purpose, String, String, scot.sirgateway.storage.BlobStore.Content, Long, Long)}),
     * encrypted and encoded as it goes, never held whole. Written once: an S/MIME body is encrypted as it is written.
     */
    public MimeMessage message(String messageId, String to, String subject, jakarta.mail.internet.MimeBodyPart body,
            String autoSubmitted) {
        try {
            return message(messageId, java.util.List.of(to), java.util.List.of(), subject, body, autoSubmitted, null);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose mail " + messageId, e);
        }
    }

    private MimeMessage message(String messageId, java.util.List<String> to, java.util.List<String> cc, String subject,
            jakarta.mail.internet.MimeBodyPart body, String autoSubmitted, String inReplyTo)
            throws MessagingException, IOException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(new InternetAddress(properties.from(), "SIR Gateway"));
        message.setRecipients(Message.RecipientType.TO, addresses(to));
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(cc));
        }
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", autoSubmitted);
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        message.setContent(body.getContent(), body.getContentType());
        message.saveChanges();
        for (String header : new String[] {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition"}) {
            String value = body.getHeader(header, null);
            if (value != null) {
                message.setHeader(header, value);
            }
        }
        message.saveChanges();
        return message;
    }

    private static InternetAddress[] addresses(java.util.List<String> addresses) throws jakarta.mail.internet.AddressException {
        InternetAddress[] parsed = new InternetAddress[addresses.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = new InternetAddress(addresses.get(i), true);
        }
        return parsed;
    }

    /** Keeps the Message-ID it was given, so a re-send is recognisably the same mail. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
