package scot.sirgateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * Values longer than the form takes, through the real IMAP route and the release API: they go to
 * triage with a reason that names the field and its length, never to a database error, and a release
 * is refused with 400. The log of the whole hostile run carries none of the planted values.
 */
@ExtendWith(OutputCaptureExtension.class)
class LongValuesIntakeTest extends GatewayTest {

    @Test
    void longValuesShouldGoToTriageAndNoPlantedValueShouldReachTheLog(CapturedOutput output) throws Exception {
        String marker = "Lv" + Long.toString(System.nanoTime(), 36);
        String sender = "long-values@demo-council.test";
        String longRole = ("Role " + marker + " ").repeat(40).substring(0, 257);
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.put("signoff_role", longRole);
        String longId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, longId, form));
        // more hostile input in the same run: an unreadable attachment with the marker in its name,
        // a letter with no form in it, and a broken multipart
        String badPdfId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, badPdf(sender, badPdfId, "Offender " + marker + " DOB 1980-01-01.pdf"));
        String emptyId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, emptyId, "Subject " + marker, "Hello " + marker + "\r\n", Map.of()));
        String brokenId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, brokenId));

        String reference = awaitReference(longId);
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("status").asString()).isEqualTo("TRIAGE");
        assertThat(notification.get("signoff_role").isNull()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", longId)).isZero();
        assertThat(notification.get("timeline").findValuesAsString("detail"))
                .anyMatch(detail -> detail.contains("signoff_role is 257 characters long, more than the 200"))
                .noneMatch(detail -> detail.contains(marker));
        awaitQuarantine(badPdfId);
        awaitQuarantine(emptyId);
        awaitQuarantine(brokenId);

        String tooLong = "Head of " + marker + " ".repeat(300) + "x";
        HttpResponse<String> refused = post("/api/notifications/" + reference + "/release",
                json.writeValueAsString(Map.of("signoff_role", tooLong)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("detail").asString())
                .contains("signoff_role").contains(String.valueOf(tooLong.length())).contains("200")
                .doesNotContain(marker);
        HttpResponse<String> released = post("/api/notifications/" + reference + "/release",
                json.writeValueAsString(Map.of("signoff_role", "Service Manager")));
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(api("/api/notifications/" + reference).get("signoff_role").asString()).isEqualTo("Service Manager");

        assertThat(output.getAll()).contains("registered as " + reference).contains("quarantined at stage");
        for (String planted : List.of(marker, longRole, "1980-01-01")) {
            assertThat(output.getAll()).as("the log").doesNotContain(planted);
        }
    }

    private static byte[] badPdf(String from, String messageId, String fileName) {
        String mail = "From: " + from + "\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlease see the attached form.\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + "not a PDF at all\r\n"
                + "--b1--\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
