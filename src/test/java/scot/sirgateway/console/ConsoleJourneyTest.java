package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Browser;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.CleanGatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;

/**
 * An operator's day at the console in real headless Chromium, on a gateway of its own (so the dashboard holds only
 * this test's messages), every page checked with axe-core: the dashboard shows a notification waiting in triage
 * and two messages in quarantine; the operator follows the triage row, corrects the incident type and releases it
 * (the forward that follows, once, on its timeline: {@link NotificationPageBrowserTest}); gives the PDF password
 * of a quarantined message and sees it registered; dismisses the other with a reason; opens the national report
 * for today and downloads its CSV, which counts the two notifications; signs out. An inspector then sees the same
 * pages in the same browser with no form, and a release or dismissal posted in the inspector's session is refused
 * with nothing changed.
 */
class ConsoleJourneyTest extends CleanGatewayTest {

    static final String COUNCIL_SENDER = "console-journey@demo-council.test";

    @Test
    void operatorShouldTriageReleaseFixQuarantineAndReportWhileAnInspectorCannotAct() throws Exception {
        // a notification whose type was only read from its description: unsure, so it waits in triage
        String triageMessage = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm("console journey"));
        form.remove("incident_type");
        form.put("description", "On 20 November 2026 he was charged with serious assault.");
        mail.send(COUNCIL_SENDER, INTAKE, TestMessages.plainNotification(COUNCIL_SENDER, triageMessage, form));
        String reference = awaitReference(triageMessage);
        assertThat(api("/api/notifications/" + reference).get("status").asString()).isEqualTo("TRIAGE");

        // a form in a PDF with a password the council gives by telephone, and a mail from nobody the gateway knows
        String pdfMessage = TestMessages.newMessageId("demo-council.test");
        byte[] pdf = TestPdfs.form(TestMessages.completeForm("console journey pdf"), TestPdfs.Protection.AES_256,
                "said-on-the-phone");
        mail.send(COUNCIL_SENDER, INTAKE, TestPdfs.mailWithAttachment(COUNCIL_SENDER, pdfMessage, "locked.pdf", pdf));
        long locked = id(awaitQuarantine(pdfMessage));
        String strangerMessage = TestMessages.newMessageId("unknown.example");
        mail.send("someone@unknown.example", INTAKE, TestMessages.plain("someone@unknown.example", strangerMessage,
                "Hello", "nothing to see\r\n", Map.of()));
        long stranger = id(awaitQuarantine(strangerMessage));

        Person inspector = person("INSPECTOR");
        try (Chromium browser = Chromium.start(port)) {
            browser.signIn(person("OPERATOR"));
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.find("#triage-heading").getText()).isEqualTo("Waiting in triage: 1");
            assertThat(browser.find("#quarantine-heading").getText()).isEqualTo("In quarantine: 2");
            WebElement triageRow = browser.find("#triage tbody tr");
            assertThat(triageRow.getText()).contains(reference).contains("left");
            browser.checkAccessible();
            browser.screenshot("console-dashboard");

            // from the dashboard to the notification: correct its type, release it
            WebElement dashboard = browser.find("html");
            triageRow.findElement(By.cssSelector("a")).click();
            browser.awaitNewPage(dashboard);
            assertThat(browser.path()).isEqualTo("/notifications/" + reference);
            assertThat(browser.find("#status").getText()).isEqualTo("Triage");
            new Select(browser.find("#incident_type")).selectByValue("MURDER_PERPETRATOR");
            browser.checkAccessible();
            browser.press("Release to forward");
            // the forward that follows, its timeline and the corrected field: NotificationPageBrowserTest
            assertThat(browser.find(".govuk-notification-banner--success").getText()).contains(reference);

            // the PDF's password, from the dashboard's quarantine row
            browser.open("/");
            WebElement pdfRow = browser.find("#quarantine a[href$='/quarantine/" + locked + "']");
            dashboard = browser.find("html");
            pdfRow.click();
            browser.awaitNewPage(dashboard);
            assertThat(browser.find("#reason-code").getText()).isEqualTo("PDF_PASSWORD_REQUIRED");
            browser.type("password", "said-on-the-phone");
            browser.press("Give the password");
            assertThat(browser.find("#banner").getText()).contains("goes through the stages again");
            String fromPdf = awaitReference(pdfMessage);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.open("/quarantine/" + locked);
                return browser.findAll("#outcome").stream().anyMatch(o -> o.getText().contains("Registered as " + fromPdf));
            });
            browser.checkAccessible();

            // the stranger's mail, dismissed with a reason (none first)
            browser.open("/quarantine/" + stranger);
            browser.press("Dismiss the message");
            browser.press("Dismiss the message");
            assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter why you are dismissing the message");
            browser.checkAccessible();
            browser.type("reason", "Not a notification: an unknown sender's test mail");
            browser.press("Dismiss the message");
            assertThat(browser.find("#state").getText()).isEqualTo("Dismissed");
            browser.open("/");
            // the notification read from the PDF came in clear mail, unsigned: it waits in triage in its turn
            assertThat(browser.find("#triage-heading").getText()).isEqualTo("Waiting in triage: 1");
            assertThat(browser.find("#triage tbody tr").getText()).contains(fromPdf);
            assertThat(browser.find("#quarantine-heading").getText()).isEqualTo("In quarantine: 0");

            // the national report for today, and its CSV with the page's session
            browser.press("National report");
            LocalDate today = LocalDate.now(GatewayClock.ZONE);
            for (String end : List.of("from", "to")) {
                browser.type(end + "-day", String.valueOf(today.getDayOfMonth()));
                browser.type(end + "-month", String.valueOf(today.getMonthValue()));
                browser.type(end + "-year", String.valueOf(today.getYear()));
            }
            browser.press("Show the report");
            browser.checkAccessible();
            String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(browser.find("#csv").getAttribute("href"))).header("Cookie", cookies).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv.body()))
                    .getRecords();
            assertThat(records.stream().filter(r -> r.get("key").equals("notifications_total")).findFirst().orElseThrow()
                    .get("value")).as("the released notification and the one from the PDF").isEqualTo("2");
            browser.signOut();

            // an inspector, in the same browser, sees the pages and cannot act
            browser.signIn(inspector);
            browser.open("/notifications/" + reference);
            assertThat(browser.findAll("main form")).isEmpty();
            browser.open("/quarantine/" + stranger);
            assertThat(browser.findAll("main form")).isEmpty();
            browser.checkAccessible();
        }
        String triageAgain = TestMessages.newMessageId("demo-council.test");
        mail.send(COUNCIL_SENDER, INTAKE, TestMessages.plainNotification(COUNCIL_SENDER, triageAgain, form));
        String waiting = awaitReference(triageAgain);
        String strangerAgain = TestMessages.newMessageId("unknown.example");
        mail.send("someone@unknown.example", INTAKE, TestMessages.plain("someone@unknown.example", strangerAgain,
                "Hello again", "nothing to see\r\n", Map.of()));
        long open = id(awaitQuarantine(strangerAgain));
        Browser session = new Browser(port);
        session.signIn(mail, inspector.username(), inspector.password(), inspector.email());
        assertThat(session.post("/notifications/" + waiting + "/release", "/notifications/" + waiting, Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(session.post("/quarantine/" + open + "/dismiss", "/quarantine/" + open, Map.of("reason", "no"))
                .statusCode()).isEqualTo(403);
        assertThat(api("/api/notifications/" + waiting).get("status").asString()).isEqualTo("TRIAGE");
        assertThat(jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(open).query(String.class).single())
                .isEqualTo("OPEN");
    }

    private static long id(Map<String, Object> entry) {
        return ((Number) entry.get("id")).longValue();
    }
}
