package scot.sirgateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * What became of the reply to a quarantined message is on its entry; the hourly limit is per sender
 * and reason code, so a second, different failure is still explained; every reply says how to reach
 * the team; a reprocess whose cause is unchanged is refused, a transient one never.
 */
class QuarantineRepliesTest extends GatewayTest {

    @Test
    void eachEntryShouldShowWhetherItsSenderWasAnsweredAndADifferentFailureShouldStillBeExplained() throws Exception {
        String sender = "replies@demo-council.test";
        String first = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, first, "Hello", "no form here\r\n", Map.of()));
        awaitQuarantine(first);
        String broken = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, broken));
        awaitQuarantine(broken);
        String again = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, again, "Hello again", "still no form\r\n", Map.of()));
        awaitQuarantine(again);
        String stranger = "someone@not-a-council.test";
        String unknown = TestMessages.newMessageId("not-a-council.test");
        mail.send(stranger, INTAKE, TestMessages.plainNotification(stranger, unknown, TestMessages.completeForm("stranger")));
        awaitQuarantine(unknown);

        var listed = api("/api/quarantine");
        assertThat(replyOf(listed, first)).isEqualTo("reply queued to the sender");
        // a different reason within the hour is still explained
        assertThat(replyOf(listed, broken)).isEqualTo("reply queued to the sender");
        assertThat(replyOf(listed, again)).startsWith("no reply: a reply for NOT_A_NOTIFICATION went to this sender");
        assertThat(replyOf(listed, unknown)).isEqualTo("no reply: UNKNOWN_SENDER gets none");

        assertThat(awaitOutboxDone(sender)).isEqualTo(2);
        List<MimeMessage> replies = mail.received(sender);
        assertThat(replies).hasSize(2);
        for (MimeMessage reply : replies) {
            assertThat(textOf(reply)).contains("Telephone: 0100 000 0000 (Monday to Friday, 9am to 5pm)")
                    .contains("sir-team@sir-gateway.test");
        }
    }

    @Test
    void reprocessShouldBeRefusedWhileItsCauseIsUnchangedButATransientCauseMayAlwaysBeRetried() {
        String sender = "reprocess@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Hi", "no form here\r\n", Map.of()));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();

        var refused = post("/api/quarantine/" + id + "/reprocess", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("detail").asString()).contains("nothing it depends on has changed");
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("OPEN");

        // a transient failure (here made so by hand) may always be tried again
        jdbc.sql("UPDATE quarantine SET reason_code = 'RETRIES_EXHAUSTED' WHERE id = ?").param(id).update();
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(202);
        assertThat(awaitQuarantineEntry(messageId, 2).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");
        // and an entry already released answers 409
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);
    }

    private static String replyOf(tools.jackson.databind.JsonNode listed, String messageId) {
        for (var entry : listed) {
            if (messageId.equals(entry.get("message_id").asString())) {
                return entry.get("reply").asString();
            }
        }
        throw new AssertionError("no quarantine entry listed for " + messageId);
    }

}
