package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.Openssl;

import tools.jackson.databind.JsonNode;

/**
 * A message signed and encrypted by the openssl command while the test runs (so it holds a marker no
 * stored fixture has), delivered through the real SMTP server and taken by the real IMAP route.
 */
class OpensslAtTestTimeIntakeTest extends GatewayTest {

    private static final Path CERTS = Path.of("certs-example").toAbsolutePath();
    private static final String FROM = "cjsw@demo-council.test";

    @TempDir
    Path work;

    @Test
    void signedThenEncryptedByOpensslShouldBeRegisteredWithItsMarker() throws Exception {
        String marker = "openssl-at-test-time-" + UUID.randomUUID();
        String messageId = "<" + marker + "@demo-council.test>";
        Path form = work.resolve("form.txt");
        Files.writeString(form, crlf("Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 7bit", "",
                "local_authority: Demo Council", "notifier_name: Alex Demo", "notifier_email: " + FROM,
                "signoff_name: Sam Example", "signoff_role: Service Manager", "incident_date: 20/11/2026",
                "incident_category: 1", "incident_type: SERIOUS_ASSAULT", "offender_ref: DEMO-0001",
                "order_type: CPO", "mappa: no", "description: Marker " + marker + ", an invented incident."),
                StandardCharsets.US_ASCII);

        Path signed = openssl(form, "signed.txt", "cms", "-sign", "-binary", "-crlfeol", "-md", "sha256",
                "-signer", CERTS.resolve("councils/demo-council.cert.pem").toString(),
                "-inkey", CERTS.resolve("councils/demo-council.key.pem").toString());
        Path encrypted = openssl(signed, "encrypted.txt", "cms", "-encrypt", "-binary", "-crlfeol", "-aes-256-cbc",
                "-recip", CERTS.resolve("gateway/gateway-rsa.cert.pem").toString());

        byte[] message = (crlf("From: Demo Council CJSW <" + FROM + ">", "To: notifications@sir-gateway.test",
                "Subject: Serious incident notification", "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)),
                "Message-ID: " + messageId, "MIME-Version: 1.0")
                + Files.readString(encrypted, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n\r\n", 2)[0]).containsOnlyOnce("MIME-Version:").contains("smime-type=enveloped-data");
        assertThat(text).doesNotContain("description:").doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");

        mail.send(FROM, INTAKE, message);
        String reference = awaitReference(messageId);

        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("decrypted").asBoolean()).isTrue();
        assertThat(notification.get("signature_verified").asBoolean()).isTrue();
        assertThat(notification.get("status").asString()).isIn("REGISTERED", "FORWARDED");
        assertThat(notification.get("description").asString()).contains(marker);
        assertThat(notification.get("signer").asString()).isEqualTo(FROM);
        assertThat(notification.get("local_authority").asString()).isEqualTo("Demo Council");
        assertThat(notification.get("layers").findValuesAsString("kind")).containsExactly("ENCRYPTED", "SIGNED_DETACHED");
        assertThat(notification.get("layers").get(0).get("key").asString()).contains("gateway-rsa");
    }

    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /**
     * Runs openssl on a file, then makes what it wrote a CRLF entity without MIME-Version: OpenSSL 3.0
     * ends its base64 lines in a bare LF even with -crlfeol, and starts every entity with MIME-Version.
     */
    private Path openssl(Path in, String out, String... arguments) throws IOException {
        Path output = work.resolve(out);
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("-in", in.toString(), "-out", output.toString()));
        Openssl.run(command.toArray(String[]::new));

        String entity = Files.readString(output, StandardCharsets.US_ASCII).replaceAll("\r?\n", "\r\n");
        String[] headersAndBody = entity.split("\r\n\r\n", 2);
        List<String> headers = new ArrayList<>(List.of(headersAndBody[0].split("\r\n")));
        headers.removeIf(line -> line.regionMatches(true, 0, "MIME-Version:", 0, 13));
        Files.writeString(output, String.join("\r\n", headers) + "\r\n\r\n" + headersAndBody[1],
                StandardCharsets.US_ASCII);
        return output;
    }
}
