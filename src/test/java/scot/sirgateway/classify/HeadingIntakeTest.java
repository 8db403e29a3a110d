package scot.sirgateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

import tools.jackson.databind.JsonNode;

/**
 * Signed notifications with a heading above the form, through the real IMAP route: an explicit
 * notifier_name wins over the heading; a notifier_name read from the heading alone is a guess that
 * keeps the notification in triage instead of being forwarded. The date of birth reads as a date.
 */
class HeadingIntakeTest extends GatewayTest {

    private static final String SENDER = "cjsw@demo-council.test";
    private static final String HEADING = "Serious incident notification - Demo Council CJSW\r\n\r\n";

    @Test
    void explicitNotifierShouldWinOverTheHeadingAndAHeadingAloneShouldOnlyGuess() throws Exception {
        Map<String, String> form = TestMessages.completeForm("heading");
        StringBuilder withNotifier = new StringBuilder(HEADING);
        StringBuilder withoutNotifier = new StringBuilder(HEADING);
        form.forEach((key, value) -> {
            withNotifier.append(key).append(": ").append(value).append("\r\n");
            if (!key.equals("notifier_name")) {
                withoutNotifier.append(key).append(": ").append(value).append("\r\n");
            }
        });
        withNotifier.append("offender_dob: 01/02/1990\r\n");
        String explicitId = TestMessages.newMessageId("demo-council.test");
        String headingOnlyId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, signed(withNotifier.toString(), explicitId));
        mail.send(SENDER, INTAKE, signed(withoutNotifier.toString(), headingOnlyId));

        JsonNode explicit = api("/api/notifications/" + awaitReference(explicitId));
        assertThat(explicit.get("signature_verified").asBoolean()).isTrue();
        assertThat(explicit.get("notifier_name").asString()).isEqualTo("Notifier heading");
        assertThat(explicit.get("fields").get("notifier_name").get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(explicit.get("offender_dob").asString()).isEqualTo("1990-02-01");
        assertThat(explicit.get("status").asString()).isIn("REGISTERED", "FORWARDED");

        JsonNode headingOnly = api("/api/notifications/" + awaitReference(headingOnlyId));
        assertThat(headingOnly.get("signature_verified").asBoolean()).isTrue();
        assertThat(headingOnly.get("fields").get("notifier_name").get("confidence").asDouble())
                .isLessThan(NotificationClassifier.SURE);
        assertThat(headingOnly.get("status").asString()).isEqualTo("TRIAGE");
        // the timeline names the reason in the words it always had
        assertThat(headingOnly.get("timeline").valueStream().filter(e -> e.get("type").asString().equals("REGISTERED"))
                .map(e -> e.get("detail").asString()))
                .singleElement().asString().startsWith("in triage: ")
                .contains("notifier_name is uncertain (read from description)");
        assertThat(count("SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                + "WHERE n.message_id = ? AND o.purpose = 'FORWARD'", headingOnlyId)).isZero();
    }

    private static byte[] signed(String body, String messageId) throws Exception {
        MimeBodyPart content = new MimeBodyPart();
        content.setText(body, "UTF-8");
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(
                TestSmime.mail(SENDER, TestSmime.signDetached(content, TestSmime.demoCouncil()))));
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toByteArray();
    }
}
