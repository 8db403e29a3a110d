package scot.sirgateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.Openssl;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * The forward to Scottish Government through a real SMTP server, opened with the OpenSSL command line:
 * decrypted with the government's test key, its signature verified against the gateway's certificate.
 */
class ForwardToGovernmentTest extends GatewayTest {

    private static final String GOVERNMENT = "sir@gov-scot.test";

    @Test
    void registeredNotificationShouldBeForwardedSignedAndEncrypted() throws Exception {
        String sender = "cjsw@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String form = TestMessages.formLines(TestMessages.completeForm("forward"));
        MimeBodyPart content = new MimeBodyPart();
        content.setText(form, "UTF-8");
        byte[] signed = TestSmime.mail(sender, TestSmime.signDetached(content, TestSmime.demoCouncil()));
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(signed));
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        mail.send(sender, INTAKE, raw.toByteArray());

        String reference = awaitReference(messageId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api("/api/notifications/" + reference).get("status").asString().equals("FORWARDED"));
        assertThat(api("/api/notifications/" + reference).get("forwarded_at").isNull()).isFalse();
        MimeMessage forward = awaitForward(reference);
        assertThat(forward.getContentType()).startsWith("application/pkcs7-mime");
        assertThat(forward.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(forward.getMessageID()).isEqualTo("<" + reference + ".forward@sir-gateway.test>");

        String decrypted = Openssl.decrypt(forward, "certs-example/government/scottish-government");
        Path signedEntity = Files.createTempFile("sir-forward", ".eml");
        try {
            Files.writeString(signedEntity, decrypted, StandardCharsets.UTF_8);
            Path signerOut = Files.createTempFile("sir-forward-signer", ".pem");
            String verified = new String(Openssl.run("cms", "-verify", "-in", signedEntity.toString(),
                    "-CAfile", "certs-example/ca/ca.cert.pem", "-signer", signerOut.toString()), StandardCharsets.UTF_8);
            // the signer is the gateway's own certificate
            assertThat(Files.readString(signerOut).replaceAll("\\s", ""))
                    .isEqualTo(Files.readString(Path.of("certs-example/gateway/gateway-rsa.cert.pem")).replaceAll("\\s", ""));
            Files.delete(signerOut);
            assertThat(verified).contains(reference).contains("offender_ref: REF-forward").contains("Demo Council");
            // dates as a person writes them, UK time
            assertThat(verified).containsPattern("(?m)^Received: +\\d{1,2} (January|February|March|April|May|June|July|"
                    + "August|September|October|November|December) \\d{4} \\d{2}:\\d{2}\\s*$");
            assertThat(verified).contains("incident_date: 20 November 2026").contains("aware_date: 23 November 2026");
            // the council's original content goes along: here its form lines, as the council wrote them
            // (the summary indents its values; the original's lines start at the margin)
            assertThat(verified).containsPattern("(?m)^description: Description forward of an invented incident\\.");
        } finally {
            Files.deleteIfExists(signedEntity);
        }
    }

    @Test
    void unverifiedNotificationShouldWaitForReleaseThenBeForwardedOnce() throws Exception {
        String sender = "unverified-forward@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("triage")));
        String reference = awaitReference(messageId);
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("TRIAGE");
        // a forward would have been queued with the registration
        assertThat(awaitOutboxDone(reference, "FORWARD")).isZero();
        assertThat(forwardsOf(reference)).isZero();
        assertThat(post("/api/notifications/" + reference + "/forward", "").statusCode()).isEqualTo(409);

        assertThat(post("/api/notifications/" + reference + "/release", "{}").statusCode()).isEqualTo(200);
        awaitForward(reference);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api("/api/notifications/" + reference).get("status").asString().equals("FORWARDED"));
        assertThat(awaitOutboxDone(reference, "FORWARD")).isEqualTo(1);
        assertThat(forwardsOf(reference)).isEqualTo(1);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .containsSubsequence("RELEASED", "FORWARD_QUEUED", "FORWARDED");

        // a deliberate re-send by an operator goes as a new copy and is recorded as such
        assertThat(post("/api/notifications/" + reference + "/forward", "").statusCode()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> forwardsOf(reference) == 2);
        var resent = api("/api/notifications/" + reference).get("timeline");
        assertThat(resent.findValuesAsString("type")).contains("FORWARD_RESENT");
        for (var event : resent) {
            if (event.get("type").asString().equals("FORWARD_RESENT")) {
                assertThat(event.get("actor").asString()).isEqualTo("operator");
            }
        }
    }

    private MimeMessage awaitForward(String reference) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mail.received(GOVERNMENT).stream()
                .filter(m -> subject(m).contains(reference)).findFirst().orElse(null), m -> m != null);
    }

    private long forwardsOf(String reference) {
        return mail.received(GOVERNMENT).stream().filter(m -> subject(m).contains(reference)).count();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
