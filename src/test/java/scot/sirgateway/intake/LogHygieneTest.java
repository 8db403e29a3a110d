package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/** No form value, body text or subject reaches the logs, on the good path or the bad ones. */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends GatewayTest {

    @Test
    void logsShouldCarryNoFormValueOrMessageText(CapturedOutput output) throws Exception {
        String marker = "Lq" + Long.toString(System.nanoTime(), 36);
        String sender = "logs@demo-council.test";
        String goodId = TestMessages.newMessageId("demo-council.test");
        String emptyId = TestMessages.newMessageId("demo-council.test");
        String brokenId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm(marker));
        form.put("incident_date", "not a date " + marker);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, goodId, form));
        mail.send(sender, INTAKE, TestMessages.plain(sender, emptyId, "Subject " + marker, "Body " + marker + "\r\n", Map.of()));
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, brokenId));

        String reference = awaitReference(goodId);
        awaitQuarantine(emptyId);
        awaitQuarantine(brokenId);
        awaitReceived(sender, 2); // the acknowledgement and one reply

        assertThat(output.getAll()).contains("registered as " + reference).contains("quarantined at stage");
        assertThat(output.getAll()).doesNotContain(marker);
    }

    /**
     * The council channel: a person's sign-in (password, mailed code, address), a council API token, a form
     * posted through the API and one refused as invalid leave none of their secrets or values in the logs.
     */
    @Test
    void logsShouldCarryNoSecretOrValueOfTheCouncilChannel(CapturedOutput output) throws Exception {
        String marker = "Lc" + Long.toString(System.nanoTime(), 36);
        String username = "logs-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@demo-council.test";
        String password = "password-" + marker;
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"COUNCIL\",\"council\":\"Demo Council\",\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Browser browser = new Browser(port);
        int before = Browser.codeMails(mail, email).size();
        browser.password(username, password);
        String code = Browser.awaitCode(mail, email, before);
        assertThat(browser.code(code).headers().firstValue("Location").orElse("")).endsWith("/council");

        String token = json.readTree(post("/api/admin/councils/Demo%20Council/tokens", "{\"name\":\"logs\"}").body())
                .get("token").asString();
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("local_authority");
        HttpResponse<String> posted = postAsCouncil(token, json.writeValueAsString(form));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        form.put("notifier_email", "not an address " + marker);
        assertThat(postAsCouncil(token, json.writeValueAsString(form)).statusCode()).isEqualTo(422);

        // the gateway's lines (the test mail server in this JVM logs the mailboxes it makes)
        String logs = output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(logs).contains(username); // the account is named, by its username only
        assertThat(logs).doesNotContain(marker).doesNotContain(code).doesNotContain(token)
                .doesNotContain(token.substring("sirt_".length())).doesNotContain(password).doesNotContain(email);
    }

    private HttpResponse<String> postAsCouncil(String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
