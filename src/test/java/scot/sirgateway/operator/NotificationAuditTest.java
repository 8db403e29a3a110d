package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * Through the real gateway: every view of a notification's details (by an operator, an inspector, a council's
 * API token) and every kind of change lands in the audit trail with its actor, is shown on the operators' view
 * of the notification (never the council's), is listed by reference for an admin and exported as CSV.
 */
class NotificationAuditTest extends GatewayTest {

    private static final String PASSWORD = "audit-inspector-password";

    @Test
    void viewsAndChangesShouldLandInTheAuditTrailWithTheirActor() throws Exception {
        String reference = triageNotification("audit-trail");
        String inspector = inspector();
        String path = "/api/notifications/" + reference;

        api(path);
        assertThat(get(path, inspector, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(post(path + "/release", "{\"offender_ref\":\"OPR-AUDIT-7\"}").statusCode()).isEqualTo(200);
        assertThat(post(path + "/inspector", "{\"username\":\"" + inspector + "\"}").statusCode()).isEqualTo(200);
        assertThat(post(path + "/reminders/pause", "{\"reason\":\"awaiting the court\"}").statusCode()).isEqualTo(200);
        assertThat(post(path + "/reminders/resume", "{\"reason\":\"court done\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> review = post(path + "/reviews", "{\"review_type\":\"IAR\",\"reviewer_name\":\"Reviewer Audit\","
                + "\"reviewer_role\":\"Team Manager\",\"signoff_name\":\"Signer Audit\",\"signoff_role\":\"Chief Social Work Officer\","
                + "\"signoff_date\":\"2026-11-30\",\"document\":\"" + Base64.getEncoder().encodeToString(
                        "Part One: Case Review".getBytes(StandardCharsets.UTF_8)) + "\",\"document_name\":\"review.txt\"}");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(201);
        HttpResponse<String> comment = postAs(inspector, path + "/reviews/1/comment", "{\"text\":\"Sound analysis.\","
                + "\"risk_assessment_evident\":true,\"risk_assessment_up_to_date\":false,\"lscmi_used\":true,"
                + "\"rmp_referred\":true,\"order_reviews_referred\":false,\"additional_information_requested\":false,"
                + "\"iar_sufficient\":true}");
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
        String due = LocalDate.now(GatewayClock.ZONE).plusDays(20).toString();
        HttpResponse<String> request = postAs(inspector, path + "/information-requests",
                "{\"due\":\"" + due + "\",\"question\":\"Which MAPPA level?\"}");
        assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT forwarded_at IS NOT NULL FROM notification WHERE reference = ?")
                        .param(reference).query(Boolean.class).single());
        assertThat(post(path + "/forward", "{}").statusCode()).isEqualTo(202);

        JsonNode token = json.readTree(post("/api/admin/councils/Demo%20Council/tokens", "{\"name\":\"audit reader\"}").body());
        HttpResponse<String> councilView = bearer(path, token.get("token").asString());
        assertThat(councilView.statusCode()).isEqualTo(200);
        assertThat(json.readTree(councilView.body()).has("audit")).as("a council never sees the audit trail").isFalse();
        assertThat(post(path + "/withdraw", "{\"reason\":\"a duplicate of another\"}").statusCode()).isEqualTo(200);
        assertThat(post(path + "/forward", "{}").statusCode()).as("a refused call is not recorded").isEqualTo(409);

        JsonNode audit = api(path).get("audit");
        List<String> actions = new ArrayList<>();
        Map<String, JsonNode> byAction = new LinkedHashMap<>();
        for (JsonNode event : audit) {
            actions.add(event.get("action").asString() + " by " + event.get("actor").asString());
            byAction.putIfAbsent(event.get("action").asString(), event);
            assertThat(event.get("at").asString()).isNotBlank();
        }
        String councilActor = "token:" + token.get("id").asLong();
        assertThat(actions).as("oldest first").containsExactly(
                "NOTIFICATION_VIEWED by operator", "NOTIFICATION_VIEWED by " + inspector, "RELEASED by operator",
                "INSPECTOR_ASSIGNED by operator", "REMINDERS_PAUSED by operator", "REMINDERS_RESUMED by operator",
                "REVIEW_ADDED by operator", "REVIEW_COMMENTED by " + inspector, "INFORMATION_REQUESTED by " + inspector,
                "FORWARDED_AGAIN by operator", "NOTIFICATION_VIEWED by " + councilActor, "WITHDRAWN by operator");
        assertThat(byAction.get("RELEASED").get("detail").asString()).isEqualTo("released; corrected fields: offender_ref");
        assertThat(byAction.get("INSPECTOR_ASSIGNED").get("detail").asString()).isEqualTo("inspector " + inspector);
        assertThat(byAction.get("REVIEW_COMMENTED").get("detail").asString()).isEqualTo("review 1");
        assertThat(audit.get(10).get("detail").asString()).isEqualTo("the council's view");
        assertThat(audit.toString()).as("no form value, reason, comment or question in the trail")
                .doesNotContain("OPR-AUDIT-7", "duplicate", "court", "Sound analysis", "MAPPA", "Reviewer Audit");

        JsonNode listed = json.readTree(get("/api/admin/audit?reference=" + reference, "operator", "operator-test-password").body());
        assertThat(listed.size()).isEqualTo(13);
        assertThat(listed.get(0).get("action").asString()).as("newest first").isEqualTo("NOTIFICATION_VIEWED");
        assertThat(listed.get(1).get("action").asString()).isEqualTo("WITHDRAWN");
        assertThat(listed.get(0).get("reference").asString()).isEqualTo(reference);

        String today = LocalDate.now(GatewayClock.ZONE).toString();
        HttpResponse<String> export = get("/api/admin/audit/export?from=" + today + "&to=" + today, "operator",
                "operator-test-password");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.body())).getRecords();
        assertThat(export.body()).startsWith("at,actor,action,reference,detail");
        List<String> exported = rows.stream().filter(row -> row.get("reference").equals(reference))
                .map(row -> row.get("action") + " by " + row.get("actor")).toList();
        assertThat(exported).containsSequence(actions).hasSize(13);
        assertThat(rows.stream().filter(row -> row.get("reference").equals(reference)).map(row -> row.get("detail")))
                .contains("released; corrected fields: offender_ref");

        String tomorrow = LocalDate.now(GatewayClock.ZONE).plusDays(1).toString();
        assertThat(get("/api/admin/audit/export?from=" + tomorrow + "&to=" + tomorrow, "operator", "operator-test-password")
                .body()).doesNotContain(reference);
        HttpResponse<String> backwards = get("/api/admin/audit/export?from=" + tomorrow + "&to=" + today, "operator",
                "operator-test-password");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(json.readTree(backwards.body()).get("detail").asString()).contains("after");
        assertThat(get("/api/admin/audit/export", inspector, PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void quarantineChangesShouldLandInTheAuditTrailWithTheEntry() {
        String sender = "audit-q@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, messageId));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();

        assertThat(post("/api/quarantine/" + id + "/dismiss", "{\"reason\":\"spam from a stranger\"}").statusCode())
                .isEqualTo(200);

        List<Map<String, Object>> events = jdbc.sql("SELECT actor, action, detail, reference FROM audit_event "
                + "WHERE quarantine_id = ?").param(id).query().listOfRows();
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("ACTOR", "operator").containsEntry("ACTION", "QUARANTINE_DISMISSED")
                .containsEntry("DETAIL", "quarantine entry " + id);
        String again = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, again));
        long second = ((Number) awaitQuarantine(again).get("id")).longValue();
        // nothing about its cause has changed, so the gateway refuses to reprocess it: a refusal is not audited
        assertThat(post("/api/quarantine/" + second + "/reprocess", "{}").statusCode()).isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = " + second)).isZero();
        assertThat(post("/api/quarantine/" + second + "/dismiss", "{\"reason\":\"junk\"}").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor || ' ' || action FROM audit_event WHERE quarantine_id = ?").param(second)
                .query(String.class).list()).containsExactly("operator QUARANTINE_DISMISSED");
        String today = LocalDate.now(GatewayClock.ZONE).toString();
        assertThat(get("/api/admin/audit/export?from=" + today, "operator", "operator-test-password").body())
                .contains(",operator,QUARANTINE_DISMISSED,quarantine:" + id + ",quarantine entry " + id)
                .doesNotContain("spam from a stranger");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String triageNotification(String marker) {
        String sender = marker + "-" + UUID.randomUUID().toString().substring(0, 8) + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("offender_ref");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));
        return awaitReference(messageId);
    }

    private String inspector() {
        String username = "audit-insp-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"INSPECTOR\",\"email\":\"" + username + "@inspectorate.test\",\"password\":\""
                + PASSWORD + "\",\"service_account\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private HttpResponse<String> postAs(String user, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
