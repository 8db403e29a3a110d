package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import tools.jackson.databind.JsonNode;

/**
 * The reviews' pages in a real browser, checked with axe-core in each state: a notification and two reviews put in
 * through the API (one with hostile values in its names and its document's file name, one in triage); an inspector
 * finds them on {@code /reviews}, opens the first, sends the comment empty (errors, nothing recorded), then with its
 * text and findings: the comment clock stops and the findings count in the national report; a second comment is
 * refused; the inspector asks the council for information and downloads the document. An operator sees no comment
 * form, a comment posted by one is refused (403) with nothing changed, and releases the review in triage after a
 * value the gateway cannot read is shown as an error.
 */
class ReviewPagesTest extends GatewayTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";

    Chromium browser;

    @BeforeEach
    void start() {
        browser = Chromium.start(port);
    }

    @AfterEach
    void quit() {
        browser.close();
    }

    @Test
    void inspectorShouldCommentOnAReviewAndAnOperatorReleaseOneFromTriage() throws Exception {
        Person inspector = person("INSPECTOR");
        Person operator = person("OPERATOR");
        LocalDate today = LocalDate.now(GatewayClock.ZONE);
        String reference = notification("review-pages");
        String reviews = "/api/notifications/" + reference + "/reviews";
        byte[] document = ("Part One: Case Review\nWhat was learnt. " + SCRIPT).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r1 = post(reviews, "{\"review_type\":\"IAR\",\"reviewer_name\":\"" + SCRIPT.replace("/", "\\/")
                + "\",\"reviewer_role\":\"" + IMG + "\",\"signoff_name\":\"Signer Pages\",\"signoff_role\":\"Head of Service\","
                + "\"signoff_date\":\"" + today + "\",\"document\":\"" + Base64.getEncoder().encodeToString(document)
                + "\",\"document_name\":\"" + IMG + ".txt\"}");
        assertThat(r1.statusCode()).as(r1.body()).isEqualTo(201);
        HttpResponse<String> r2 = post(reviews, "{\"reviewer_name\":\"Triage Reviewer\",\"signoff_date\":\"" + today + "\"}");
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(201);
        assertThat(json.readTree(r2.body()).get("status").asString()).isEqualTo("TRIAGE");
        assertThat(post("/api/notifications/" + reference + "/inspector", "{\"username\":\"" + inspector.username() + "\"}")
                .statusCode()).isEqualTo(200);

        // the inspector's work list
        browser.signIn(inspector);
        browser.open("/reviews");
        assertThat(browser.title()).isEqualTo("Reviews - SIR Gateway");
        assertThat(browser.findAll("#waiting tr[data-reference='" + reference + "'][data-review='1']")).hasSize(1);
        assertThat(browser.findAll("#triage tr[data-reference='" + reference + "'][data-review='2']")).hasSize(1);
        assertThat(browser.find("#waiting tr[data-reference='" + reference + "'] td:nth-of-type(3)").getText())
                .isEqualTo(inspector.username());
        browser.checkAccessible();
        browser.press("Assigned to me");
        assertThat(browser.path()).isEqualTo("/reviews?show=mine");
        assertThat(browser.find("#show-mine").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.findAll("#waiting tr[data-reference]")).allSatisfy(row ->
                assertThat(row.findElement(By.cssSelector("td:nth-of-type(3)")).getText()).isEqualTo(inspector.username()));
        assertThat(browser.findAll("#waiting tr[data-reference='" + reference + "'][data-review='1']")).hasSize(1);
        browser.checkAccessible();
        readme(browser.screenshot("console-reviews"));

        // the review in triage: no release form for an inspector, nor a comment form yet
        browser.find("#triage tr[data-reference='" + reference + "'] a").click();
        assertThat(browser.path()).isEqualTo("/notifications/" + reference + "/reviews/2");
        assertThat(browser.find("#state").getText()).isEqualTo("Triage");
        assertThat(browser.findAll("#release")).isEmpty();
        assertThat(browser.findAll("#comment-form")).isEmpty();
        assertThat(browser.find("#comment-waits").getText()).contains("an operator confirms");
        browser.checkAccessible();

        // the review waiting for comment: hostile values shown as text
        browser.open("/reviews");
        WebElement page = browser.find("html");
        browser.find("#waiting tr[data-reference='" + reference + "'][data-review='1'] a").click();
        browser.awaitNewPage(page);
        String reviewPage = "/notifications/" + reference + "/reviews/1";
        assertThat(browser.path()).isEqualTo(reviewPage);
        assertThat(browser.title()).isEqualTo("Review r1 of " + reference + " - SIR Gateway");
        assertThat(browser.find(".govuk-service-navigation__item--active").getText())
                .as("a review's page belongs to the reviews section").isEqualTo("Reviews");
        assertThat(browser.find("h1").getText()).isEqualTo("Review r1: Initial analysis review");
        assertThat(browser.find("#state").getText()).isEqualTo("Waiting for comment");
        assertThat(browser.find("#keys [data-key='reviewer_name'] td").getText()).isEqualTo(SCRIPT);
        assertThat(browser.find("#keys [data-key='reviewer_role'] td").getText()).isEqualTo(IMG);
        assertThat(browser.find("#keys [data-key='review_type'] td:nth-of-type(2)").getText()).isEqualTo("Operator");
        assertThat(browser.find("#signoff").getText()).contains("Signer Pages").contains("Head of service");
        assertThat(browser.find("#documents a").getText()).contains(IMG + ".txt");
        assertThat(browser.find("#back").getAttribute("href")).endsWith("/notifications/" + reference);
        assertThat(browser.findAll("main img")).isEmpty();
        assertNoAlert();
        assertThat(browser.findAll("#release")).isEmpty();
        browser.checkAccessible();

        // the comment sent empty: every error, nothing recorded
        browser.press("Submit the comment");
        assertThat(browser.title()).isEqualTo("Error: Review r1 of " + reference + " - SIR Gateway");
        String summary = browser.find(".govuk-error-summary").getText();
        assertThat(summary).contains("There is a problem").contains("Enter the comment")
                .contains("Select yes or no: is a risk assessment evident?")
                .contains("Select yes or no: is the initial analysis review enough?");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#text");
        assertThat(browser.find("#lscmi_used-error").getText()).contains("Select yes or no");
        browser.checkAccessible();
        browser.driver().executeScript("document.getElementById('comment').scrollIntoView()");
        readme(browser.screenshot("console-review-comment"));
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'REVIEW_COMMENTED'", reference))
                .isZero();
        assertThat(commented(reference, 1)).isFalse();

        // some answers given: they are shown again with the remaining errors
        browser.type("text", "Sound analysis. " + IMG);
        choose("risk_assessment_evident", true);
        browser.press("Submit the comment");
        assertThat(browser.find("#text").getAttribute("value")).isEqualTo("Sound analysis. " + IMG);
        assertThat(browser.find("#risk_assessment_evident").isSelected()).isTrue();
        assertThat(browser.find(".govuk-error-summary").getText()).doesNotContain("Enter the comment")
                .contains("Select yes or no: was LS/CMI used?");

        String report = "/api/reports/national?from=" + today + "&to=" + today;
        JsonNode before = api(report);
        choose("risk_assessment_up_to_date", false);
        choose("lscmi_used", true);
        choose("rmp_referred", true);
        choose("order_reviews_referred", false);
        choose("iar_sufficient", true);
        choose("additional_information_requested", false);
        browser.press("Submit the comment");
        assertThat(browser.title()).isEqualTo("Review r1 of " + reference + " - SIR Gateway");
        assertThat(browser.find("#success").getText()).contains("Your comment on review r1 was recorded");
        assertThat(browser.findAll("#comment-form")).isEmpty();
        assertThat(browser.find("#comment-text").getText()).isEqualTo("Sound analysis. " + IMG);
        assertThat(browser.find("#findings-given").getText()).contains("Is a risk assessment evident? Yes")
                .contains("Was the risk assessment up to date? No").contains("Is the initial analysis review enough? Yes");
        assertThat(browser.find("#state").getText()).isEqualTo("Commented");
        assertThat(browser.find("#commented").getText()).contains(inspector.username());
        assertThat(browser.findAll("main img")).isEmpty();
        browser.checkAccessible();

        // the comment clock stopped, as the API shows it; the review left the work list; the report counts it
        assertThat(commented(reference, 1)).isTrue();
        JsonNode api = api("/api/notifications/" + reference);
        JsonNode first = api.get("reviews").get(0);
        assertThat(first.get("commented_at").isNull()).isFalse();
        assertThat(first.get("commented_by").asString()).isEqualTo(inspector.username());
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'REVIEW_COMMENTED' AND actor = ?",
                reference, inspector.username())).isEqualTo(1);
        JsonNode after = api(report);
        for (String figure : new String[] {"reviews_risk_assessment_evident_percent", "comments_within_1_month_percent",
                "iar_sufficient"}) {
            assertThat(numerator(after, figure)).as(figure).isEqualTo(numerator(before, figure) + 1);
        }
        assertThat(numerator(after, "reviews_rmp_referred_percent")).isEqualTo(numerator(before, "reviews_rmp_referred_percent") + 1);
        assertThat(numerator(after, "reviews_order_reviews_referred_percent"))
                .isEqualTo(numerator(before, "reviews_order_reviews_referred_percent"));
        browser.open("/reviews");
        assertThat(browser.findAll("#waiting tr[data-reference='" + reference + "'][data-review='1']")).isEmpty();

        // a second comment is refused in words, as the API refuses it
        browser.open(reviewPage);
        HttpResponse<String> again = postWithSession(reviewPage + "/comment", Map.of("text", "Again.",
                "risk_assessment_evident", "yes", "risk_assessment_up_to_date", "yes", "lscmi_used", "yes", "rmp_referred", "yes",
                "order_reviews_referred", "yes", "iar_sufficient", "yes", "additional_information_requested", "yes"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("The comment was not recorded").contains("was already commented on");
        assertThat(count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ? AND r.seq = 1 AND r.lscmi_used AND NOT r.risk_assessment_up_to_date", reference)).isEqualTo(1);

        // an inspector may not release a review from triage
        assertThat(postWithSession("/notifications/" + reference + "/reviews/2/release", Map.of("review_type", "IAR"))
                .statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ? AND r.seq = 2 AND r.status = 'TRIAGE'", reference)).isEqualTo(1);

        // a request for information about the review
        browser.type("question", "Please send the risk management plan.");
        browser.press("Send the request");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter the date the council should answer by");
        assertThat(browser.find("#question").getAttribute("value")).isEqualTo("Please send the risk management plan.");
        browser.checkAccessible();
        LocalDate due = today.plusDays(14);
        browser.type("due-day", String.valueOf(due.getDayOfMonth()));
        browser.type("due-month", String.valueOf(due.getMonthValue()));
        browser.type("due-year", String.valueOf(due.getYear()));
        browser.press("Send the request");
        assertThat(browser.path()).isEqualTo(reviewPage);
        assertThat(browser.find("#success").getText()).contains("Request i1 was");
        JsonNode request = api("/api/notifications/" + reference).get("information_requests").get(0);
        assertThat(request.get("due").asString()).isEqualTo(due.toString());
        assertThat(request.get("review_id").asString()).isIn("r1", "1");

        // the document: an attachment with a safe name, its bytes as sent
        HttpResponse<byte[]> download = getWithSession(reviewPage + "/documents/1");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(document);
        String disposition = download.headers().firstValue("Content-Disposition").orElse("");
        assertThat(disposition).startsWith("attachment; filename=\"").contains("filename*=UTF-8''");
        assertThat(disposition.substring(0, disposition.indexOf(';', 12))).doesNotContain("<").doesNotContain(" onerror=");
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Security-Policy")).contains("sandbox");
        assertThat(getWithSession(reviewPage + "/documents/2").statusCode()).isEqualTo(404);
        assertThat(getWithSession("/notifications/" + reference + "/reviews/9").statusCode()).isEqualTo(404);

        // an operator: no comment form; a comment posted is refused with nothing changed
        browser.signOut();
        browser.signIn(operator);
        browser.open(reviewPage);
        assertThat(browser.findAll("#comment-form")).isEmpty();
        assertThat(browser.findAll("#information")).isEmpty();
        assertThat(browser.find("#comment-text").getText()).isEqualTo("Sound analysis. " + IMG);
        browser.checkAccessible();
        String triagePage = "/notifications/" + reference + "/reviews/2";
        browser.open(triagePage);
        assertThat(browser.findAll("#comment-form")).isEmpty();
        long events = count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'REVIEW_COMMENTED'", reference);
        assertThat(postWithSession(triagePage + "/comment", Map.of("text", "Not mine to give.", "risk_assessment_evident", "yes"))
                .statusCode()).isEqualTo(403);
        assertThat(commented(reference, 2)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'REVIEW_COMMENTED'", reference))
                .isEqualTo(events);

        // the operator releases the review in triage: a date the gateway cannot read first
        assertThat(browser.find("#release")).isNotNull();
        assertThat(browser.find("#keys [data-key='review_type']").getText()).contains("Unsure");
        browser.checkAccessible();
        browser.type("signoff_date", "soon");
        browser.press("Confirm and release");
        assertThat(browser.title()).startsWith("Error: ");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Select the type of review")
                .contains("Date signed off must be a real date");
        assertThat(browser.find("#signoff_date").getAttribute("value")).isEqualTo("soon");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'REVIEW_RELEASED'", reference)).isZero();
        browser.checkAccessible();
        browser.type("signoff_date", today.toString());
        browser.find("label[for='review_type-2']").click();
        browser.press("Confirm and release");
        assertThat(browser.find("#success").getText()).contains("Review r2 confirmed and released from triage");
        assertThat(browser.find("#state").getText()).isEqualTo("Waiting for comment");
        assertThat(browser.find("h1").getText()).isEqualTo("Review r2: Comprehensive review");
        assertThat(browser.findAll("#release")).isEmpty();
        browser.checkAccessible();
        assertThat(api("/api/notifications/" + reference).get("reviews").get(1).get("status").asString()).isEqualTo("RECEIVED");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE reference = ? AND action = 'REVIEW_RELEASED'").param(reference)
                .query(String.class).single()).contains("corrected fields: review_type");
    }

    /** A complete notification posted by Demo Council through the council API; answers its reference. */
    private String notification(String marker) throws Exception {
        HttpResponse<String> made = post("/api/admin/councils/Demo%20Council/tokens", "{\"name\": \"review pages test\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String token = json.readTree(made.body()).get("token").asString();
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("local_authority");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("reference").asString();
    }

    /** Whether the review has its comment ({@code commented_at} set): its comment clock stopped. */
    private boolean commented(String reference, int seq) {
        return count("SELECT COUNT(*) FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ? AND r.seq = ? AND r.commented_at IS NOT NULL", reference, seq) == 1;
    }

    private static long numerator(JsonNode report, String key) {
        for (JsonNode figure : report.get("figures")) {
            if (figure.get("key").asString().equals(key)) {
                return figure.get("numerator").isNull() ? 0 : figure.get("numerator").asLong();
            }
        }
        throw new AssertionError("no figure " + key);
    }

    /** Keeps a screenshot for the README under docs/screenshots/. */
    private static void readme(Path screenshot) throws Exception {
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(screenshot, docs.resolve(screenshot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Chooses yes or no for a finding with its label, as a person would. */
    private void choose(String finding, boolean yes) {
        browser.find("label[for='" + finding + (yes ? "" : "-no") + "']").click();
    }

    private void assertNoAlert() {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("an alert was opened");
        } catch (NoAlertPresentException expected) {
            // none, as it should be
        }
    }

    private String cookies() {
        return browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Posts a form with the browser's session and the CSRF token of the page it shows, as a forged page would. */
    private HttpResponse<String> postWithSession(String path, Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", browser.find("input[name='_csrf']").getAttribute("value"));
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", cookies()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getWithSession(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", cookies()).header("Accept", "text/html,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
