package scot.sirgateway.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * Threading tricks, through IMAP: a reply at the end of a long thread (References naming more mails than the
 * gateway looks up) is still matched by the mail it answers; a mail answering another council's
 * acknowledgement is quarantined, never threaded to that council's notification.
 */
class ThreadingTricksTest extends GatewayTest {

    private static final String DOMAIN = "demo-council.test";
    private String awaitThreadedTo(String messageId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT n.reference FROM threaded_message t JOIN stored_message s "
                        + "ON s.id = t.stored_message_id JOIN notification n ON n.id = t.notification_id "
                        + "WHERE s.message_id = ?").param(messageId).query(String.class).optional().orElse(null), r -> r != null);
    }

    @Test
    void replyAtTheEndOfALongThreadShouldBeMatchedByTheMailItAnswers() {
        String sender = "tt-long@demo-council.test";
        String reference = notify(sender, "tt-long");
        String ack = "<" + reference + ".ack@sir-gateway.test>";
        StringBuilder references = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            references.append(i == 0 ? "" : "\r\n ").append("<thread-").append(i).append(".tt-long@demo-council.test>");
        }
        references.append("\r\n ").append(ack);
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Re: our correspondence", "A note about the "
                + "incident.", Map.of("In-Reply-To", ack, "References", references.toString())));
        assertThat(awaitThreadedTo(messageId)).isEqualTo(reference);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isZero();
    }

    @Test
    void mailAnsweringAnotherCouncilsAcknowledgementShouldBeQuarantined() throws Exception {
        String reference = notify("tt-owner@demo-council.test", "tt-owner");
        String other = "tt-other@second-council.test";
        Instant now = Instant.now();
        TestSmime.Signer signer = TestSmime.issue(other, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                KeyPurposeId.id_kp_emailProtection);
        String messageId = TestMessages.newMessageId("second-council.test");
        mail.send(other, INTAKE, TestSmime.signedMail(other, signer, "Review type: Initial analysis review\r\n"
                + "Reviewer: Someone Else\r\n", Map.of("Message-ID", messageId, "In-Reply-To",
                "<" + reference + ".ack@sir-gateway.test>", "Subject", "Re: our review")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("REFERENCE_OF_OTHER_COUNCIL");
        assertThat((String) quarantined.get("reason")).contains(reference).doesNotContain("Demo Council");
        assertThat(count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ?", reference)).isZero();
    }
}
