package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * A careless or hostile API caller: a review entered with a document over the mail limit, a body far over
 * what any call takes (declared or chunked), a comment's text without end. Each is refused with a
 * problem+json a person can act on, and nothing is stored. The test profile's
 * {@code gateway.mail.intake.max-message-bytes} is 300000.
 */
class ApiBodyLimitTest extends GatewayTest {

    private String notification(String marker) {
        String sender = marker + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        return awaitReference(messageId);
    }

    private HttpResponse<String> send(String user, String password, String path, HttpRequest.BodyPublisher body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long reviews(String reference) {
        return count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id WHERE n.reference = ?",
                reference);
    }

    @Test
    void oversizedReviewEntriesShouldBeRefusedBeforeTheyAreStored() throws Exception {
        String reference = notification("api-limit");
        String path = "/api/notifications/" + reference + "/reviews";

        // a document over the mail limit (a mailed review could not be that big either)
        String document = Base64.getEncoder().encodeToString(new byte[310_000]);
        HttpResponse<String> big = post(path, "{\"review_type\":\"IAR\",\"document_name\":\"review.txt\","
                + "\"document\":\"" + document + "\"}");
        assertThat(big.statusCode()).as(big.body()).isEqualTo(400);
        assertThat(big.body()).contains("gateway.mail.intake.max-message-bytes");

        // a body far over anything the API takes: refused on its Content-Length, before it is read
        String huge = "{\"review_type\":\"IAR\",\"reviewer_name\":\"" + "x".repeat(2_000_000) + "\"}";
        HttpResponse<String> declared = send("operator", "operator-test-password", path,
                HttpRequest.BodyPublishers.ofString(huge));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(declared.body()).contains("over the API's limit").doesNotContain("xxxx");

        // the same without a Content-Length (chunked): read only up to the limit
        HttpResponse<String> chunked = send("operator", "operator-test-password", path,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.statusCode()).as(chunked.body()).isIn(400, 413);
        assertThat(chunked.body()).doesNotContain("xxxx");

        // a document name without end
        HttpResponse<String> name = post(path, "{\"review_type\":\"IAR\",\"document_name\":\"" + "n".repeat(5_000)
                + ".pdf\",\"document\":\"" + Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))
                + "\"}");
        assertThat(name.statusCode()).as(name.body()).isEqualTo(400);
        assertThat(name.body()).contains("document_name");
        assertThat(reviews(reference)).isZero();
    }

    @Test
    void commentTextWithoutEndShouldBeRefused() throws Exception {
        String reference = notification("api-limit-comment");
        assertThat(post("/api/notifications/" + reference + "/reviews", "{\"review_type\":\"IAR\"}").statusCode())
                .isEqualTo(201);
        assertThat(post("/api/admin/accounts", "{\"username\": \"api-limit-inspector\", \"role\": \"INSPECTOR\", "
                + "\"email\": \"api-limit-inspector@careinspectorate.test\", \"password\": \"inspector-test-password\", \"service_account\": true}")
                .statusCode()).isEqualTo(201);
        String findings = "\"risk_assessment_evident\":true,\"risk_assessment_up_to_date\":true,\"lscmi_used\":false,"
                + "\"rmp_referred\":false,\"order_reviews_referred\":false,\"iar_sufficient\":true,"
                + "\"additional_information_requested\":false";
        HttpResponse<String> comment = send("api-limit-inspector", "inspector-test-password", "/api/notifications/"
                + reference + "/reviews/1/comment", HttpRequest.BodyPublishers.ofString("{\"text\":\"" + "t".repeat(20_001)
                + "\"," + findings + "}"));
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(400);
        assertThat(comment.body()).contains("text is 20001 characters long");
        assertThat(count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ? AND r.commented_at IS NOT NULL", reference)).isZero();
    }
}
