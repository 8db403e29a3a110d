package scot.sirgateway.outbox;

import java.time.OffsetDateTime;

/**
 * Published, in the transaction that records it, when a delivery report in the intake mailbox names a
 * mail the gateway sent: the mail is marked bounced; what it was about decides what follows (a reminder
 * is undelivered, a forward goes back on its clock). {@code recipient} is the address the report says
 * failed, when it says.
 */
public record OutboxMailBounced(long outboxId, Outbox.Purpose purpose, String messageId, Long notificationId,
        String recipient, OffsetDateTime at) {
}
