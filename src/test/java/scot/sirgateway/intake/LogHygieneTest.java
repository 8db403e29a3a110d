package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/** No form value, body text or subject reaches the logs, on the good path or the bad ones. */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends GatewayTest {

    @Test
    void logsShouldCarryNoFormValueOrMessageText(CapturedOutput output) throws Exception {
        String marker = "Lq" + Long.toString(System.nanoTime(), 36);
        String sender = "logs@demo-council.test";
        String goodId = TestMessages.newMessageId("demo-council.test");
        String emptyId = TestMessages.newMessageId("demo-council.test");
        String brokenId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm(marker));
        form.put("incident_date", "not a date " + marker);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, goodId, form));
        mail.send(sender, INTAKE, TestMessages.plain(sender, emptyId, "Subject " + marker, "Body " + marker + "\r\n", Map.of()));
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, brokenId));

        String reference = awaitReference(goodId);
        awaitQuarantine(emptyId);
        awaitQuarantine(brokenId);
        awaitReceived(sender, 2); // the acknowledgement and one reply

        assertThat(output.getAll()).contains("registered as " + reference).contains("quarantined at stage");
        assertThat(output.getAll()).doesNotContain(marker);
    }
}
