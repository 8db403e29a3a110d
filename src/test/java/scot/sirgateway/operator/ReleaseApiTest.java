package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/** An operator confirms a notification in triage: each correction recorded with who, when, the old and the new value, sealed at rest. */
class ReleaseApiTest extends GatewayTest {

    @Autowired
    OperatorAccounts accounts;

    @Test
    void operatorShouldCorrectAndReleaseATriageNotification() throws Exception {
        String sender = "release@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm("release"));
        form.remove("offender_ref");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));
        String reference = awaitReference(messageId);
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("TRIAGE");

        HttpResponse<String> stillMissing = post("/api/notifications/" + reference + "/release", "{}");
        assertThat(stillMissing.statusCode()).isEqualTo(409);
        assertThat(json.readTree(stillMissing.body()).get("detail").asString()).contains("offender_ref");

        HttpResponse<String> unknownField = post("/api/notifications/" + reference + "/release", "{\"shoe_size\":\"9\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownField.body()).get("detail").asString()).contains("shoe_size");

        accounts.create("inspector-" + reference, "inspector-password", Role.INSPECTOR);
        HttpResponse<String> inspector = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications/" + reference + "/release"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("inspector-" + reference + ":inspector-password").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"offender_ref\":\"X\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inspector.statusCode()).isEqualTo(403);

        HttpResponse<String> released = post("/api/notifications/" + reference + "/release",
                "{\"offender_ref\":\"OPR-77\",\"incident_type\":\"Culpable homicide\",\"mappa\":true}");
        assertThat(released.statusCode()).isEqualTo(200);
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("status").asString()).isIn("REGISTERED", "FORWARDED");
        assertThat(notification.get("offender_ref").asString()).isEqualTo("OPR-77");
        assertThat(notification.get("incident_type").asString()).isEqualTo("MURDER_PERPETRATOR");
        assertThat(notification.get("group").asString()).isEqualTo("NON_SEXUAL");
        assertThat(notification.get("fields").get("offender_ref").get("source").asString()).isEqualTo("OPERATOR");
        JsonNode timeline = notification.get("timeline");
        assertThat(timeline.findValuesAsString("type")).contains("CORRECTED", "RELEASED", "FORWARD_QUEUED");
        for (JsonNode event : timeline) {
            if (event.get("type").asString().equals("RELEASED") || event.get("type").asString().equals("CORRECTED")) {
                assertThat(event.get("actor").asString()).isEqualTo("operator");
            }
        }
        // each correction with its old and new value, typed text in quotes
        assertThat(timeline.findValuesAsString("detail")).contains(
                "incident_type corrected: SERIOUS_ASSAULT -> MURDER_PERPETRATOR", "offender_ref corrected: none -> \"OPR-77\"");
        // sealed at rest: the typed value is not in the table in clear
        assertThat(jdbc.sql("SELECT e.detail FROM notification_event e JOIN notification n ON n.id = e.notification_id "
                        + "WHERE n.reference = ? AND e.type = 'CORRECTED'").param(reference).query(byte[].class).list())
                .isNotEmpty().allSatisfy(sealed -> assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("OPR-77"));
        assertThat(post("/api/notifications/" + reference + "/release", "{}").statusCode()).isEqualTo(409);
    }
}
