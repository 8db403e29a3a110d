package scot.sirgateway.register;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.model.NotificationStatus;

/**
 * Published inside the registration's transaction once the notification, its clocks and its first
 * timeline events are written. {@code acknowledge} queues the acknowledgement and {@code forward} the
 * forward to Scottish Government (for a {@code REGISTERED} notification), in that order, in the same
 * transaction: either all of it is committed or none.
 */
public record NotificationRegistered(long notificationId, String reference, NotificationStatus status,
        Submission submission) {
}
