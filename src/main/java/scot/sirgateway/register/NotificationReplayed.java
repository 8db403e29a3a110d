package scot.sirgateway.register;

import java.time.OffsetDateTime;

import scot.sirgateway.intake.Submission;

/**
 * Published inside the registration's transaction when a submission carries a signature already
 * registered (a replay): nothing new is registered, and {@code acknowledge} alerts operators and tells
 * the sender the existing reference.
 */
public record NotificationReplayed(long firstNotificationId, String firstReference, OffsetDateTime firstReceivedAt,
        Submission submission) {
}
