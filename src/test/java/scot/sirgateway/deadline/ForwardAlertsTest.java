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

        at(alertAt.plusSeconds(3600)).check();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'ALERT' AND message_id LIKE ?",
                "<" + reference + ".forward-alert.%")).isEqualTo(1);
        // the alerts mailbox is shared with other tests: wait for this notification's alert itself
        assertThat(awaitReceived(ALERTS, m -> {
            try {
                return m.getSubject().contains(reference);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).getAllRecipients()).extracting(Object::toString).containsExactly(ALERTS);
    }

    private OffsetDateTime alertedAt(String reference) {
        return jdbc.sql("SELECT forward_alerted_at FROM notification WHERE reference = ?").param(reference)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single().orElse(null);
    }
}
