package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * 30,000 levels of multipart nesting inside an encryption layer, through the real IMAP route, in the
 * hostile-documents JVM with its small heap: quarantined as {@code MESSAGE_LIMIT_EXCEEDED} within
 * seconds (the limits hold on the decrypted layer, which is read without a copy per level), and the
 * next message is registered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EncryptedNestingIntakeTest extends GatewayClient {

    static final String INTAKE = "nesting-intake@sir-gateway.test";

    @DynamicPropertySource
    static void nesting(DynamicPropertyRegistry registry) {
        TestMailServer.shared().register(registry, INTAKE);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sir-nesting;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("gateway.mail.intake.max-message-bytes", () -> "10000000");
        // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
        registry.add("gateway.government.recipients[0]", () -> "nesting-sir@gov-scot.test");
        registry.add("gateway.alerts.recipients[0]", () -> "nesting-alerts@sir-gateway.test");
    }

    /** A MIME entity of {@code levels} multiparts, each the only part of the one above it. */
    private static byte[] nested(int levels) {
        StringBuilder entity = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            entity.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b")
                    .append(level).append("\r\n");
        }
        entity.append("Content-Type: text/plain\r\n\r\n").append(TestSmime.FORM_LINE).append("\r\n");
        for (int level = levels - 1; level >= 0; level--) {
            entity.append("--b").append(level).append("--\r\n");
        }
        return entity.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] encryptedToTheGateway(String from, String messageId, byte[] entity) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                TestSmime.certificate("certs-example/gateway/gateway-rsa.cert.pem")).setProvider(TestSmime.BC));
        byte[] der = generator.generate(new CMSProcessableByteArray(entity),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(TestSmime.BC).build()).getEncoded();
        String head = "From: " + from + "\r\nTo: " + INTAKE + "\r\nSubject: Notification\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data;"
                + " name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\n\r\n";
        return (head + Base64.getMimeEncoder().encodeToString(der) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void thirtyThousandLevelsInsideEncryptionShouldBeOverTheLimitWithinSeconds() throws Exception {
        String sender = "nesting@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] entity = nested(30_000);
        assertThat(entity.length).isGreaterThan(1_500_000);
        mail.send(sender, INTAKE, encryptedToTheGateway(sender, messageId, entity));
        String next = TestMessages.newMessageId("demo-council.test");
        mail.send("next-" + sender, INTAKE, TestMessages.plainNotification("next-" + sender, next,
                TestMessages.completeForm("after nesting")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("MESSAGE_LIMIT_EXCEEDED");
        assertThat(quarantined.get("stage")).isEqualTo("unwrap");
        assertThat((String) quarantined.get("reason")).contains("gateway.mail.intake.max-mime-depth");
        // within seconds of its intake, not after a fight with the heap
        long seconds = jdbc.sql("SELECT DATEDIFF('SECOND', s.received_at, q.created_at) FROM quarantine q "
                + "JOIN stored_message s ON s.id = q.stored_message_id WHERE q.message_id = ?")
                .param(messageId).query(Long.class).single();
        assertThat(seconds).isLessThan(10);
        assertThat(awaitReference(next)).startsWith("SIR-");
    }
}
