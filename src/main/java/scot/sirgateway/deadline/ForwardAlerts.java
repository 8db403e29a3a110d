package scot.sirgateway.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.calendar.WorkingCalendar;

/**
 * The {@code deadline-forward-alerts} step: raises an alert, once, for every notification not yet
 * forwarded, and every quarantined message, whose forward to Scottish Government is due within
 * {@code gateway.alerts.forward-warning} working hours. A withdrawn notification is out of the clock.
 * Alerts are on the API always, and mailed to {@code gateway.alerts.recipients} through the outbox
 * when there are any: one mail for all raised in one run.
 */
@Component("forwardAlerts")
public class ForwardAlerts {

    private static final Logger log = LoggerFactory.getLogger(ForwardAlerts.class);

    private static final java.time.format.DateTimeFormatter WRITTEN =
            java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", java.util.Locale.UK);

    /** An alert as the API shows it. */
    public record Alert(String kind, String subject, OffsetDateTime forwardDue, OffsetDateTime alertedAt) {
    }

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final AlertProperties properties;
    private final Outbox outbox;
    private final MailComposer composer;
    private final Timeline timeline;
    private final Clock clock;

    public ForwardAlerts(JdbcClient jdbc, WorkingCalendar calendar, AlertProperties properties, Outbox outbox,
            MailComposer composer, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.properties = properties;
        this.outbox = outbox;
        this.composer = composer;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Raises the alerts now due; answers how many. Everything raised in one run goes out as one mail
     * (a flood of notifications gives one mail listing them, not one mail each).
     */
    @Transactional
    public int check() {
        Instant now = clock.instant();
        List<String> references = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT id, reference, forward_due FROM notification "
                + "WHERE forwarded_at IS NULL AND forward_alerted_at IS NULL AND forward_due IS NOT NULL "
                + "AND status <> 'WITHDRAWN' ORDER BY forward_due, id").query().listOfRows()) {
            OffsetDateTime due = toOffset(row.get("forward_due"));
            if (isAlertDue(due, now)) {
                long id = ((Number) row.get("id")).longValue();
                String reference = (String) row.get("reference");
                jdbc.sql("UPDATE notification SET forward_alerted_at = ? WHERE id = ?").params(at(now), id).update();
                timeline.append(id, at(now), "FORWARD_ALERT", "not yet forwarded; due " + written(due), Timeline.SYSTEM);
                references.add(reference);
                lines.add("  " + reference + ": not yet forwarded to Scottish Government, due " + written(due));
            }
        }
        List<Long> quarantined = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT id, received_at FROM quarantine "
                + "WHERE state = 'OPEN' AND forward_alerted_at IS NULL ORDER BY id").query().listOfRows()) {
            OffsetDateTime due = calendar.forwardDue(toOffset(row.get("received_at")).toInstant())
                    .atZone(GatewayClock.ZONE).toOffsetDateTime();
            if (isAlertDue(due, now)) {
                long id = ((Number) row.get("id")).longValue();
                jdbc.sql("UPDATE quarantine SET forward_alerted_at = ? WHERE id = ?").params(at(now), id).update();
                quarantined.add(id);
                lines.add("  quarantine entry " + id + ": may be a notification whose forward is due " + written(due));
            }
        }
        int raised = lines.size();
        if (raised == 0) {
            return 0;
        }
        if (raised == 1 && references.size() == 1) {
            String reference = references.get(0);
            mail(reference + ".forward-alert", "[" + reference + "] Forward to Scottish Government due",
                    "The notification " + reference + " has not been forwarded to Scottish Government.\n" + lines.get(0)
                            + "\nCheck it in the console.");
        } else if (raised == 1) {
            long id = quarantined.get(0);
            mail("quarantine-" + id + ".forward-alert", "Quarantined message " + id + ": forward due",
                    "A message in quarantine may be a notification whose forward to Scottish Government is due.\n"
                            + lines.get(0) + "\nCheck it in the console.");
        } else {
            // one mail for the run, named after its first item so a re-run after a crash is the same mail
            String first = references.isEmpty() ? "quarantine-" + quarantined.get(0) : references.get(0);
            mail(first + ".forward-alerts-" + raised, raised + " forwards to Scottish Government due",
                    raised + " forwards to Scottish Government are due soon (" + references.size() + " notifications, "
                            + quarantined.size() + " quarantined messages):\n" + String.join("\n", lines)
                            + "\nCheck them in the console. If many came from one sender at once, they may be forged: "
                            + "an operator can withdraw a notification or dismiss a quarantine entry.");
        }
        log.warn("{} forward deadline alert(s) raised", raised);
        return raised;
    }

    private static String written(OffsetDateTime due) {
        return due.atZoneSameInstant(GatewayClock.ZONE).format(WRITTEN);
    }

    /** Alerts raised and still open: notifications not forwarded, messages still in quarantine. */
    public List<Alert> open() {
        List<Alert> alerts = new ArrayList<>();
        jdbc.sql("SELECT reference, forward_due, forward_alerted_at FROM notification WHERE forward_alerted_at IS NOT NULL "
                        + "AND forwarded_at IS NULL AND status <> 'WITHDRAWN' ORDER BY forward_due")
                .query().listOfRows().forEach(r -> alerts.add(new Alert("NOTIFICATION", (String) r.get("reference"),
                        toOffset(r.get("forward_due")), toOffset(r.get("forward_alerted_at")))));
        jdbc.sql("SELECT id, received_at, forward_alerted_at FROM quarantine WHERE forward_alerted_at IS NOT NULL "
                        + "AND state = 'OPEN' ORDER BY id")
                .query().listOfRows().forEach(r -> alerts.add(new Alert("QUARANTINE", "quarantine " + r.get("id"),
                        calendar.forwardDue(toOffset(r.get("received_at")).toInstant()).atZone(GatewayClock.ZONE)
                                .toOffsetDateTime(), toOffset(r.get("forward_alerted_at")))));
        return alerts;
    }

    private boolean isAlertDue(OffsetDateTime due, Instant now) {
        return !now.isBefore(calendar.instantWorkingHoursBefore(due.toInstant(), properties.forwardWarning()));
    }

    private void mail(String localPart, String subject, String text) {
        AlertMails.queue(properties, outbox, composer, localPart, subject, text);
    }

    private OffsetDateTime at(Instant instant) {
        return instant.atZone(GatewayClock.ZONE).toOffsetDateTime();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atZone(GatewayClock.ZONE).toOffsetDateTime();
        }
        if (value instanceof java.time.Instant i) {
            return i.atZone(GatewayClock.ZONE).toOffsetDateTime();
        }
        throw new IllegalStateException("not a timestamp: " + (value == null ? null : value.getClass()));
    }
}
