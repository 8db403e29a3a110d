package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * Reviews through the API: an operator enters one received otherwise, confirms one in triage; an inspector
 * comments on each with the findings, once; an operator may not comment.
 */
class ReviewApiTest extends GatewayTest {

    @Autowired
    OperatorAccounts accounts;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    java.time.Clock clock;

    private String notification(String marker) {
        String sender = marker + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        return awaitReference(messageId);
    }

    private HttpResponse<String> postAs(String user, String password, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void operatorShouldEnterAReviewAndAnInspectorCommentOnIt() throws Exception {
        String reference = notification("rv-api");
        String reviews = "/api/notifications/" + reference + "/reviews";
        String document = Base64.getEncoder().encodeToString("Part One: Case Review\nWhat was learnt.".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> bad = post(reviews, "{\"review_type\":\"weekly\",\"signoff_date\":\"soon\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("detail").asString()).contains("review_type").contains("signoff_date");
        assertThat(post("/api/notifications/SIR-2026-9998/reviews", "{\"review_type\":\"IAR\"}").statusCode()).isEqualTo(404);
        assertThat(post(reviews, "{\"review_type\":\"IAR\",\"document\":\"" + document + "\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> entered = post(reviews, "{\"review_type\":\"IAR\",\"reviewer_name\":\"Reviewer Api\","
                + "\"reviewer_role\":\"Team Manager\",\"signoff_name\":\"Signer Api\",\"signoff_role\":\"Chief Social Work Officer\","
                + "\"signoff_date\":\"2026-11-30\",\"document\":\"" + document + "\",\"document_name\":\"review.txt\"}");
        assertThat(entered.statusCode()).isEqualTo(201);
        JsonNode r1 = json.readTree(entered.body());
        assertThat(r1.get("id").asInt()).isEqualTo(1);
        assertThat(r1.get("review_type").asString()).isEqualTo("IAR");
        assertThat(r1.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(r1.get("signoff_role").asString()).isEqualTo("CSWO");
        assertThat(r1.get("signoff_date").asString()).isEqualTo("2026-11-30");
        assertThat(r1.get("reviewer_role").asString()).isEqualTo("Team Manager");
        assertThat(r1.get("commented_at").isNull()).isTrue();
        assertThat(r1.get("fields").get("review_type").get("source").asString()).isEqualTo("OPERATOR");
        LocalDate due = LocalDate.now(clock).plusMonths(1);
        while (!calendar.isWorkingDay(due)) {
            due = due.plusDays(1);
        }
        assertThat(r1.get("comment_due").asString()).isEqualTo(due.toString());
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");

        // a review without its type waits in triage until an operator confirms it
        HttpResponse<String> untyped = post(reviews, "{\"reviewer_name\":\"Reviewer Api Two\"}");
        assertThat(untyped.statusCode()).isEqualTo(201);
        assertThat(json.readTree(untyped.body()).get("status").asString()).isEqualTo("TRIAGE");
        assertThat(json.readTree(untyped.body()).get("id").asInt()).isEqualTo(2);
        assertThat(post(reviews + "/2/release", "{}").statusCode()).isEqualTo(409);
        HttpResponse<String> released = post(reviews + "/2/release", "{\"review_type\":\"COMPREHENSIVE\"}");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json.readTree(released.body()).get("status").asString()).isEqualTo("RECEIVED");
        assertThat(json.readTree(released.body()).get("review_type").asString()).isEqualTo("COMPREHENSIVE");
        assertThat(post(reviews + "/2/release", "{}").statusCode()).isEqualTo(409);
        JsonNode timeline = api("/api/notifications/" + reference).get("timeline");
        assertThat(timeline.findValuesAsString("detail")).contains("review r2: review_type corrected: none -> COMPREHENSIVE");
        assertThat(timeline.findValuesAsString("detail")).noneMatch(detail -> detail.contains("Reviewer Api"));

        // the inspector comments; an operator may not; one comment per review
        String inspector = "inspector-" + reference;
        accounts.create(inspector, "inspector-password", Role.INSPECTOR);
        String findings = "\"risk_assessment_evident\":true,\"risk_assessment_up_to_date\":false,\"lscmi_used\":true,"
                + "\"rmp_referred\":true,\"order_reviews_referred\":false,\"additional_information_requested\":false";
        assertThat(post(reviews + "/1/comment", "{\"text\":\"Fine.\"," + findings + ",\"iar_sufficient\":true}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> incomplete = postAs(inspector, "inspector-password", reviews + "/1/comment",
                "{\"text\":\"Sound analysis.\"," + findings + "}");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(json.readTree(incomplete.body()).get("detail").asString()).contains("iar_sufficient");
        HttpResponse<String> commented = postAs(inspector, "inspector-password", reviews + "/1/comment",
                "{\"text\":\"Sound analysis.\"," + findings + ",\"iar_sufficient\":true}");
        assertThat(commented.statusCode()).isEqualTo(200);
        assertThat(json.readTree(commented.body()).get("commented_at").isNull()).isFalse();
        assertThat(postAs(inspector, "inspector-password", reviews + "/1/comment",
                "{\"text\":\"Again.\"," + findings + ",\"iar_sufficient\":true}").statusCode()).isEqualTo(409);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        assertThat(count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id WHERE n.reference = ? "
                + "AND r.seq = 1 AND r.commented_by = ? AND r.iar_sufficient AND NOT r.risk_assessment_up_to_date",
                reference, inspector)).isEqualTo(1);

        assertThat(postAs(inspector, "inspector-password", reviews + "/2/comment",
                "{\"text\":\"Noted.\"," + findings + ",\"iar_sufficient\":true}").statusCode()).isEqualTo(400);
        assertThat(postAs(inspector, "inspector-password", reviews + "/2/comment",
                "{\"text\":\"Noted.\"," + findings + "}").statusCode()).isEqualTo(200);
        assertThat(reviewStatus(reference)).isEqualTo("COMMENTED");
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type")).contains("COMMENTED");
    }
}
