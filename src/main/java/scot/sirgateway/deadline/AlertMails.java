package scot.sirgateway.deadline;

import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;

/**
 * An alert mailed through the outbox to each of {@code gateway.alerts.recipients}, with a Message-ID
 * fixed by the alert and the recipient, so the same alert is never queued twice.
 */
final class AlertMails {

    private AlertMails() {
    }

    static void queue(AlertProperties properties, Outbox outbox, MailComposer composer, String localPart,
            String subject, String text) {
        for (String recipient : properties.recipients()) {
            String messageId = composer.messageId(localPart + "." + recipient.replaceAll("[^A-Za-z0-9]", "-"));
            outbox.queue(Outbox.Purpose.ALERT, messageId, recipient,
                    composer.compose(messageId, recipient, subject, text, null, "auto-generated"), null, null);
        }
    }
}
