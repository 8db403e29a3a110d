package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;

import tools.jackson.databind.JsonNode;

/** Who may call the API, and how it answers what it cannot do: problem+json with an actionable reason. */
class ApiTest extends GatewayTest {

    @Test
    void apiShouldRefuseCallsWithoutCredentialsAsProblemJson() {
        HttpResponse<String> response = get("/api/notifications", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("Sign in");
    }

    @Test
    void apiShouldRefuseAWrongPassword() {
        assertThat(get("/api/quarantine", "operator", "not-the-password").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownReferenceShouldBeNotFoundWithAReason() {
        HttpResponse<String> response = get("/api/notifications/SIR-2026-9999", "operator", "operator-test-password");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asString()).contains("SIR-2026-9999");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at scot.");
    }

    @Test
    void badFiltersShouldBeRefusedWithAReason() {
        HttpResponse<String> badDate = get("/api/notifications?from=27/11/2026", "operator", "operator-test-password");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badDate.body()).get("detail").asString()).contains("yyyy-mm-dd");

        HttpResponse<String> badCouncil = get("/api/notifications?council=Atlantis", "operator", "operator-test-password");
        assertThat(badCouncil.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badCouncil.body()).get("detail").asString()).contains("Atlantis");
    }

    @Test
    void councilFilterShouldAcceptAnySpellingOfTheCouncil() {
        assertThat(api("/api/notifications?council=Dumfries%20%26%20Galloway%20Council").isArray()).isTrue();
        assertThat(api("/api/notifications?status=TRIAGE&from=2026-01-01&to=2026-12-31").isArray()).isTrue();
    }

    @Test
    void healthShouldNameEachDependencyWithoutDetailsForAnonymousCallers() {
        HttpResponse<String> response = get("/actuator/health", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        for (String component : new String[] {"db", "imap", "smtp"}) {
            assertThat(health.get("components").get(component).get("status").asString()).as(component).isEqualTo("UP");
        }
        assertThat(response.body()).doesNotContain("127.0.0.1");
    }

    @Test
    void consoleShouldListNotificationsAndQuarantineWithEscapedValues() {
        String sender = "console@demo-council.test";
        String messageId = scot.sirgateway.support.TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, scot.sirgateway.support.TestMessages.plainNotification(sender, messageId,
                scot.sirgateway.support.TestMessages.completeForm("console")));
        String reference = awaitReference(messageId);
        String hostile = "<script>alert(1)</script>";
        String hostileId = scot.sirgateway.support.TestMessages.newMessageId("demo-council.test");
        mail.send("x@unknown.example", INTAKE, scot.sirgateway.support.TestMessages.plain(
                "\"" + hostile + "\" <x@unknown.example>", hostileId, hostile, "nothing\r\n", java.util.Map.of()));
        awaitQuarantine(hostileId);

        // the console is a person's, signed in with the code mailed to them; a service account has none
        assertThat(get("/", "operator", "operator-test-password").statusCode()).isEqualTo(403);
        assertThat(post("/api/admin/accounts", "{\"username\":\"api-console\",\"role\":\"OPERATOR\","
                + "\"email\":\"api-console@inspectorate.test\",\"password\":\"api-console-password\"}")
                .statusCode()).isEqualTo(201);
        scot.sirgateway.support.Browser browser = new scot.sirgateway.support.Browser(port);
        browser.signIn(mail, "api-console", "api-console-password", "api-console@inspectorate.test");
        HttpResponse<String> page = browser.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("UNKNOWN_SENDER").doesNotContain("<script>alert");
        assertThat(browser.get("/notifications?reference=" + reference).body()).contains(reference);
        // a page runs the gateway's own scripts only, and cannot be framed
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(get("/", null, null).statusCode()).isIn(302, 401);
    }
}
