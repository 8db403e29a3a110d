package scot.sirgateway.acknowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.deadline.AlertProperties;
import scot.sirgateway.deadline.ForwardAlerts;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

/**
 * A flood of forged unsigned mail in a council's name, through the real IMAP route, on a gateway of
 * its own (its own database and intake mailbox) with low limits: every mail is registered, only the
 * first acknowledgements go, per address and per council domain (a subdomain counts for its council),
 * operators get one alert for the flood and one forward alert mail for all of it; an operator
 * withdraws a forged notification (out of the forward clock) and dismisses a quarantine entry. The
 * flood runs first: the other tests' mail would count against the council's limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AcknowledgementFloodTest extends GatewayClient {

    static final String INTAKE = "flood-intake@sir-gateway.test";
    static final String ALERTS = "flood-alerts@sir-gateway.test";
    static final String FORGED = "forged@demo-council.test";
    static final String GOVERNMENT = "flood-sir@gov-scot.test";

    @DynamicPropertySource
    static void flood(DynamicPropertyRegistry registry) {
        TestMailServer.shared().register(registry, INTAKE);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sir-flood;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("gateway.acknowledge.unverified-per-address-per-hour", () -> "3");
        registry.add("gateway.acknowledge.unverified-per-domain-per-hour", () -> "5");
        registry.add("gateway.alerts.recipients[0]", () -> ALERTS);
        // its own database numbers references from 1 too: its forwards go to a mailbox of its own
        registry.add("gateway.government.recipients[0]", () -> GOVERNMENT);
    }

    @Autowired
    private scot.sirgateway.quarantine.QuarantineEntries quarantineEntries;

    @Autowired
    WorkingCalendar calendar;
    @Autowired
    Outbox outbox;
    @Autowired
    MailComposer composer;
    @Autowired
    Timeline timeline;

    @Test
    @org.junit.jupiter.api.Order(1)
    void floodShouldBeRegisteredWithFewAcknowledgementsOneAlertAndOneForwardAlertMail() throws Exception {
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String messageId = TestMessages.newMessageId("demo-council.test");
            forged.add(messageId);
            mail.send(FORGED, INTAKE, TestMessages.plainNotification(FORGED, messageId, TestMessages.completeForm("flood" + i)));
        }
        List<String> references = new ArrayList<>();
        for (String messageId : forged) {
            references.add(awaitReference(messageId));
        }
        // every forged mail is registered for triage; the acknowledgements stop at the address's limit
        for (String reference : references) {
            assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("TRIAGE");
        }
        assertThat(count("SELECT COUNT(*) FROM notification_event WHERE type = 'ACKNOWLEDGEMENT_HELD_BACK'")).isEqualTo(5);
        assertThat(api("/api/notifications/" + references.get(7)).get("timeline").findValuesAsString("detail"))
                .anyMatch(d -> d.contains("unverified-per-address-per-hour"));

        // other addresses of the council's domain, a subdomain among them, stop at the domain's limit
        List<String> others = new ArrayList<>();
        for (String from : List.of("first@demo-council.test", "second@cjsw.demo-council.test", "third@cjsw.demo-council.test")) {
            String messageId = TestMessages.newMessageId("demo-council.test");
            mail.send(from, INTAKE, TestMessages.plainNotification(from, messageId, TestMessages.completeForm("other")));
            others.add(awaitReference(messageId));
        }
        references.addAll(others);
        assertThat(api("/api/notifications/" + others.get(2)).get("timeline").findValuesAsString("detail"))
                .anyMatch(d -> d.contains("unverified-per-domain-per-hour"));
        assertThat(count("SELECT COUNT(*) FROM notification_event WHERE type = 'ACKNOWLEDGEMENT_HELD_BACK'")).isEqualTo(6);

        List<MimeMessage> acknowledgements = awaitReceived(FORGED, 3);
        awaitReceived("second@cjsw.demo-council.test", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM outbox_mail WHERE state = 'PENDING'") == 0);
        assertThat(mail.received(FORGED)).hasSize(3);
        assertThat(mail.received("third@cjsw.demo-council.test")).isEmpty();
        // every reply says how to reach the team
        assertThat(textOf(acknowledgements.get(0))).contains("Telephone: 0100 000 0000");

        // one alert for the flood, counting every acknowledgement held back, and one mail about it
        var alerts = api("/api/alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("kind").asString()).isEqualTo("ACKNOWLEDGEMENTS_HELD_BACK");
        assertThat(alerts.get(0).get("subject").asString()).contains("Demo Council").doesNotContain("forged");
        assertThat(alerts.get(0).get("count").asInt()).isEqualTo(6);
        assertThat(mail.received(ALERTS)).hasSize(1);

        // an operator withdraws one forged notification: audited, and out of the forward clock
        String withdrawn = references.get(0);
        assertThat(post("/api/notifications/" + withdrawn + "/withdraw", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> done = post("/api/notifications/" + withdrawn + "/withdraw", "{\"reason\":\"forged: the council sent none\"}");
        assertThat(done.statusCode()).isEqualTo(200);
        var notification = json.readTree(done.body());
        assertThat(notification.get("status").asString()).isEqualTo("WITHDRAWN");
        var events = notification.get("timeline");
        assertThat(events.findValuesAsString("type")).contains("WITHDRAWN");
        for (var event : events) {
            if (event.get("type").asString().equals("WITHDRAWN")) {
                assertThat(event.get("actor").asString()).isEqualTo("operator");
                assertThat(event.get("detail").asString()).contains("forged: the council sent none");
            }
        }
        assertThat(post("/api/notifications/" + withdrawn + "/withdraw", "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(post("/api/notifications/" + withdrawn + "/release", "{}").statusCode()).isEqualTo(409);
        assertThat(get("/api/notifications/" + withdrawn + "/withdraw", null, null).statusCode()).isEqualTo(401);

        // the forward alerts of the flood go as one mail listing them; the withdrawn one is not among them
        Instant late = calendar.forwardDue(Instant.now()).plus(Duration.ofDays(30));
        ForwardAlerts forwardAlerts = new ForwardAlerts(jdbc, calendar, new AlertProperties(List.of(ALERTS),
                Duration.ofHours(4), Duration.ofSeconds(60)), outbox, composer, timeline, Clock.fixed(late, GatewayClock.ZONE));
        assertThat(forwardAlerts.check()).isEqualTo(references.size() - 1);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE reference = ? AND forward_alerted_at IS NOT NULL", withdrawn))
                .isZero();
        MimeMessage grouped = awaitReceived(ALERTS, 2).get(1);
        assertThat(grouped.getSubject()).isEqualTo((references.size() - 1) + " forwards to Scottish Government due");
        assertThat(textOf(grouped)).contains(references.get(1)).contains(references.get(references.size() - 1))
                .doesNotContain(withdrawn + ":");
        assertThat(awaitOutboxDone(ALERTS)).isEqualTo(2);
        assertThat(mail.received(ALERTS)).hasSize(2);
    }

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void withdrawingShouldCancelAForwardNotYetSent() throws Exception {
        String sender = "withdraw@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("withdrawn")));
        String reference = awaitReference(messageId);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM outbox_mail WHERE state = 'PENDING'") == 0);
        camel.getRouteController().stopRoute("outbox-send");
        try {
            assertThat(post("/api/notifications/" + reference + "/release", "{}").statusCode()).isEqualTo(200);
            assertThat(count("SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                    + "WHERE n.reference = ? AND o.purpose = 'FORWARD' AND o.state = 'PENDING'", reference)).isEqualTo(1);
            assertThat(post("/api/notifications/" + reference + "/withdraw", "{\"reason\":\"withdrawn by the council\"}")
                    .statusCode()).isEqualTo(200);
        } finally {
            camel.getRouteController().startRoute("outbox-send");
        }
        assertThat(count("SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                + "WHERE n.reference = ? AND o.purpose = 'FORWARD' AND o.state = 'CANCELLED'", reference)).isEqualTo(1);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("detail"))
                .anyMatch(d -> d.contains("the forward not yet sent was cancelled"));
        // its only forward was cancelled before the outbox was started again: none can leave
        assertThat(count("SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                + "WHERE n.reference = ? AND o.purpose = 'FORWARD' AND o.state <> 'CANCELLED'", reference)).isZero();
        assertThat(mail.received(GOVERNMENT).stream().filter(m -> {
            try {
                return m.getSubject().contains(reference);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        })).isEmpty();
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void operatorShouldDismissAQuarantineEntryWithAReasonKeepingItsBytes() {
        String sender = "dismiss@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Hello", "no form here\r\n", Map.of()));
        Map<String, Object> entry = awaitQuarantine(messageId);
        long id = ((Number) entry.get("id")).longValue();

        assertThat(post("/api/quarantine/" + id + "/dismiss", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> dismissed = post("/api/quarantine/" + id + "/dismiss", "{\"reason\":\"spam, not from the council\"}");
        assertThat(dismissed.statusCode()).isEqualTo(200);
        assertThat(api("/api/quarantine").findValuesAsString("message_id")).doesNotContain(messageId);
        Map<String, Object> closed = jdbc.sql("SELECT state, resolved_by FROM quarantine WHERE id = ?")
                .param(id).query().singleRow();
        assertThat(closed).containsEntry("state", "DISCARDED").containsEntry("resolved_by", "operator");
        // the operator's reason is kept sealed, like every free text at rest
        assertThat(quarantineEntries.resolution(id)).contains("spam, not from the council");
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND raw_blob_id IS NOT NULL", messageId))
                .isEqualTo(1);
        assertThat(post("/api/quarantine/" + id + "/dismiss", "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);
    }
}
