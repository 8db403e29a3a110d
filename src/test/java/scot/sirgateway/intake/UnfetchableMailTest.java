package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

/**
 * A message the IMAP server cannot hand over (here: a From with CR/LF inside a quoted local part,
 * whose envelope Jakarta Mail cannot read) is quarantined after {@code max-fetch-attempts} with what
 * could be read, moved to the quarantine folder and said once in the log; the mail around it is taken.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnfetchableMailTest extends GatewayTest {

    @Test
    void messageTheServerCannotHandOverShouldBeQuarantinedOnceAndMovedAside(CapturedOutput output) {
        String sender = "unfetchable@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String crlfFrom = "From: \"un\r\n fetchable\"@demo-council.test\r\n"
                + "To: intake@sir-gateway.test\r\nSubject: Notification\r\nMessage-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nnotifier_name: A\r\n";
        mail.send(sender, INTAKE, crlfFrom.getBytes(StandardCharsets.US_ASCII));
        byte[] random = new byte[3000];
        new Random(9).nextBytes(random);
        mail.send(sender, INTAKE, random);
        String goodId = TestMessages.newMessageId("demo-council.test");
        mail.send("after-unfetchable@demo-council.test", INTAKE, TestMessages.plainNotification(
                "after-unfetchable@demo-council.test", goodId, TestMessages.completeForm("after unfetchable")));

        // the mail behind it is not held up
        assertThat(awaitReference(goodId)).startsWith("SIR-");
        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MALFORMED_MESSAGE");
        assertThat(quarantined.get("stage")).isEqualTo("intake");
        assertThat((String) quarantined.get("reason")).contains("could not hand over").contains("3 attempts");
        assertThat(api("/api/quarantine").findValuesAsString("message_id")).contains(messageId);
        assertThat(count("SELECT attempts FROM intake_fetch_failure WHERE quarantine_id = ?",
                quarantined.get("id"))).isEqualTo(3);

        // nothing is left in the inbox: the random bytes were stored, the unfetchable one moved aside
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX") == 0);
        assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "Quarantine")).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1);

        // said once, without a stack trace on each poll
        assertThat(output.getAll().split("could not be fetched in", -1)).hasSize(2);
        assertThat(output.getAll()).doesNotContain("Failed to load IMAP envelope");
    }

    /**
     * A From whose display name encodes CR/LF and a Bcc: the server cannot hand it over, and its From
     * cannot be written to. It is quarantined once, with no reply, and the mail behind it is taken; the
     * attacker's text never reaches the log.
     */
    @Test
    void fromWithEncodedHeaderInjectionShouldNotHoldUpTheMailBehindIt(CapturedOutput output) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        String injected = "From: =?UTF-8?Q?Evil=0D=0ABcc:_x@injected-bcc.test=0D=0A?= <cjsw@demo-council.test>\r\n"
                + "To: intake@sir-gateway.test\r\nSubject: crlf from\r\nMessage-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nlocal_authority: Demo Council\r\n"
                + "notifier_name: A\r\n";
        mail.send("cjsw@demo-council.test", INTAKE, injected.getBytes(StandardCharsets.US_ASCII));
        String goodId = TestMessages.newMessageId("demo-council.test");
        mail.send("after-injected@demo-council.test", INTAKE, TestMessages.plainNotification(
                "after-injected@demo-council.test", goodId, TestMessages.completeForm("after injected")));

        assertThat(awaitReference(goodId)).startsWith("SIR-");
        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE quarantine_id = ?", quarantined.get("id"))).isZero();
        assertThat(output.getAll()).doesNotContain("injected-bcc.test").doesNotContain("cannot compose");
    }
}
