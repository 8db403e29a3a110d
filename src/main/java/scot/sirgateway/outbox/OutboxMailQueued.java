package scot.sirgateway.outbox;

/**
 * Published in the transaction that queues a mail in the outbox; once that transaction commits,
 * {@link OutboxSender} sends at once instead of at its next timer run.
 */
public record OutboxMailQueued(String messageId, Outbox.Purpose purpose) {
}
