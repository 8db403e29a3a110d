package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * Each call of the operators' API that changes something, with each role of the issue: an operator runs the
 * mailbox, an admin is an operator who also manages accounts, an inspector reads, comments on reviews and asks
 * councils for information but cannot release, withdraw, forward, assign, pause reminders, enter or release
 * reviews, dismiss, reprocess or supply passwords. A refused call answers 403 with problem+json and leaves the
 * notification, the quarantine entry and the audit trail as they were.
 */
class RolesTest extends GatewayTest {

    private static final String PASSWORD = "roles-test-password";
    private static final String UNKNOWN = "SIR-2026-9997";

    /** A changing call: its path with {ref} and {q} for the notification and the quarantine entry, a body, who may. */
    private record Call(String path, String body, Set<Role> allowed) {
    }

    private static final Set<Role> OPERATORS = Set.of(Role.OPERATOR, Role.ADMIN);

    private static final List<Call> CALLS = List.of(
            new Call("/api/notifications/{ref}/release", "{\"offender_ref\":\"OPR-ROLE\"}", OPERATORS),
            new Call("/api/notifications/{ref}/withdraw", "{\"reason\":\"forged\"}", OPERATORS),
            new Call("/api/notifications/{ref}/forward", "{}", OPERATORS),
            new Call("/api/notifications/{ref}/inspector", "{\"username\":\"nobody\"}", OPERATORS),
            new Call("/api/notifications/{ref}/reminders/pause", "{\"reason\":\"r\"}", OPERATORS),
            new Call("/api/notifications/{ref}/reminders/resume", "{\"reason\":\"r\"}", OPERATORS),
            new Call("/api/notifications/{ref}/reviews", "{\"review_type\":\"IAR\"}", OPERATORS),
            new Call("/api/notifications/{ref}/reviews/1/release", "{\"review_type\":\"IAR\"}", OPERATORS),
            new Call("/api/notifications/{ref}/reviews/1/comment", "{\"text\":\"t\"}", Set.of(Role.INSPECTOR)),
            new Call("/api/notifications/{ref}/information-requests", "{\"due\":\"2099-01-01\",\"question\":\"q\"}",
                    Set.of(Role.INSPECTOR)),
            new Call("/api/quarantine/{q}/dismiss", "{\"reason\":\"spam\"}", OPERATORS),
            new Call("/api/quarantine/{q}/reprocess", "{}", OPERATORS),
            new Call("/api/quarantine/{q}/password", "{\"password\":\"secret\"}", OPERATORS),
            new Call("/api/admin/accounts", "{\"username\":\"\"}", Set.of(Role.ADMIN)),
            new Call("/api/admin/councils/{council}/tokens", "{\"name\":\"\"}", Set.of(Role.ADMIN)));

    @Test
    void eachChangingCallShouldBeRefusedToTheRolesThatMayNotMakeIt() {
        String sender = "roles-" + UUID.randomUUID().toString().substring(0, 8) + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm("roles"));
        form.remove("offender_ref");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));
        String reference = awaitReference(messageId);
        String brokenId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, brokenId));
        long quarantined = ((Number) awaitQuarantine(brokenId).get("id")).longValue();
        long tokensBefore = count("SELECT COUNT(*) FROM council_api_token");

        Map<Role, String> accounts = new LinkedHashMap<>();
        accounts.put(Role.OPERATOR, account(Role.OPERATOR));
        accounts.put(Role.INSPECTOR, account(Role.INSPECTOR));
        accounts.put(Role.ADMIN, "operator");

        for (Call call : CALLS) {
            for (Map.Entry<Role, String> role : accounts.entrySet()) {
                String user = role.getValue();
                String password = user.equals("operator") ? "operator-test-password" : PASSWORD;
                String what = role.getKey() + " POST " + call.path();
                if (call.allowed().contains(role.getKey())) {
                    // on an unknown notification or entry, or with an empty body: past the roles, nothing changes
                    HttpResponse<String> passed = postAs(user, password,
                            call.path().replace("{ref}", UNKNOWN).replace("{q}", "999999999")
                                    .replace("{council}", "No%20Such%20Council"), call.body()
                                    .replace("\"offender_ref\":\"OPR-ROLE\"", "\"shoe_size\":\"9\""));
                    assertThat(passed.statusCode()).as(what + ": " + passed.body()).isNotIn(401, 403).isGreaterThanOrEqualTo(400);
                } else {
                    HttpResponse<String> refused = postAs(user, password,
                            call.path().replace("{ref}", reference).replace("{q}", Long.toString(quarantined))
                                    .replace("{council}", "Demo%20Council"), call.body());
                    assertThat(refused.statusCode()).as(what).isEqualTo(403);
                    assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(what)
                            .startsWith("application/problem+json");
                    assertThat(json.readTree(refused.body()).get("detail").asString()).as(what).isNotBlank();
                }
            }
        }

        var notification = api("/api/notifications/" + reference);
        assertThat(notification.get("status").asString()).isEqualTo("TRIAGE");
        assertThat(notification.get("offender_ref").isNull()).isTrue();
        assertThat(notification.get("inspector").isNull()).isTrue();
        assertThat(notification.get("reminders_paused").asBoolean()).isFalse();
        assertThat(notification.get("reviews").size()).isZero();
        assertThat(notification.get("information_requests").size()).isZero();
        assertThat(notification.get("timeline").findValuesAsString("actor")).containsOnly("gateway");
        assertThat(notification.get("audit").size()).as("no change recorded, no view before this one").isZero();
        assertThat(jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(quarantined).query(String.class).single())
                .isNotIn("DISCARDED", "RELEASED");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = " + quarantined)).isZero();
        assertThat(count("SELECT COUNT(*) FROM council_api_token")).isEqualTo(tokensBefore);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String account(Role role) {
        String username = "roles-" + role.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\""
                + role.name() + "\",\"email\":\"" + username + "@inspectorate.test\",\"password\":\"" + PASSWORD
                + "\",\"service_account\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private HttpResponse<String> postAs(String user, String password, String path, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
