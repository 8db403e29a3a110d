package scot.sirgateway.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * Delivery reports arriving in the intake mailbox, through IMAP: one naming a mail the gateway sent is
 * matched before any sender check and never answered; a failed forward goes back on its clock with an
 * alert and may be re-sent; a failed acknowledgement alerts; a delay is only recorded; a report naming no
 * mail of the gateway is quarantined like any mail from nobody, unanswered.
 */
class DeliveryReportsTest extends GatewayTest {

    private static final String DAEMON = "mailer-daemon@gov-scot.test";

    @Test
    void bouncedForwardShouldGoBackOnItsClockAlertAndBeResendable() throws Exception {
        String reference = forwardedNotification("bounce");
        long forwardedCopies = awaitOutboxDone(reference, "FORWARD");
        String reportId = TestMessages.newMessageId("gov-scot.test");
        mail.send(DAEMON, INTAKE, TestMessages.deliveryReport(DAEMON, reportId,
                "<" + reference + ".forward@sir-gateway.test>", "failed", "sir@gov-scot.test"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("status").asString().equals("REGISTERED"));
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("forwarded_at").isNull()).isTrue();
        assertThat(notification.get("timeline").findValuesAsString("type")).contains("MAIL_UNDELIVERED", "FORWARD_BOUNCED");
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ? AND bounced_at IS NOT NULL",
                "<" + reference + ".forward@sir-gateway.test>")).isEqualTo(1);
        assertThat(api("/api/alerts").toString()).contains(reference);
        // matched, never quarantined, never answered
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", reportId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND state = 'PROCESSED'", reportId))
                .isEqualTo(1);
        assertThat(mail.received(DAEMON)).isEmpty();

        // the operator fixes the address and re-sends it; it goes once more and the notification is forwarded again
        assertThat(post("/api/notifications/" + reference + "/forward", "").statusCode()).isEqualTo(202);
        assertThat(awaitOutboxDone(reference, "FORWARD")).isEqualTo(forwardedCopies + 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("status").asString().equals("FORWARDED"));
    }

    @Test
    void bouncedAcknowledgementShouldAlertAndADelayOnlyBeRecorded() throws Exception {
        String sender = "bounce-ack@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("bounce-ack")));
        String reference = awaitReference(messageId);
        awaitOutboxDone(reference, "ACKNOWLEDGEMENT");
        String ack = "<" + reference + ".ack@sir-gateway.test>";

        String delayId = TestMessages.newMessageId("demo-council.test");
        mail.send("postmaster@demo-council.test", INTAKE,
                TestMessages.deliveryReport("postmaster@demo-council.test", delayId, ack, "delayed", sender));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("timeline").findValuesAsString("type")
                        .contains("DELIVERY_REPORT"));
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ? AND bounced_at IS NOT NULL", ack)).isZero();

        String failedId = TestMessages.newMessageId("demo-council.test");
        mail.send("postmaster@demo-council.test", INTAKE,
                TestMessages.deliveryReport("postmaster@demo-council.test", failedId, ack, "failed", sender));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ? AND bounced_at IS NOT NULL", ack) == 1);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .contains("MAIL_UNDELIVERED");
        assertThat(count("SELECT COUNT(*) FROM operator_alert WHERE kind = 'MAIL_UNDELIVERED' AND notification_id = "
                + "(SELECT id FROM notification WHERE reference = ?)", reference)).isEqualTo(1);
        // the reports came from the council's own domain: still neither quarantined nor answered
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id IN (?, ?)", delayId, failedId)).isZero();
        assertThat(mail.received("postmaster@demo-council.test")).isEmpty();
    }

    @Test
    void reportNamingAnotherRecipientThanTheMailsShouldNotBeTakenAsItsBounce() throws Exception {
        String sender = "bounce-forged@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("forged")));
        String reference = awaitReference(messageId);
        awaitOutboxDone(reference, "ACKNOWLEDGEMENT");
        String ack = "<" + reference + ".ack@sir-gateway.test>";
        String reportId = TestMessages.newMessageId("gov-scot.test");
        mail.send(DAEMON, INTAKE, TestMessages.deliveryReport(DAEMON, reportId, ack, "failed", "someone-else@demo-council.test"));
        assertThat(awaitQuarantine(reportId).get("reason_code")).isEqualTo("UNKNOWN_SENDER");
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ? AND bounced_at IS NOT NULL", ack)).isZero();
    }

    @Test
    void reportNamingNoRecipientShouldNotBeTakenAsABounce() throws Exception {
        // anyone can send a multipart/report: one naming the forward's (predictable) Message-ID by In-Reply-To
        // with no delivery status, nor a Final-Recipient, must not put a forwarded notification back on its clock
        String reference = forwardedNotification("bounce-no-recipient");
        awaitOutboxDone(reference, "FORWARD");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("status").asString().equals("FORWARDED"));
        String forward = "<" + reference + ".forward@sir-gateway.test>";
        String reportId = TestMessages.newMessageId("gov-scot.test");
        String boundary = "forged-report";
        mail.send(DAEMON, INTAKE, ("From: Mail Delivery System <" + DAEMON + ">\r\nTo: notifications@sir-gateway.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: " + reportId + "\r\nIn-Reply-To: " + forward
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\""
                + boundary + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nYour message could not "
                + "be delivered.\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(awaitQuarantine(reportId).get("reason_code")).isEqualTo("UNKNOWN_SENDER");
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ? AND bounced_at IS NOT NULL", forward)).isZero();
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("FORWARDED");
    }

    @Test
    void reportAboutNoMailOfTheGatewayShouldBeQuarantinedUnanswered() {
        String reportId = TestMessages.newMessageId("gov-scot.test");
        mail.send(DAEMON, INTAKE, TestMessages.deliveryReport(DAEMON, reportId, "<never-sent@sir-gateway.test>",
                "failed", "someone@gov-scot.test"));
        Map<String, Object> entry = awaitQuarantine(reportId);
        assertThat(entry.get("reason_code")).isEqualTo("UNKNOWN_SENDER");
        assertThat(awaitReplyDecision(reportId)).startsWith("no reply");
        assertThat(mail.received(DAEMON)).isEmpty();
    }

    /** A signed, complete notification, registered and forwarded; answers its reference. */
    private String forwardedNotification(String marker) throws Exception {
        String sender = "cjsw@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String form = TestMessages.formLines(TestMessages.completeForm(marker));
        mail.send(sender, INTAKE, TestSmime.signedMail(sender, TestSmime.demoCouncil(), form,
                Map.of("Message-ID", messageId)));
        String reference = awaitReference(messageId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("status").asString().equals("FORWARDED"));
        return reference;
    }
}
