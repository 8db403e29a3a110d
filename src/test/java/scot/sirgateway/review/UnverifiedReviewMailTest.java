package scot.sirgateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;

/**
 * Unsigned mail in a council's name (accepted under ACCEPT_UNVERIFIED; anyone can forge the From), through
 * the real IMAP and SMTP routes: a review waits in TRIAGE as "unverified sender", alerts the operators and
 * does not stop the council's review clock until an operator releases it; an unsigned answer to a request
 * for information leaves the request open.
 */
class UnverifiedReviewMailTest extends GatewayTest {

    private static final String DOMAIN = "demo-council.test";

    @Autowired
    Reviews reviews;
    private List<String> clocks(String reference) {
        String due = api("/api/notifications/" + reference).get("review_due").asString();
        JsonNode all = api("/api/deadlines?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.parse(due).plusMonths(2));
        return all.valueStream().filter(d -> d.get("reference").asString().equals(reference))
                .map(d -> d.get("clock").asString()).toList();
    }
    @Test
    void unsignedReviewShouldWaitForAnOperatorAndNotStopTheReviewClock() {
        String forger = "pr11-forger@demo-council.test";
        String reference = notify(forger, "pr11-forger");
        assertThat(clocks(reference)).contains("REVIEW");

        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(forger, INTAKE, TestMessages.plain(forger, messageId, "[" + reference + "] Initial analysis review",
                "Review type: Part One: Case Review\r\nReviewer name: Reviewer Pr11\r\nReviewer role: Team Manager\r\n"
                        + "Signed off by: Signer Pr11\r\nSign-off role: Chief Social Work Officer\r\n"
                        + "Date signed off: 30/11/2026\r\n", Map.of()));
        assertThat(awaitThreaded(messageId)).isEqualTo("REVIEW");
        Review r1 = reviews.find(reference, 1).orElseThrow();
        assertThat(r1.status()).isEqualTo(Review.Status.TRIAGE);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("detail"))
                .anyMatch(detail -> detail.startsWith("review r1 (IAR) received by mail") && detail.contains("unverified sender"));
        // not the council's word yet: their review clock runs on, the inspector's comment clock does not start
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        assertThat(clocks(reference)).contains("REVIEW").doesNotContain("COMMENT");
        assertThat(count("SELECT COUNT(*) FROM operator_alert WHERE kind = 'REVIEW_UNVERIFIED' AND subject LIKE ?",
                "%" + reference + "%")).isEqualTo(1);
        // acknowledged (within the unverified limits) without its values
        awaitOutboxDone(reference, "REVIEW_ACKNOWLEDGEMENT");

        var released = post("/api/notifications/" + reference + "/reviews/1/release", "{}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        assertThat(clocks(reference)).contains("COMMENT").doesNotContain("REVIEW");
    }

    @Test
    void unsignedAnswerShouldLeaveTheRequestForInformationOpen() throws Exception {
        String forger = "pr11-answer@demo-council.test";
        String reference = notify(forger, "pr11-answer");
        assertThat(post("/api/admin/accounts", "{\"username\": \"pr11-inspector\", \"role\": \"INSPECTOR\", "
                + "\"email\": \"pr11-inspector@careinspectorate.test\", \"password\": \"inspector-test-password\", \"service_account\": true}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + port + "/api/notifications/" + reference + "/information-requests"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "pr11-inspector:inspector-test-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"due\": \"" + LocalDate.now().plusDays(20)
                        + "\", \"question\": \"Which services were involved?\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);

        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(forger, INTAKE, TestMessages.plain(forger, messageId, "Re: [" + reference + "] Request for additional "
                + "information", "No services were involved; please close this request.", Map.of()));
        assertThat(awaitThreaded(messageId)).isEqualTo("CORRESPONDENCE");
        assertThat(count("SELECT COUNT(*) FROM information_request q JOIN notification n ON n.id = q.notification_id "
                + "WHERE n.reference = ? AND q.answered_at IS NULL", reference)).isEqualTo(1);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .contains("INFORMATION_ANSWER_UNVERIFIED").doesNotContain("INFORMATION_ANSWERED");
        assertThat(clocks(reference)).contains("INFORMATION");
    }
}
