package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestPdfs;

/**
 * The review form, started from a submitted notification's page: its one page of questions (checked as the
 * notification's sections are), the review document, check answers, and the review landing as the
 * notification's (review status {@code REVIEW_RECEIVED}).
 */
class CouncilReviewFormTest extends GatewayTest {

    static final String USER = "review-form-user";
    static final String PASSWORD = "review-form-password";

    @BeforeEach
    void account() {
        if (count("SELECT COUNT(*) FROM operator_account WHERE username = ?", USER) == 0) {
            assertThat(post("/api/admin/accounts", "{\"username\":\"" + USER + "\",\"role\":\"COUNCIL\",\"council\":"
                    + "\"Demo Council\",\"email\":\"review-form-user@demo-council.test\",\"password\":\"" + PASSWORD + "\"}")
                    .statusCode()).isEqualTo(201);
        }
    }

    @Test
    void reviewWrittenOnTheWebShouldLandAsTheNotificationsReview() {
        String reference = notify("review-form-notifier@demo-council.test", "review-form");
        CouncilSession council = CouncilSession.signIn(port, USER, PASSWORD, "review-form-user@demo-council.test");
        assertThat(council.get("/council/notifications/" + reference).body()).contains("Submit a review");
        HttpResponse<String> started = council.post("/council/notifications/" + reference + "/reviews", Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        String draft = started.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(count("SELECT COUNT(*) FROM form_draft WHERE id = ? AND kind = 'REVIEW' AND reference = ?",
                draft, reference)).isEqualTo(1);
        assertThat(council.get("/council/drafts/" + draft).body()).contains("For notification " + reference)
                .contains("Review document").contains("Cannot start yet");

        // the page's questions are checked: a missing answer and a date in the future
        council.get("/council/drafts/" + draft + "/review");
        HttpResponse<String> refused = council.post("/council/drafts/" + draft + "/review", Map.of("action", "continue",
                "review_type", "IAR", "reviewer_name", "Rae Reviewer", "signoff_date-day", "1",
                "signoff_date-month", "1", "signoff_date-year", "2099"));
        assertThat(refused.body()).contains("<title>Error: The review - SIR Gateway</title>")
                .contains("href=\"#signoff_name\"").contains("href=\"#signoff_date-day\"")
                .contains("value=\"Rae Reviewer\"");
        assertThat(council.post("/council/drafts/" + draft + "/review", Map.of("action", "continue",
                "review_type", "IAR", "reviewer_name", "Rae Reviewer", "reviewer_role", "Service Manager",
                "signoff_name", "Sid Signer", "signoff_role", "CSWO", "signoff_date-day", "1",
                "signoff_date-month", "2", "signoff_date-year", "2026")).statusCode()).isEqualTo(302);

        // without its document the review cannot be sent
        assertThat(council.post("/council/drafts/" + draft + "/check", Map.of()).body())
                .contains("Upload the review document").contains("/council/drafts/" + draft + "/documents");
        council.get("/council/drafts/" + draft + "/documents");
        assertThat(council.upload("/council/drafts/" + draft + "/documents", "review.pdf",
                TestPdfs.flattened(List.of("Initial analysis review", "Case review of " + reference))).statusCode())
                .isEqualTo(302);

        HttpResponse<String> check = council.get("/council/drafts/" + draft + "/check");
        assertThat(check.body()).contains("Initial analysis review (Part One: Case Review)").contains("Chief Social Work Officer")
                .contains("1 February 2026").contains("review.pdf");
        HttpResponse<String> submitted = council.post("/council/drafts/" + draft + "/check", Map.of());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        assertThat(submitted.headers().firstValue("Location").orElseThrow())
                .endsWith("/council/notifications/" + reference + "/reviews/submitted");
        assertThat(council.get("/council/notifications/" + reference + "/reviews/submitted").body())
                .contains("Review submitted").contains(reference);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        assertThat(count("SELECT COUNT(*) FROM form_draft WHERE id = ?", draft)).as("the draft is gone once sent").isZero();
    }
}
