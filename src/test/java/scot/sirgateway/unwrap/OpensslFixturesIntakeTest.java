package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.Openssl;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * Messages made by OpenSSL's cms and smime commands (src/test/resources/smime, with the keys that
 * made them), delivered through the real SMTP server and taken by the real IMAP route.
 */
class OpensslFixturesIntakeTest extends GatewayTest {

    static byte[] fixture(String name) {
        try (InputStream in = OpensslFixturesIntakeTest.class.getResourceAsStream("/smime/" + name + ".eml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage awaitAcknowledgement(String reference) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> mail.received("cjsw@demo-council.test").stream().filter(m -> subject(m).contains(reference))
                        .findFirst().orElse(null), m -> m != null);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // fixture,                       decrypted, signed, layers
            "enveloped-aes128-rsa,            true,  false, ENCRYPTED",
            "enveloped-aes192-rsa,            true,  false, ENCRYPTED",
            "enveloped-aes256-rsa,            true,  false, ENCRYPTED",
            "enveloped-aes256-rsa-oaep,       true,  false, ENCRYPTED",
            "enveloped-aes256-ecdh-p256,      true,  false, ENCRYPTED",
            "enveloped-aes256-ecdh-p384,      true,  false, ENCRYPTED",
            "authenveloped-aes256-gcm,        true,  false, AUTH_ENCRYPTED",
            "enveloped-to-old-key,            true,  false, ENCRYPTED",
            "signed-opaque,                   false, true,  SIGNED_OPAQUE",
            "signed-detached,                 false, true,  SIGNED_DETACHED",
            "signed-then-encrypted,           true,  true,  ENCRYPTED SIGNED_DETACHED",
            "triple-wrapped,                  true,  true,  SIGNED_DETACHED ENCRYPTED SIGNED_DETACHED",
    })
    void opensslMessageShouldOpenAndBecomeANotification(String name, boolean decrypted, boolean signed, String layers)
            throws Exception {
        mail.send("cjsw@demo-council.test", INTAKE, fixture(name));
        String reference = awaitReference("<" + name + "@demo-council.test>");

        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("decrypted").asBoolean()).isEqualTo(decrypted);
        assertThat(notification.get("signature_verified").asBoolean()).isEqualTo(signed);
        assertThat(notification.get("description").asString()).contains(name);
        assertThat(notification.get("local_authority").asString()).isEqualTo("Demo Council");
        assertThat(notification.get("layers").findValuesAsString("kind")).containsExactly(layers.split(" "));
        MimeMessage ack = awaitAcknowledgement(reference);
        if (signed) {
            assertThat(notification.get("signer").asString()).isEqualTo("cjsw@demo-council.test");
            assertThat(notification.get("status").asString()).isIn("REGISTERED", "FORWARDED");
            // encrypted to the signer's certificate: OpenSSL opens it with the council's key, values inside
            assertThat(ack.getContentType()).startsWith("application/pkcs7-mime");
            assertThat(Openssl.decrypt(ack, "certs-example/councils/demo-council")).contains(reference)
                    .contains("Your case reference for the offender (offender_ref): DEMO-0001");
        } else {
            assertThat(notification.get("status").asString()).isEqualTo("TRIAGE");
            assertThat(ack.getContentType()).startsWith("multipart/signed");
            assertThat(textOf(ack)).contains(reference).doesNotContain("DEMO-0001");
        }
        if (decrypted) {
            assertThat(notification.get("layers").get(layers.startsWith("SIGNED") ? 1 : 0).get("key").asString())
                    .contains(name.contains("old-key") ? "gateway-rsa-old" : name.contains("p384") ? "gateway-ec384"
                            : name.contains("ecdh") ? "gateway-ec" : "gateway-rsa");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "encrypted-to-someone-else, UNDECRYPTABLE,    unwrap",
            "signed-by-other-council,   SENDER_MISMATCH,  unwrap",
            "signed-tampered,           BAD_SIGNATURE,    unwrap",
            "signed-self-signed,        UNTRUSTED_SIGNER, unwrap",
            "four-layers,               MALFORMED_SMIME,  unwrap",
            "malformed-pkcs7,           MALFORMED_SMIME,  unwrap",
    })
    void opensslMessageThatCannotBeTrustedShouldBeQuarantined(String name, String reasonCode, String stage) {
        mail.send("cjsw@demo-council.test", INTAKE, fixture(name));
        String behind = TestMessages.newMessageId("demo-council.test");
        mail.send("behind@demo-council.test", INTAKE, TestMessages.plainNotification("behind@demo-council.test", behind,
                TestMessages.completeForm("behind " + name)));
        Map<String, Object> quarantined = awaitQuarantine("<" + name + "@demo-council.test>");
        assertThat(awaitReference(behind)).startsWith("SIR-");
        assertThat(quarantined.get("reason_code")).isEqualTo(reasonCode);
        assertThat(quarantined.get("stage")).isEqualTo(stage);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND raw_blob_id IS NOT NULL",
                "<" + name + "@demo-council.test>")).isEqualTo(1);
        // the stored bytes are kept for reprocessing once the cause is fixed; with nothing changed it is refused
        long id = ((Number) quarantined.get("id")).longValue();
        assertThat(post("/api/quarantine/" + id + "/reprocess", "").statusCode()).isEqualTo(409);
    }
}
