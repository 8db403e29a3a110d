package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The limits on a message's shape through the real IMAP route: too many MIME parts, nesting too deep,
 * a header block too long ({@code MESSAGE_LIMIT_EXCEEDED}, the limit named); and a multipart without
 * a boundary parameter ({@code MALFORMED_MESSAGE}, as one whose boundary never comes).
 */
class MessageLimitsIntakeTest extends GatewayTest {

    private static final String SENDER = "limits@demo-council.test";

    private static String head(String messageId, String contentType) {
        return "From: " + SENDER + "\r\nTo: " + INTAKE + "\r\nSubject: Notification\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n";
    }

    private static String formLines(String marker) {
        return TestMessages.formLines(TestMessages.completeForm(marker));
    }

    private void assertLimitExceeded(String messageId, String property) {
        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MESSAGE_LIMIT_EXCEEDED");
        assertThat(quarantined.get("stage")).isEqualTo("intake");
        assertThat((String) quarantined.get("reason")).contains(property);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isZero();
    }

    @Test
    void messageWithSixtyAttachmentsShouldBeOverTheLimit() {
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder mail = new StringBuilder(head(messageId, "multipart/mixed; boundary=\"sixty\"")).append("\r\n");
        mail.append("--sixty\r\nContent-Type: text/plain\r\n\r\n").append(formLines("sixty"));
        for (int i = 1; i <= 60; i++) {
            mail.append("--sixty\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"note")
                    .append(i).append(".txt\"\r\n\r\nnote ").append(i).append("\r\n");
        }
        mail.append("--sixty--\r\n");
        this.mail.send(SENDER, INTAKE, mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertLimitExceeded(messageId, "gateway.mail.intake.max-mime-parts");
    }

    @Test
    void partsNestedDeeperThanTheLimitShouldBeOverTheLimit() {
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder mail = new StringBuilder(head(messageId, "multipart/mixed; boundary=\"n0\"")).append("\r\n");
        for (int level = 1; level <= 25; level++) {
            mail.append("--n").append(level - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"n")
                    .append(level).append("\"\r\n\r\n");
        }
        mail.append("--n25\r\nContent-Type: text/plain\r\n\r\n").append(formLines("deep"));
        for (int level = 25; level >= 0; level--) {
            mail.append("--n").append(level).append("--\r\n");
        }
        this.mail.send(SENDER, INTAKE, mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertLimitExceeded(messageId, "gateway.mail.intake.max-mime-depth");
    }

    @Test
    void headerBlockOverTheLimitShouldBeOverTheLimit() {
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder mail = new StringBuilder(head(messageId, "text/plain"));
        String line = "X-Padding: " + "p".repeat(64) + "\r\n";
        while (mail.length() < 270_000) {
            mail.append(line);
        }
        mail.append("\r\n").append(formLines("long headers"));
        this.mail.send(SENDER, INTAKE, mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertLimitExceeded(messageId, "gateway.mail.intake.max-header-bytes");
    }

    @Test
    void multipartWithoutBoundaryParameterShouldBeMalformedWhileTheNextIsRegistered() {
        String messageId = TestMessages.newMessageId("demo-council.test");
        String mail = head(messageId, "multipart/mixed") + "\r\n--guessed\r\nContent-Type: text/plain\r\n\r\n"
                + formLines("no boundary") + "--guessed--\r\n";
        this.mail.send(SENDER, INTAKE, mail.getBytes(StandardCharsets.US_ASCII));
        String next = TestMessages.newMessageId("demo-council.test");
        this.mail.send("next-limits@demo-council.test", INTAKE, TestMessages.plainNotification(
                "next-limits@demo-council.test", next, TestMessages.completeForm("after no boundary")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MALFORMED_MESSAGE");
        assertThat(quarantined.get("stage")).isEqualTo("intake");
        assertThat((String) quarantined.get("reason")).contains("boundary");
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isZero();
        assertThat(awaitReference(next)).startsWith("SIR-");
    }
}
