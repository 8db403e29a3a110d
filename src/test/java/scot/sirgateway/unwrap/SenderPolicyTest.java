package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import scot.sirgateway.council.SenderPolicy;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * Unsigned mail: quarantined as UNSIGNED_NOT_ALLOWED by default and for a council that requires a
 * signature, registered in TRIAGE (unverified) where ACCEPT_UNVERIFIED is the policy.
 */
class SenderPolicyTest extends GatewayTest {

    @Test
    void defaultPolicyShouldBeQuarantine() {
        SenderPolicyProperties unset = Binder.get(new org.springframework.mock.env.MockEnvironment())
                .bindOrCreate("gateway.sender-policy", SenderPolicyProperties.class);
        assertThat(unset.unsigned()).isEqualTo(SenderPolicy.QUARANTINE);
        SenderPolicyProperties set = new Binder(new MapConfigurationPropertySource(
                Map.of("gateway.sender-policy.unsigned", "ACCEPT_UNVERIFIED")))
                .bindOrCreate("gateway.sender-policy", SenderPolicyProperties.class);
        assertThat(set.unsigned()).isEqualTo(SenderPolicy.ACCEPT_UNVERIFIED);
    }

    @Test
    void unsignedMailShouldBeQuarantinedWhereASignatureIsRequiredAndTheSenderTold() throws Exception {
        String sender = "unsigned@second-council.test";
        String messageId = TestMessages.newMessageId("second-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("unsigned")));
        String behind = TestMessages.newMessageId("demo-council.test");
        mail.send("accepted@demo-council.test", INTAKE, TestMessages.plainNotification("accepted@demo-council.test", behind,
                TestMessages.completeForm("accepted")));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("reason_code")).isEqualTo("UNSIGNED_NOT_ALLOWED");
        assertThat(quarantined.get("stage")).isEqualTo("unwrap");
        assertThat((String) quarantined.get("reason")).contains("Second Demo Council").contains("overridden");

        long id = ((Number) quarantined.get("id")).longValue();
        // the sender policy has not changed: reprocessing would only quarantine it again
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);

        List<MimeMessage> replies = awaitReceived(sender, 1);
        assertThat((String) replies.get(0).getContent()).contains("Please sign it").doesNotContain("REF-unsigned");

        // under ACCEPT_UNVERIFIED (this gateway's setting) the same unsigned mail is registered for triage
        String reference = awaitReference(behind);
        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("status").asString()).isEqualTo("TRIAGE");
        assertThat(notification.get("signature_verified").asBoolean()).isFalse();
    }
}
