package scot.sirgateway.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.intake.Submission;

/** A submission as the intake stage hands it on, made straight from a message's bytes (no database). */
public final class TestSubmissions {

    private TestSubmissions() {
    }

    public static Submission submission(byte[] raw) throws MessagingException {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        MessageHeaders headers = MessageHeaders.parse(raw);
        StoredMessages.StoredMessage stored = new StoredMessages.StoredMessage(1, "MAIL", headers.messageId(),
                headers.fromAddress(), "h", raw.length, "b", null, OffsetDateTime.now(ZoneOffset.UTC),
                StoredMessages.State.RECEIVED, 1);
        return new Submission(stored, mime, headers);
    }

    public static Submission submission(String mail) throws MessagingException {
        return submission(mail.getBytes(StandardCharsets.UTF_8));
    }
}
