package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * A signature by a certificate that had expired, made in the test with Bouncy Castle and taken by the
 * real IMAP route: EXPIRED_CERTIFICATE, the sender told to renew, the message behind processed, and
 * the stored bytes reprocessable.
 */
class ExpiredSignerIntakeTest extends GatewayTest {

    @Test
    void signatureByAnExpiredCertificateShouldBeQuarantinedAndTheNextMessageProcessed() throws Exception {
        String sender = "expired@demo-council.test";
        Instant now = Instant.now();
        TestSmime.Signer expired = TestSmime.issue(sender, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)),
                KeyPurposeId.id_kp_emailProtection);
        MimeBodyPart signed = TestSmime.signDetached(TestSmime.form(), expired);
        MimeMessage message = new MimeMessage(null, new java.io.ByteArrayInputStream(TestSmime.mail(sender, signed)));
        String messageId = TestMessages.newMessageId("demo-council.test");
        message.setHeader("Message-ID", messageId);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);
        mail.send(sender, INTAKE, raw.toByteArray());
        String behind = TestMessages.newMessageId("demo-council.test");
        mail.send("fresh@demo-council.test", INTAKE, TestMessages.plainNotification("fresh@demo-council.test", behind,
                TestMessages.completeForm("fresh")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("EXPIRED_CERTIFICATE");
        assertThat(quarantined.get("stage")).isEqualTo("unwrap");
        assertThat((String) quarantined.get("reason")).contains("not valid at signing time");
        assertThat(awaitReference(behind)).startsWith("SIR-");
        assertThat((String) awaitReceived(sender, 1).get(0).getContent()).contains("expired");
        long id = ((Number) quarantined.get("id")).longValue();
        // nothing the signer check depends on changed: a reprocess would only quarantine it again
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1);
    }
}
