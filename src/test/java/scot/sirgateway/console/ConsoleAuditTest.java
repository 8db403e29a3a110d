package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.register.Notifications;
import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * What the console's pages leave in the audit trail when used twice, at once or sideways: a HEAD of a notification's
 * page or document (its headers name the file and its size) is a view like the GET; two operators releasing the
 * same notification at the same moment make one release, one audit event and one forward; a withdrawal sent twice
 * is recorded once; a withdrawn notification stays withdrawn when its forward is reported sent afterwards; a refused
 * forward leaves nothing; a review's page and its document are audited with the review and the document they showed,
 * and a document name's bidi override is gone from the page and the download; forward-again pressed twice at once
 * queues one copy.
 */
class ConsoleAuditTest extends GatewayTest {

    private static final String SENDER = "console-audit@demo-council.test";

    static Browser first;
    static Browser second;

    @Autowired
    Notifications notifications;

    @BeforeEach
    void signedIn() {
        if (first == null) {
            var person = person("OPERATOR");
            first = new Browser(port);
            first.signIn(mail, person.username(), person.password(), person.email());
            second = new Browser(port);
            second.signIn(mail, person.username(), person.password(), person.email());
        }
    }

    /** A notification in triage (no offender reference), with one document. */
    private String triage(String marker) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("offender_ref");
        mail.send(SENDER, INTAKE, NotificationMails.withDocuments(SENDER, messageId, "Notification " + marker, form,
                new NotificationMails.Attached("report " + marker + ".txt", "text/plain; charset=UTF-8",
                        ("Report " + marker).getBytes(StandardCharsets.UTF_8))));
        String reference = awaitReference(messageId);
        assertThat(status(reference)).isEqualTo("TRIAGE");
        return reference;
    }

    private String status(String reference) {
        return jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(reference).query(String.class).single();
    }

    private List<String> audited(String reference, String action) {
        return jdbc.sql("SELECT COALESCE(detail, '') FROM audit_event WHERE reference = ? AND action = ? ORDER BY id")
                .params(reference, action).query(String.class).list();
    }

    private HttpResponse<String> head(Browser browser, String path) {
        return browser.send(HttpRequest.newBuilder(browser.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void headOfANotificationsPageOrDocumentShouldBeAuditedAsAView() {
        String reference = triage("audit-head");
        int before = audited(reference, "NOTIFICATION_VIEWED").size();

        HttpResponse<String> page = head(first, "/notifications/" + reference);
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> document = head(first, "/notifications/" + reference + "/documents/1");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Disposition").orElseThrow()).contains("report audit-head.txt");

        // the event is written once the answer has gone: wait for it
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> audited(reference, "NOTIFICATION_VIEWED").size() >= before + 2);
        assertThat(audited(reference, "NOTIFICATION_VIEWED")).hasSize(before + 2)
                .contains("on the console's page", "document 1, on the console's page");
    }

    @Test
    void twoOperatorsReleasingAtOnceShouldMakeOneReleaseOneAuditEventAndOneForward() {
        String reference = triage("audit-race");
        String page = "/notifications/" + reference;
        HttpRequest a = release(first, page, "RACE-A");
        HttpRequest b = release(second, page, "RACE-B");
        var answerA = first.http().sendAsync(a, HttpResponse.BodyHandlers.ofString());
        var answerB = second.http().sendAsync(b, HttpResponse.BodyHandlers.ofString());
        CompletableFuture.allOf(answerA, answerB).join();

        assertThat(List.of(answerA.join().statusCode(), answerB.join().statusCode())).containsExactlyInAnyOrder(302, 200);
        HttpResponse<String> refused = answerA.join().statusCode() == 200 ? answerA.join() : answerB.join();
        assertThat(refused.body()).contains("govuk-error-summary");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audited(reference, "RELEASED")).hasSize(1));
        long id = jdbc.sql("SELECT id FROM notification WHERE reference = ?").param(reference).query(Long.class).single();
        assertThat(count("SELECT COUNT(*) FROM notification_event WHERE notification_id = ? AND type = 'RELEASED'", id))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE notification_id = ? AND purpose = 'FORWARD'", id))
                .isEqualTo(1);
    }

    private static HttpRequest release(Browser browser, String page, String offenderRef) {
        String body = "offender_ref=" + offenderRef + "&_csrf=" + browser.csrfToken(page);
        return HttpRequest.newBuilder(browser.uri(page + "/release"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void aWithdrawalSentTwiceShouldBeRecordedOnceAndHoldWhenItsForwardIsReportedSentAfterwards() {
        String reference = triage("audit-withdraw");
        String page = "/notifications/" + reference;
        HttpResponse<String> withdrawn = first.post(page + "/withdraw", page, Map.of("reason", "Sent to us by mistake"));
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        HttpResponse<String> again = second.post(page + "/withdraw", page, Map.of("reason", "Sent to us by mistake"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("govuk-error-summary", "already WITHDRAWN");

        // the relay's word that a forward went, arriving after the withdrawal, does not make it FORWARDED again
        long id = jdbc.sql("SELECT id FROM notification WHERE reference = ?").param(reference).query(Long.class).single();
        assertThat(notifications.markForwarded(id, OffsetDateTime.now())).isFalse();
        assertThat(status(reference)).isEqualTo("WITHDRAWN");
        HttpResponse<String> third = first.post(page + "/withdraw", page, Map.of("reason", "Sent to us by mistake"));
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(audited(reference, "WITHDRAWN")).hasSize(1);

        HttpResponse<String> forward = first.post(page + "/forward", page, Map.of());
        assertThat(forward.statusCode()).isEqualTo(200);
        assertThat(forward.body()).contains("govuk-error-summary");
        assertThat(audited(reference, "FORWARDED_AGAIN")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE notification_id = ? AND purpose = 'FORWARD'", id)).isZero();
    }

    @Test
    void aReviewsPageAndDocumentShouldBeAuditedWithTheReviewAndTheDocumentTheyShowed() {
        String reference = notify("console-audit-review@demo-council.test", "audit-review");
        String document = java.util.Base64.getEncoder().encodeToString("Part One".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> made = post("/api/notifications/" + reference + "/reviews", "{\"review_type\":\"IAR\","
                + "\"reviewer_name\":\"Reviewer Audit\",\"reviewer_role\":\"Manager\",\"signoff_name\":\"Signer Audit\","
                + "\"signoff_role\":\"Head of Service\",\"signoff_date\":\"" + java.time.LocalDate.now(scot.sirgateway.GatewayClock.ZONE)
                + "\",\"document\":\"" + document + "\",\"document_name\":\"report\\u202efdp.txt\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String page = "/notifications/" + reference + "/reviews/1";

        HttpResponse<String> shown = first.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("report_fdp.txt").doesNotContain("\u202e", "\u202E");
        HttpResponse<String> download = first.get(page + "/documents/1");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("report_fdp.txt")
                .doesNotContain("%E2%80%AE");

        // the event is written once the answer has gone: wait for it
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audited(reference, "NOTIFICATION_VIEWED"))
                .contains("review r1, on the console's page", "review r1, document 1, on the console's page"));
    }

    @Test
    void forwardAgainPressedTwiceAtOnceShouldQueueOneCopyAndAuditOne() {
        String reference = triage("audit-forward");
        String page = "/notifications/" + reference;
        assertThat(first.post(page + "/release", page, Map.of("offender_ref", "FWD-1")).statusCode()).isEqualTo(302);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "FORWARDED".equals(status(reference)));

        HttpRequest a = forwardAgain(first, page);
        HttpRequest b = forwardAgain(second, page);
        var answerA = first.http().sendAsync(a, HttpResponse.BodyHandlers.ofString());
        var answerB = second.http().sendAsync(b, HttpResponse.BodyHandlers.ofString());
        CompletableFuture.allOf(answerA, answerB).join();

        assertThat(List.of(answerA.join().statusCode(), answerB.join().statusCode())).containsExactlyInAnyOrder(302, 200);
        HttpResponse<String> refused = answerA.join().statusCode() == 200 ? answerA.join() : answerB.join();
        assertThat(refused.body()).contains("govuk-error-summary", "was queued a moment ago and has not gone yet");
        long id = jdbc.sql("SELECT id FROM notification WHERE reference = ?").param(reference).query(Long.class).single();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE notification_id = ? AND purpose = 'FORWARD'", id)).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(audited(reference, "FORWARDED_AGAIN")).hasSize(1));
    }

    private static HttpRequest forwardAgain(Browser browser, String page) {
        return HttpRequest.newBuilder(browser.uri(page + "/forward"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + browser.csrfToken(page))).build();
    }
}
