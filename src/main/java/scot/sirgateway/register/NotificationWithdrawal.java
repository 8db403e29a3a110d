package scot.sirgateway.register;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.model.NotificationStatus;

/**
 * An operator rejects a notification (forged, a duplicate, withdrawn by the council): it becomes
 * {@code WITHDRAWN}, a forward not yet sent is cancelled, and the timeline records the reason and
 * who gave it. Nothing is deleted.
 */
@Component
public class NotificationWithdrawal {

    private static final Logger log = LoggerFactory.getLogger(NotificationWithdrawal.class);

    private final Notifications notifications;
    private final Timeline timeline;
    private final PendingForwards forwards;
    private final Clock clock;

    public NotificationWithdrawal(Notifications notifications, Timeline timeline, PendingForwards forwards, Clock clock) {
        this.notifications = notifications;
        this.timeline = timeline;
        this.forwards = forwards;
        this.clock = clock;
    }

    @Transactional
    public void withdraw(String reference, String reason, String operator) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("give a reason for withdrawing the notification (\"reason\")");
        }
        Notifications.Stored stored = notifications.findByReference(reference)
                .orElseThrow(() -> new java.util.NoSuchElementException("no notification has the reference " + reference));
        NotificationStatus status = stored.envelope().status();
        if (status == NotificationStatus.WITHDRAWN) {
            throw new ReleaseRefusedException(reference + " is already WITHDRAWN");
        }
        if (!notifications.changeStatus(stored.envelope().id(), status, NotificationStatus.WITHDRAWN)) {
            throw new ReleaseRefusedException(reference + " was changed by someone else just now: try again");
        }
        int cancelled = forwards.cancel(stored.envelope().id());
        OffsetDateTime now = OffsetDateTime.now(clock);
        String trimmed = reason.trim();
        timeline.append(stored.envelope().id(), now, "WITHDRAWN", "withdrawn (was " + status + "): "
                + (trimmed.length() > 500 ? trimmed.substring(0, 500) : trimmed)
                + (cancelled > 0 ? "; the forward not yet sent was cancelled" : ""), operator);
        log.info("{} withdrawn by {}", reference, operator);
    }
}
