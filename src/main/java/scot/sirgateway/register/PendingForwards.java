package scot.sirgateway.register;

/**
 * The forwards not yet sent, as a withdrawal needs them: {@code forward} implements it, so that
 * register names no later stage. A question with an answer, so a call and not an event.
 */
public interface PendingForwards {

    /** Cancels the notification's forward if it has not left yet; answers how many were cancelled. */
    int cancel(long notificationId);
}
