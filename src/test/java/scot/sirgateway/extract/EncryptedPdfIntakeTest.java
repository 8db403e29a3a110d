package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;

import tools.jackson.databind.JsonNode;

/**
 * Password-protected PDF forms through the real IMAP route: opened with the council's configured
 * password, or held as PDF_PASSWORD_REQUIRED until an operator supplies the password.
 */
class EncryptedPdfIntakeTest extends GatewayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RC4_40, RC4-40", "RC4_128, RC4-128", "AES_128, AES-128", "AES_256, AES-256"})
    void pdfProtectedWithTheCouncilsPasswordShouldOpen(TestPdfs.Protection protection, String algorithm) {
        String sender = "pdf-" + protection.name().toLowerCase() + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] pdf = TestPdfs.form(TestMessages.completeForm("pdf " + protection), protection, "demo-pdf-password");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, "notification.pdf", pdf));

        JsonNode notification = api("/api/notifications/" + awaitReference(messageId));
        assertThat(notification.get("offender_ref").asString()).isEqualTo("REF-pdf " + protection);
        assertThat(notification.get("fields").get("offender_ref").get("source").asString()).isEqualTo("FORM_FIELD");
        JsonNode layer = notification.get("layers").get(0);
        assertThat(layer.get("kind").asString()).isEqualTo("PDF_ENCRYPTED");
        assertThat(layer.get("algorithm").asString()).isEqualTo(algorithm);
        assertThat(layer.get("key").asString()).contains("configured for Demo Council");
    }

    @Test
    void pdfWithAnUnknownPasswordShouldWaitForTheOperatorAndKeepItsReceiptTime() throws Exception {
        String sender = "pdf-unknown@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] pdf = TestPdfs.form(TestMessages.completeForm("locked"), TestPdfs.Protection.AES_256, "only-the-sender-knows");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, "locked.pdf", pdf));
        String behind = TestMessages.newMessageId("demo-council.test");
        mail.send("pdf-behind@demo-council.test", INTAKE, TestMessages.plainNotification("pdf-behind@demo-council.test",
                behind, TestMessages.completeForm("pdf behind")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(awaitReference(behind)).startsWith("SIR-");
        assertThat(quarantined.get("reason_code")).isEqualTo("PDF_PASSWORD_REQUIRED");
        assertThat(quarantined.get("stage")).isEqualTo("extract");
        long id = ((Number) quarantined.get("id")).longValue();
        OffsetDateTime receivedAt = jdbc.sql("SELECT received_at FROM stored_message WHERE message_id = ?")
                .param(messageId).query(OffsetDateTime.class).single();

        assertThat(post("/api/quarantine/" + id + "/password", "{\"password\":\"wrong guess\"}").statusCode()).isEqualTo(202);
        Map<String, Object> again = awaitQuarantineEntry(messageId, 2);
        assertThat(again.get("reason_code")).isEqualTo("PDF_PASSWORD_REQUIRED");
        long secondId = ((Number) again.get("id")).longValue();
        // the same wrong password again would only quarantine it again
        assertThat(post("/api/quarantine/" + secondId + "/password", "{\"password\":\"wrong guess\"}").statusCode())
                .isEqualTo(409);

        HttpResponse<String> released = post("/api/quarantine/" + secondId + "/password", "{\"password\":\"only-the-sender-knows\"}");
        assertThat(released.statusCode()).isEqualTo(202);
        String reference = awaitReference(messageId);
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(OffsetDateTime.parse(notification.get("received_at").asString())).isEqualTo(receivedAt);
        assertThat(notification.get("offender_ref").asString()).isEqualTo("REF-locked");
        assertThat(notification.get("layers").get(0).get("key").asString()).isEqualTo("the password an operator supplied");
        assertThat(jdbc.sql("SELECT resolved_by FROM quarantine WHERE id = ?").param(secondId).query(String.class).single())
                .isEqualTo("operator");
        // the password is kept encrypted, never in clear
        byte[] stored = jdbc.sql("SELECT pdf_password FROM stored_message WHERE message_id = ?").param(messageId)
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("only-the-sender-knows");
    }

    @Test
    void releasingShouldBeRefusedWhenItCannotWork() {
        assertThat(post("/api/quarantine/999999/reprocess", "").statusCode()).isEqualTo(404);
        String sender = "not-pdf@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Hi", "no form here\r\n", Map.of()));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();
        HttpResponse<String> wrongKind = post("/api/quarantine/" + id + "/password", "{\"password\":\"x\"}");
        assertThat(wrongKind.statusCode()).isEqualTo(409);
        assertThat(json.readTree(wrongKind.body()).get("detail").asString()).contains("NOT_A_NOTIFICATION");

        // nothing it depends on changed: running it again would only quarantine it again
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1);
    }
}
