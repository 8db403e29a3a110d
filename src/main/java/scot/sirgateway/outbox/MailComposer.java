package scot.sirgateway.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

/**
 * Builds the gateway's plain-text mails with the headers every one of them carries: the gateway as
 * sender, a fixed Message-ID per purpose, {@code Auto-Submitted}, and the thread of the mail it
 * answers.
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

    public byte[] compose(String messageId, String to, String subject, String text, String inReplyTo,
            String autoSubmitted) {
        try {
            MimeMessage message = new FixedIdMessage(session, messageId);
            message.setFrom(new InternetAddress(properties.from(), "SIR Gateway"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", autoSubmitted);
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", inReplyTo);
                message.setHeader("References", inReplyTo);
            }
            message.setText(text, StandardCharsets.UTF_8.name());
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose mail " + messageId, e);
        }
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
