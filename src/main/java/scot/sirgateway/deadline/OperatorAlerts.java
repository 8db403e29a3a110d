package scot.sirgateway.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;

/**
 * Alerts to operators besides the forward deadline: a replayed notification, acknowledgements held
 * back from a flood of unverified mail. An alert is raised once for its cause and mailed once to
 * {@code gateway.alerts.recipients}; while the cause goes on within the window, the same alert counts
 * it instead of raising another. Alerts are on the alerts API for a week after their cause last
 * happened. Subjects name references and councils, never a person or a value received.
 */
@Component
public class OperatorAlerts {

    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);

    static final Duration SHOWN_FOR = Duration.ofDays(7);

    /** An alert as the API shows it. */
    public record Raised(String kind, String subject, int occurrences, OffsetDateTime raisedAt) {
    }

    private final JdbcClient jdbc;
    private final AlertProperties properties;
    private final Outbox outbox;
    private final MailComposer composer;
    private final Clock clock;

    public OperatorAlerts(JdbcClient jdbc, AlertProperties properties, Outbox outbox, MailComposer composer, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.outbox = outbox;
        this.composer = composer;
        this.clock = clock;
    }

    /**
     * Raises the alert for a cause ({@code scope}), or counts one more occurrence on the alert raised
     * for it within the window. Runs in the caller's transaction. Answers true when a new alert was raised.
     */
    public boolean raise(String kind, String scope, Duration window, String subject, String text, Long notificationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int counted = jdbc.sql("UPDATE operator_alert SET occurrences = occurrences + 1, last_at = ? "
                        + "WHERE kind = ? AND alert_key LIKE ? AND last_at >= ?")
                .params(now, kind, scope + "@%", now.minus(window)).update();
        if (counted > 0) {
            return false;
        }
        String key = scope + "@" + now.toInstant().toEpochMilli();
        jdbc.sql("INSERT INTO operator_alert (alert_key, kind, subject, notification_id, occurrences, raised_at, last_at) "
                        + "VALUES (?, ?, ?, ?, 1, ?, ?)")
                .params(key, kind, subject.length() > 300 ? subject.substring(0, 300) : subject, notificationId, now, now)
                .update();
        AlertMails.queue(properties, outbox, composer, "alert-" + key.replaceAll("[^A-Za-z0-9]", "-"), subject, text);
        log.warn("operator alert raised: {}", kind);
        return true;
    }

    /**
     * An address the gateway needs at a council is missing or unusable: one alert per council and cause (the
     * notifier, the CSWO, an inspector) over a week, whatever mail wanted it (a reminder, a request for
     * information). The subject and text name the council, never an address.
     */
    public boolean addressMissing(String council, String cause, String subject, String text, Long notificationId) {
        return raise("ADDRESS_MISSING", "ADDRESS_MISSING:" + council + ":" + cause, SHOWN_FOR, subject, text, notificationId);
    }

    /** The alerts whose cause happened within the last week, newest first. */
    public List<Raised> recent() {
        return jdbc.sql("SELECT kind, subject, occurrences, raised_at FROM operator_alert WHERE last_at >= ? "
                        + "ORDER BY raised_at DESC, id DESC")
                .param(OffsetDateTime.now(clock).minus(SHOWN_FOR))
                .query((rs, n) -> new Raised(rs.getString("kind"), rs.getString("subject"), rs.getInt("occurrences"),
                        rs.getObject("raised_at", OffsetDateTime.class)))
                .list();
    }
}
