package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * Hostile words typed into the console's own forms come back as text wherever a page shows them: a withdrawal's
 * and a reminders pause's reason on the notification's timeline, a dismissal's reason on the quarantine entry's
 * page, and each of them (and a question to the council) in its form again when it is sent back with an error (a
 * textarea closed early, an attribute left); a due date of year 99999 or 0 is an error, not a failure. None reaches
 * {@code audit_event.detail}.
 */
class ConsoleHostileValuesTest extends GatewayTest {

    private static final String HOSTILE = "</textarea><script>alert(1)</script><img src=x onerror=alert(1)>\"'>";
    private static final String ESCAPED = "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";

    private static void assertShownAsText(HttpResponse<String> page, String what) {
        assertThat(page.statusCode()).as(what).isEqualTo(200);
        assertThat(page.body()).as(what).contains(ESCAPED).doesNotContain("<script>alert(1)", "<img src=x", "</textarea><script>");
    }

    @Test
    void reasonsQuestionsAndTheirErrorsShouldShowAsText() {
        var operatorPerson = person("OPERATOR");
        Browser operator = new Browser(port);
        operator.signIn(mail, operatorPerson.username(), operatorPerson.password(), operatorPerson.email());
        var inspectorPerson = person("INSPECTOR");
        Browser inspector = new Browser(port);
        inspector.signIn(mail, inspectorPerson.username(), inspectorPerson.password(), inspectorPerson.email());

        String reference = notify("console-hostile@demo-council.test", "console-hostile");
        String page = "/notifications/" + reference;
        assertThat(operator.post(page + "/reminders/pause", page, Map.of("reason", "Paused " + HOSTILE)).statusCode()).isEqualTo(302);
        // too long: sent back with the reason in its textarea, nothing changed
        HttpResponse<String> tooLong = operator.post(page + "/withdraw", page, Map.of("reason", HOSTILE + "x".repeat(600)));
        assertShownAsText(tooLong, "withdrawal sent back");
        assertThat(operator.post(page + "/withdraw", page, Map.of("reason", "Withdrawn " + HOSTILE)).statusCode()).isEqualTo(302);
        assertShownAsText(operator.get(page), "timeline");

        String sender = "console-hostile-q@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Nothing", "No form here", Map.of()));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();
        String entry = "/quarantine/" + id;
        HttpResponse<String> longDismiss = operator.post(entry + "/dismiss", entry, Map.of("reason", HOSTILE + "x".repeat(1100)));
        assertShownAsText(longDismiss, "dismissal sent back");
        assertThat(operator.post(entry + "/dismiss", entry, Map.of("reason", "Dismissed " + HOSTILE)).statusCode()).isEqualTo(302);
        HttpResponse<String> closed = operator.get(entry);
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).doesNotContain("<script>alert(1)", "<img src=x");

        String reviewed = notify("console-hostile-r@demo-council.test", "console-hostile-r");
        HttpResponse<String> made = post("/api/notifications/" + reviewed + "/reviews", "{\"review_type\":\"IAR\","
                + "\"reviewer_name\":\"Reviewer Hostile\",\"reviewer_role\":\"Manager\",\"signoff_name\":\"Signer Hostile\","
                + "\"signoff_role\":\"Head of Service\",\"signoff_date\":\""
                + java.time.LocalDate.now(scot.sirgateway.GatewayClock.ZONE) + "\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(post("/api/notifications/" + reviewed + "/inspector", "{\"username\":\"" + inspectorPerson.username() + "\"}")
                .statusCode()).isEqualTo(200);
        String review = "/notifications/" + reviewed + "/reviews/1";
        HttpResponse<String> noDate = inspector.post("/notifications/" + reviewed + "/information-requests", review,
                Map.of("review_id", "1", "question", HOSTILE, "due-day", "1", "due-month", "1", "due-year", "99999"));
        assertShownAsText(noDate, "question sent back");
        HttpResponse<String> yearZero = inspector.post("/notifications/" + reviewed + "/information-requests", review,
                Map.of("review_id", "1", "question", HOSTILE, "due-day", "1", "due-month", "1", "due-year", "0000"));
        assertThat(yearZero.statusCode()).isEqualTo(200);
        assertThat(yearZero.body()).contains("govuk-error-summary");
        HttpResponse<String> asked = inspector.post("/notifications/" + reviewed + "/information-requests", review,
                Map.of("review_id", "1", "question", "Question " + HOSTILE, "due-day", "1", "due-month", "1",
                        "due-year", String.valueOf(java.time.LocalDate.now().getYear() + 1)));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(302);
        // the question is mailed to the council; the review's page lists the request without it
        HttpResponse<String> reviewPage = inspector.get(review);
        assertThat(reviewPage.statusCode()).isEqualTo(200);
        assertThat(reviewPage.body()).doesNotContain("<script>alert(1)", "<img src=x");

        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%alert(1)%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'INFORMATION_REQUESTED'", reviewed)).isEqualTo(1);
    }
}
