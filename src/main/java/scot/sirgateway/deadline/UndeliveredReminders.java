package scot.sirgateway.deadline;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.outbox.OutboxMailBounced;
import scot.sirgateway.register.Timeline;

/**
 * A delivery report naming a reminder the gateway sent: the reminder is marked undelivered (it did not
 * chase anyone), the timeline says so, and the operators are alerted. Runs in the transaction that
 * records the report.
 */
@Component
public class UndeliveredReminders {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredReminders.class);

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final OperatorAlerts alerts;

    public UndeliveredReminders(JdbcClient jdbc, Timeline timeline, OperatorAlerts alerts) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.alerts = alerts;
    }

    @EventListener
    void onBounced(OutboxMailBounced bounced) {
        if (bounced.purpose() != Outbox.Purpose.REMINDER) {
            return;
        }
        Optional<Map<String, Object>> found = jdbc.sql("SELECT r.id, r.notification_id, r.clock, r.step, r.step_count, "
                        + "n.reference FROM reminder r JOIN notification n ON n.id = r.notification_id WHERE r.message_id = ?")
                .param(bounced.messageId()).query().listOfRows().stream().findFirst();
        if (found.isEmpty()) {
            log.warn("a delivery report names reminder mail {} that has no reminder row", bounced.outboxId());
            return;
        }
        Map<String, Object> reminder = found.get();
        long notificationId = ((Number) reminder.get("notification_id")).longValue();
        String reference = (String) reminder.get("reference");
        int count = ((Number) reminder.get("step_count")).intValue();
        String step = ((String) reminder.get("clock")).toLowerCase(java.util.Locale.ROOT) + "-" + reminder.get("step")
                + (count == 0 ? "" : "-" + count);
        jdbc.sql("UPDATE reminder SET delivered = FALSE WHERE id = ?").param(reminder.get("id")).update();
        timeline.append(notificationId, bounced.at(), "REMINDER_UNDELIVERED",
                step + ": a delivery report says it did not arrive", Timeline.SYSTEM);
        alerts.raise("REMINDER_UNDELIVERED", "REMINDER_UNDELIVERED:" + bounced.messageId(), Duration.ofDays(7),
                "[" + reference + "] Reminder " + step + " undelivered",
                "A delivery report says the reminder " + step + " of " + reference + " did not arrive, so nobody was "
                        + "chased by it. Check the council's addresses in the council registry, or chase it by hand.",
                notificationId);
        log.warn("reminder {} of notification {} undelivered", reminder.get("id"), notificationId);
    }
}
