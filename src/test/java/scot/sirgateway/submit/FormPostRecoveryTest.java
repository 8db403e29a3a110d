package scot.sirgateway.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * A form post is stored before it runs through the stages, claimed by the request that runs it: the
 * {@code intake-waiting} timer leaves a claimed message alone, and takes one whose claim has run out (the
 * request's gateway stopped in the middle), so the post is still registered, once.
 */
class FormPostRecoveryTest extends GatewayTest {

    @Autowired
    private FormMessages messages;

    @Autowired
    private StoredMessages storedMessages;

    @Test
    void timerShouldLeaveAClaimedPostAloneAndTakeOneWhoseClaimRanOut() {
        Submitter who = new Submitter("token:21", "Demo Council", null);
        long claimed = storedMessages.storeClaimed(post(who, "recovery-claimed"), Submission.FORM,
                OffsetDateTime.now().plusMinutes(10));
        long crashed = storedMessages.storeClaimed(post(who, "recovery-crashed"), Submission.FORM,
                OffsetDateTime.now().minusSeconds(1));

        // the crashed request's message is taken by the timer and registered as a form post
        String reference = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT reference FROM notification WHERE stored_message_id = ?").param(crashed)
                        .query(String.class).optional().orElse(null), r -> r != null);
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("source").asString()).isEqualTo("FORM");
        // complete and from a verified sender: not in triage (and maybe forwarded already)
        assertThat(notification.get("status").asString()).isIn("REGISTERED", "FORWARDED");
        assertThat(notification.get("layers").get(0).get("signer").asString()).isEqualTo("token:21");
        assertThat(notification.get("timeline").toString()).contains("ACKNOWLEDGEMENT_SUPPRESSED");

        // the claimed one waits for its request, through many turns of the timer (every 250 ms in the tests)
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> storedMessages.find(claimed).orElseThrow().state() == StoredMessages.State.RECEIVED);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE stored_message_id = ?", claimed)).isZero();
        // let it go, so it does not wait in the shared database for ever
        storedMessages.markState(claimed, StoredMessages.State.PROCESSED);
    }

    private byte[] post(Submitter who, String marker) {
        Map<String, String> values = new LinkedHashMap<>(TestMessages.completeForm(marker));
        values.put("incident_date", "2026-11-20");
        values.put("notifier_email", "submit-recovery@elsewhere.test");
        return messages.build(who, "the API", "Serious incident notification", values, List.of(), null);
    }
}
