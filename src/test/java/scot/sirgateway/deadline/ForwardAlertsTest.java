package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.calendar.WorkingCalendar;

/**
 * The forward alert with a clock the test sets: nothing a minute before four working hours ahead of
 * the due time, the alert at that moment, for a notification in triage and a message in quarantine,
 * once, on the API and by mail.
 */
class ForwardAlertsTest extends GatewayTest {

    private static final String ALERTS = "alerts@sir-gateway.test";

    @Autowired
    WorkingCalendar calendar;
    @Autowired
    Outbox outbox;
    @Autowired
    MailComposer composer;
    @Autowired
    Timeline timeline;

    private ForwardAlerts at(Instant now) {
        return new ForwardAlerts(jdbc, calendar, new AlertProperties(List.of(ALERTS), Duration.ofHours(4),
                Duration.ofSeconds(60)), outbox, composer, timeline, Clock.fixed(now, GatewayClock.ZONE));
    }

    @Test
    void alertShouldBeRaisedOnceFourWorkingHoursBeforeTheForwardIsDue() throws Exception {
        String sender = "alert@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("alert")));
        String quarantinedId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, quarantinedId, "Hello", "no form here\r\n", Map.of()));
        String reference = awaitReference(messageId);
        awaitQuarantine(quarantinedId);

        OffsetDateTime due = jdbc.sql("SELECT forward_due FROM notification WHERE reference = ?").param(reference)
                .query(OffsetDateTime.class).single();
        Instant alertAt = calendar.instantWorkingHoursBefore(due.toInstant(), Duration.ofHours(4));

        at(alertAt.minusSeconds(60)).check();
        assertThat(alertedAt(reference)).isNull();

        at(alertAt).check();
        assertThat(alertedAt(reference)).isNotNull();
        var alerts = api("/api/alerts");
        assertThat(alerts.findValuesAsString("subject")).contains(reference);
        assertThat(alerts.findValuesAsString("kind")).contains("NOTIFICATION", "QUARANTINE");
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type")).contains("FORWARD_ALERT");

        // once: a later run raises nothing more for it
        OffsetDateTime flagged = alertedAt(reference);
        at(alertAt.plusSeconds(3600)).check();
        assertThat(alertedAt(reference)).isEqualTo(flagged);
        // the alerts mailbox is shared with other tests: wait for the alert naming this notification (alone,
        // or listed with others raised in the same run)
        jakarta.mail.internet.MimeMessage alert = awaitReceived(ALERTS, m -> {
            try {
                return m.getSubject().contains(reference) || textOf(m).contains(reference);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(alert.getAllRecipients()).extracting(Object::toString).containsExactly(ALERTS);
        assertThat(mail.received(ALERTS).stream().filter(m -> {
            try {
                return m.getSubject().contains(reference) || textOf(m).contains(reference);
            } catch (Exception e) {
                return false;
            }
        }).count()).isEqualTo(1);
    }

    private OffsetDateTime alertedAt(String reference) {
        return jdbc.sql("SELECT forward_alerted_at FROM notification WHERE reference = ?").param(reference)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single().orElse(null);
    }
}
