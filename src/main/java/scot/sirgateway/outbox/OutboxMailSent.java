package scot.sirgateway.outbox;

import java.time.OffsetDateTime;

/** Published once the relay has accepted a mail from the outbox. */
public record OutboxMailSent(long outboxId, Outbox.Purpose purpose, Long notificationId, String recipient,
        OffsetDateTime sentAt) {
}
