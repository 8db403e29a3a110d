package scot.sirgateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * A signed and encrypted notification sent again under a new Message-ID (encrypted afresh, so its
 * bytes differ) is a replay: no second reference and no second forward; the delivery is on the first
 * notification's timeline, operators are alerted, and the sender is told the existing reference.
 */
class ReplayTest extends GatewayTest {

    private static final String SENDER = "cjsw@demo-council.test";
    private static final String GOVERNMENT = "sir@gov-scot.test";

    @Test
    void theSameSignedNotificationUnderANewMessageIdShouldNotRegisterAgain() throws Exception {
        String form = TestMessages.formLines(TestMessages.completeForm("replayed"));
        MimeBodyPart content = new MimeBodyPart();
        content.setText(form, "UTF-8");
        MimeBodyPart signed = TestSmime.signDetached(content, TestSmime.demoCouncil());

        String firstId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, signedAndEncrypted(signed, firstId));
        String reference = awaitReference(firstId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> forwardsOf(reference) == 1);

        String againId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, signedAndEncrypted(signed, againId));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc
                .sql("SELECT state FROM stored_message WHERE message_id = ?").param(againId).query(String.class)
                .optional().filter("PROCESSED"::equals).isPresent());

        // nothing new: no notification for the second copy, no quarantine entry either
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", againId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", againId)).isZero();
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("timeline").findValuesAsString("type")).contains("REPLAYED", "REPLAY_REPLY_QUEUED");
        assertThat(api("/api/alerts").findValuesAsString("subject")).anyMatch(s -> s.contains(reference)
                && s.contains("arrived again"));

        // the sender is told the reference it already has, and how to reach the team
        MimeMessage reply = awaitReceived(SENDER, m -> subject(m).contains(reference) && subject(m).contains("already received"));
        assertThat(textOf(reply)).contains(reference).contains("0100 000 0000").doesNotContain("REF-replayed");

        // still one forward to Scottish Government
        assertThat(awaitOutboxDone(reference, "FORWARD")).isEqualTo(1);
        assertThat(forwardsOf(reference)).isEqualTo(1);
    }

    @Test
    void aSignedMessageThatWasQuarantinedShouldNotCountAsSeenWhenSentAgain() throws Exception {
        MimeBodyPart content = new MimeBodyPart();
        content.setText("Dear team, please call me about last week.\r\n", "UTF-8");
        MimeBodyPart signed = TestSmime.signDetached(content, TestSmime.demoCouncil());
        String firstId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, signedAndEncrypted(signed, firstId));
        assertThat(awaitQuarantine(firstId).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");

        // only signatures of registered notifications count: the copy is judged again, not taken as a replay
        String againId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, signedAndEncrypted(signed, againId));
        assertThat(awaitQuarantine(againId).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");
    }

    /** The same signed entity, encrypted afresh to the gateway's certificate, as a whole mail with this Message-ID. */
    private static byte[] signedAndEncrypted(MimeBodyPart signed, String messageId) throws Exception {
        SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                TestSmime.certificate("certs-example/gateway/gateway-rsa.cert.pem")).setProvider(TestSmime.BC));
        MimeBodyPart encrypted = generator.generate(signed,
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(TestSmime.BC).build());
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(TestSmime.mail(SENDER, encrypted)));
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toByteArray();
    }

    private long forwardsOf(String reference) {
        return mail.received(GOVERNMENT).stream().filter(m -> subject(m).contains(reference)).count();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
