package scot.sirgateway.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.quarantine.Quarantine;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The {@code intake-mail} route's one step: commits the raw bytes of the IMAP message to the database.
 * Only when this returns does Camel move the message to the processed folder, so a crash leaves it
 * either in the inbox or stored. A message over {@code max-message-bytes} is not read: its headers are
 * recorded, it is quarantined as {@code MESSAGE_TOO_LARGE} and moved to the quarantine folder.
 */
@Component("mailIntake")
public class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

    private final StoredMessages storedMessages;
    private final Quarantine quarantine;
    private final IntakeProperties properties;
    private final TransactionTemplate transactions;

    public MailIntake(StoredMessages storedMessages, Quarantine quarantine, IntakeProperties properties,
            TransactionTemplate transactions) {
        this.storedMessages = storedMessages;
        this.quarantine = quarantine;
        this.properties = properties;
        this.transactions = transactions;
    }

    public void store(Exchange exchange) throws MessagingException, IOException {
        Message message = exchange.getIn(MailMessage.class).getOriginalMessage();
        long declaredSize = message.getSize();
        byte[] raw;
        try {
            raw = declaredSize > properties.maxMessageBytes() ? null : read(message, properties.maxMessageBytes());
        } catch (MessagingException | IOException unreadable) {
            // the server cannot hand over the bytes: keep what it can give (the headers), for an operator
            String headers = headerText(message);
            transactions.executeWithoutResult(tx -> quarantine.quarantine(
                    storedMessages.storeHeadersOnly(headers, Math.max(declaredSize, 0), "MAIL"), "intake",
                    ReasonCode.MALFORMED_MESSAGE, "The mail server could not deliver the message's bytes ("
                            + unreadable.getClass().getSimpleName() + "). Its headers are kept; the message itself is"
                            + " in the mailbox folder " + properties.quarantineFolder() + "."));
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, properties.quarantineFolder());
            return;
        }
        if (raw == null) {
            String headers = headerText(message);
            long size = Math.max(declaredSize, properties.maxMessageBytes() + 1);
            transactions.executeWithoutResult(tx -> quarantine.quarantine(
                    storedMessages.storeHeadersOnly(headers, size, "MAIL"), "intake", ReasonCode.MESSAGE_TOO_LARGE,
                    "The message is " + size + " bytes, over the limit of " + properties.maxMessageBytes()
                            + " (gateway.mail.intake.max-message-bytes). Its headers are kept; the message itself is"
                            + " in the mailbox folder " + properties.quarantineFolder() + "."));
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, properties.quarantineFolder());
            return;
        }
        StoredMessages.Stored stored = storedMessages.store(raw, "MAIL");
        if (stored.duplicate()) {
            log.info("mail already stored as message {}: delivery counted, nothing new created", stored.id());
        } else {
            log.info("mail stored as message {} ({} bytes)", stored.id(), raw.length);
        }
    }

    /** The message's bytes as the server holds them, or null when they run over the limit. */
    private static byte[] read(Message message, long limit) throws MessagingException, IOException {
        LimitedBuffer buffer = new LimitedBuffer(limit);
        try {
            message.writeTo(buffer);
        } catch (LimitedBuffer.LimitReached e) {
            return null;
        }
        return buffer.toByteArray();
    }

    private static String headerText(Message message) throws MessagingException {
        StringBuilder text = new StringBuilder();
        if (message instanceof jakarta.mail.internet.MimeMessage mime) {
            for (String line : Collections.list(mime.getAllHeaderLines())) {
                text.append(line).append("\r\n");
            }
        }
        return text.append("\r\n").toString();
    }

    /** A byte buffer that refuses to grow past a limit. */
    private static final class LimitedBuffer extends OutputStream {
        static final class LimitReached extends IOException {
            LimitReached() {
                super("over the size limit");
            }
        }

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;

        LimitedBuffer(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        private void check(int more) throws LimitReached {
            if (bytes.size() + (long) more > limit) {
                throw new LimitReached();
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
