package scot.sirgateway.register;

/**
 * Published inside the release's transaction when an operator confirms a {@code TRIAGE} notification:
 * {@code forward} queues its forward to Scottish Government.
 */
public record NotificationReleased(long notificationId, String reference) {
}
