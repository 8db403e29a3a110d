package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * The intake route end to end, through a real SMTP and IMAP server: store, register, acknowledge,
 * list; duplicates; messages already read; poison messages; unknown senders.
 */
class MailIntakeFlowTest extends GatewayTest {

    @Test
    void notificationFromCouncilShouldBeAcknowledgedAndListed() throws Exception {
        String sender = "flow@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("e2e")));

        String reference = awaitReference(messageId);
        assertThat(reference).matches("SIR-2026-\\d{4}");

        MimeMessage ack = awaitReceived(sender, 1).get(0);
        assertThat(ack.getSubject()).contains("[" + reference + "]");
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getMessageID()).isEqualTo("<" + reference + ".ack@sir-gateway.test>");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(messageId);
        // signed by the gateway: OpenSSL verifies it against the gateway's certificate authority
        assertThat(ack.getContentType()).startsWith("multipart/signed");
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("sir-ack", ".eml");
        try (var out = java.nio.file.Files.newOutputStream(saved)) {
            ack.writeTo(out);
        }
        assertThat(new String(scot.sirgateway.support.Openssl.run("cms", "-verify", "-in", saved.toString(),
                "-CAfile", "certs-example/ca/ca.cert.pem"), java.nio.charset.StandardCharsets.UTF_8)).contains(reference);
        java.nio.file.Files.delete(saved);
        String text = textOf(ack);
        assertThat(text).contains(reference).contains("notifier_name").contains("description")
                .contains("All required fields were received")
                .doesNotContain("Notifier e2e").doesNotContain("REF-e2e").doesNotContain("Description e2e");

        JsonNode listed = api("/api/notifications?council=Demo%20Council");
        assertThat(listed.findValuesAsString("reference")).contains(reference);

        JsonNode one = api("/api/notifications/" + reference);
        assertThat(one.get("status").asString()).isEqualTo("TRIAGE");
        assertThat(one.get("signature_verified").asBoolean()).isFalse();
        assertThat(one.get("local_authority").asString()).isEqualTo("Demo Council");
        assertThat(one.get("incident_date").asString()).isEqualTo("2026-11-20");
        assertThat(one.get("incident_category").asInt()).isEqualTo(1);
        assertThat(one.get("mappa").isBoolean()).isTrue();
        assertThat(one.get("description").asString()).isEqualTo("Description e2e of an invented incident.");
        assertThat(one.get("message_id").asString()).isEqualTo(messageId);
        assertThat(one.get("fields").get("local_authority").get("source").asString()).isEqualTo("SENDER");
        assertThat(java.time.OffsetDateTime.parse(one.get("forward_due").asString()))
                .isAfter(java.time.OffsetDateTime.parse(one.get("received_at").asString()));
        assertThat(one.get("review_due").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(one.get("notified_within_5_working_days").isBoolean()).isTrue();
        assertThat(one.get("fields").get("offender_ref").get("confidence").asDouble()).isEqualTo(1.0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> !api("/api/notifications/" + reference).get("acknowledged_at").isNull());
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .containsSubsequence("RECEIVED", "REGISTERED", "ACKNOWLEDGEMENT_QUEUED", "ACKNOWLEDGED");

        // the mailbox copy has gone to the processed folder once its bytes were stored
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> mail.count(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD, "Processed") >= 1);
    }

    @Test
    void missingRequiredFieldsShouldBeNamedInTheAcknowledgementWithoutValues() throws Exception {
        String sender = "partial@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm("partial"));
        form.remove("offender_ref");
        form.remove("incident_date");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));

        String reference = awaitReference(messageId);
        String text = textOf(awaitReceived(sender, 1).get(0));
        // named by the form definition's labels, with their keys
        assertThat(text).contains("Required fields missing")
                .contains("- Your case reference for the offender (offender_ref)")
                .contains("- Date of the incident (incident_date)")
                .contains("- Your full name (notifier_name)")
                .doesNotContain("Notifier partial");
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("TRIAGE");
    }

    @Test
    void sameMailDeliveredTwiceShouldMakeOneNotificationAndOneAcknowledgement() throws Exception {
        String sender = "twice@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] raw = TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("twice"));
        mail.send(sender, INTAKE, raw);
        String reference = awaitReference(messageId);
        mail.send(sender, INTAKE, raw);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT delivery_count FROM stored_message WHERE message_id = ?", messageId) == 2);
        // the second delivery was counted on the stored message, so nothing new will be processed
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ?", messageId)).isEqualTo(1);
        assertThat(awaitOutboxDone(reference, "ACKNOWLEDGEMENT")).isEqualTo(1);
        assertThat(mail.received(sender)).hasSize(1);
        assertThat(mail.received(sender).get(0).getSubject()).contains(reference);
    }

    @Test
    void sameMessageIdWithOtherContentShouldBeQuarantined() {
        String sender = "reused@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("first")));
        awaitReference(messageId);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("second")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("DUPLICATE_MESSAGE_ID");
        assertThat(quarantined.get("stage")).isEqualTo("intake");
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isEqualTo(1);
    }

    @Test
    void messageAlreadyReadByAnOperatorShouldStillBeTaken() {
        String sender = "read@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.appendAsRead(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD,
                TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("read")));

        assertThat(awaitReference(messageId)).startsWith("SIR-");
    }

    @Test
    void malformedMessageShouldBeQuarantinedWhileTheNextOneIsProcessed() throws Exception {
        String sender = "poison@demo-council.test";
        String poisonId = TestMessages.newMessageId("demo-council.test");
        String goodId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, poisonId));
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, goodId, TestMessages.completeForm("good")));

        Map<String, Object> quarantined = awaitQuarantine(poisonId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MALFORMED_MESSAGE");
        assertThat(quarantined.get("stage")).isEqualTo("intake");
        assertThat((String) quarantined.get("reason")).contains("MIME structure");
        assertThat(awaitReference(goodId)).startsWith("SIR-");

        // the stored bytes stay, for reprocessing once fixed
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND raw_blob_id IS NOT NULL "
                + "AND state = 'QUARANTINED'", poisonId)).isEqualTo(1);
        JsonNode listed = api("/api/quarantine");
        assertThat(listed.findValuesAsString("message_id")).contains(poisonId);
        assertThat(listed.findValuesAsString("forward_due")).allMatch(due -> due != null && !due.isBlank());
    }

    @Test
    void mailFromUnknownDomainShouldBeQuarantinedWithoutReply() throws Exception {
        String sender = "someone@unknown-place.example";
        String messageId = TestMessages.newMessageId("unknown-place.example");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("stranger")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("UNKNOWN_SENDER");
        assertThat(quarantined.get("stage")).isEqualTo("unwrap");
        assertThat((String) quarantined.get("reason")).contains("unknown-place.example");
        assertThat(awaitReplyDecision(messageId)).isEqualTo("no reply: UNKNOWN_SENDER gets none");
        assertThat(awaitOutboxDone(sender)).isZero();
        assertThat(mail.received(sender)).isEmpty();
    }

    @Test
    void mailWithoutFormLinesShouldBeQuarantinedAndAnsweredOncePerHour() throws Exception {
        String sender = "chatty@demo-council.test";
        String first = TestMessages.newMessageId("demo-council.test");
        String second = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, first, "Hello", "Just checking in.\r\n", Map.of()));
        mail.send(sender, INTAKE, TestMessages.plain(sender, second, "Hello again", "Still checking.\r\n", Map.of()));

        assertThat(awaitQuarantine(first).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");
        assertThat(awaitQuarantine(second).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");
        awaitReplyDecision(first);
        awaitReplyDecision(second);
        assertThat(awaitOutboxDone(sender)).isEqualTo(1);
        List<MimeMessage> replies = mail.received(sender);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat((String) replies.get(0).getContent()).contains("No serious incident notification was found")
                .doesNotContain("Just checking");
    }

    @Test
    void autoSubmittedMailShouldBeRegisteredButNotAnswered() throws Exception {
        String sender = "robot@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder body = new StringBuilder();
        TestMessages.completeForm("robot").forEach((k, v) -> body.append(k).append(": ").append(v).append("\r\n"));
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Notification", body.toString(),
                Map.of("Auto-Submitted", "auto-generated")));

        String reference = awaitReference(messageId);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .contains("ACKNOWLEDGEMENT_SUPPRESSED");
        assertThat(awaitOutboxDone(sender)).isZero();
        assertThat(mail.received(sender)).isEmpty();
    }

    @Test
    void messageOverTheSizeLimitShouldBeQuarantinedWithItsHeadersAndMovedAside() {
        String sender = "huge@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String padding = "x".repeat(76) + "\r\n";
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Large", padding.repeat(5000), Map.of()));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(quarantined.get("sender")).isEqualTo(sender);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND raw_blob_id IS NULL "
                + "AND headers_blob_id IS NOT NULL", messageId)).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> mail.count(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD, "Quarantine") >= 1);
    }
}
