package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * An operator's triage in real headless Chromium, every state checked with axe-core: a notification whose incident
 * type and date were read from its description (unsure) waits in TRIAGE; a date that is no date comes back in an
 * error summary; the corrected type and date are released with the keyboard, the page shows the notification
 * REGISTERED then FORWARDED, its timeline the forward, the correction (old -> new), and the operator's view and
 * release; Scottish Government's mailbox has the forward once. Hostile text in the subject, a field and a file name
 * shows as text. The operator withdraws it (a reason is needed); an inspector sees the page without any form.
 * One browser for the class, each test in a session of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationPageBrowserTest extends GatewayTest {

    static final String SENDER = "notification-browser@demo-council.test";
    static final String GOVERNMENT = "sir@gov-scot.test";
    static final String HOSTILE_IMG = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";

    private Chromium browser;

    @BeforeAll
    void startBrowser() {
        browser = Chromium.start(port);
    }

    @BeforeEach
    void freshSession() {
        browser.forgetSession();
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private String unsureNotification(String marker) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("incident_type");
        form.remove("incident_date");
        form.put("description", "On 20 November 2026 he was charged with serious assault. " + marker + " "
                + HOSTILE_IMG + " " + HOSTILE_SCRIPT);
        mail.send(SENDER, INTAKE, NotificationMails.withDocuments(SENDER, messageId,
                HOSTILE_SCRIPT + " Serious incident notification " + marker, form,
                new NotificationMails.Attached(HOSTILE_IMG + ".txt", "text/plain; charset=UTF-8",
                        ("Document of " + marker).getBytes(StandardCharsets.UTF_8))));
        return awaitReference(messageId);
    }

    private static void assertHostileShownAsText(Chromium browser) {
        WebElement main = browser.find("main");
        assertThat(main.getText()).contains(HOSTILE_IMG + ".txt", HOSTILE_SCRIPT + " Serious incident notification",
                HOSTILE_IMG + " " + HOSTILE_SCRIPT);
        assertThat(main.findElements(By.tagName("img"))).as("no img element made of a value").isEmpty();
        assertThat(main.findElements(By.tagName("script"))).as("no script element made of a value").isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private static String status(Chromium browser) {
        return browser.find("#status").getText();
    }

    @Test
    void operatorShouldCorrectReleaseAndSeeTheForwardThenWithdraw() {
        String reference = unsureNotification("browser-triage");
        assertThat(jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("TRIAGE");
        var person = person("OPERATOR");
        browser.signIn(person);
        browser.open("/notifications/" + reference);
        assertThat(browser.title()).isEqualTo(reference + " - SIR Gateway");
        assertThat(status(browser)).isEqualTo("Triage");
        assertThat(browser.find("#forward-state").getText()).isEqualTo("Not forwarded: waiting for triage");
        assertThat(browser.find("#field-incident_type").getText()).contains("Serious assault", "Unsure");
        assertThat(new Select(browser.find("#incident_type")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("SERIOUS_ASSAULT");
        assertHostileShownAsText(browser);
        browser.checkAccessible();

        // a date that is no date: sent back with its error, nothing changed
        browser.type("incident_date-day", "31");
        browser.type("incident_date-month", "2");
        browser.type("incident_date-year", "2026");
        new Select(browser.find("#incident_type")).selectByValue("MURDER_PERPETRATOR");
        browser.press("Release to forward");
        assertThat(browser.title()).isEqualTo("Error: " + reference + " - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("must be a real date");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#incident_date-day");
        assertThat(status(browser)).isEqualTo("Triage");
        assertThat(new Select(browser.find("#incident_type")).getFirstSelectedOption().getAttribute("value"))
                .as("the choice is kept").isEqualTo("MURDER_PERPETRATOR");
        browser.checkAccessible();
        browser.driver().executeScript("document.getElementById('triage-heading').scrollIntoView()");
        browser.screenshot("console-triage");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'RELEASED'", reference)).isZero();

        // corrected, and released with the keyboard alone
        browser.type("incident_date-day", "19");
        browser.type("incident_date-month", "11");
        WebElement page = browser.find("html");
        WebElement release = browser.driver().findElement(By.xpath("//button[normalize-space(.)='Release to forward']"));
        release.sendKeys(Keys.ENTER);
        browser.awaitNewPage(page);
        assertThat(browser.find(".govuk-notification-banner--success").getText())
                .contains(reference + " was released to forward with 2 corrections");
        assertThat(status(browser)).isIn("Registered", "Forwarded");
        assertThat(browser.findAll("#triage")).isEmpty();
        browser.checkAccessible();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open("/notifications/" + reference);
            return status(browser).equals("Forwarded");
        });
        assertThat(browser.find("#forward-state").getText()).startsWith("Sent on ");
        String timeline = browser.find("#timeline").getText();
        assertThat(timeline).contains("Received", "Released from triage", "Forwarded to Scottish Government",
                "incident_type corrected: SERIOUS_ASSAULT -> MURDER_PERPETRATOR",
                "incident_date corrected: 2026-11-20 -> 2026-11-19");
        assertThat(browser.findAll("#timeline tbody tr").stream().map(WebElement::getText)
                .filter(row -> row.contains("Released from triage") && row.contains(person.username())))
                .as("the release on the timeline and in the audit trail").hasSize(2)
                .anySatisfy(row -> assertThat(row).contains("confirmed and released from triage", "Timeline"))
                .anySatisfy(row -> assertThat(row).contains("corrected fields: incident_date, incident_type", "Audit trail"));
        assertThat(browser.findAll("#timeline tbody tr").stream().map(WebElement::getText)
                .filter(row -> row.contains("Viewed") && row.contains(person.username()))).isNotEmpty();
        assertThat(browser.find("#field-incident_type").getText()).contains("Murder or culpable homicide", "An operator",
                "100%");
        assertHostileShownAsText(browser);
        browser.checkAccessible();
        browser.screenshot("console-notification");

        assertThat(awaitOutboxDone(reference, "FORWARD")).isEqualTo(1);
        assertThat(awaitReceived(GOVERNMENT, m -> subjectOf(m).contains(reference))).isNotNull();
        assertThat(mail.received(GOVERNMENT).stream().filter(m -> subjectOf(m).contains(reference)).count()).isEqualTo(1);

        // withdraw: a reason is needed
        browser.press("Withdraw this notification");
        assertThat(browser.title()).isEqualTo("Withdraw " + reference + " - SIR Gateway");
        browser.checkAccessible();
        browser.press("Withdraw notification");
        assertThat(browser.title()).isEqualTo("Error: Withdraw " + reference + " - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter why the notification is withdrawn");
        browser.checkAccessible();
        browser.type("reason", "Sent twice by the council: a duplicate");
        browser.press("Withdraw notification");
        assertThat(status(browser)).isEqualTo("Withdrawn");
        assertThat(browser.find("#timeline").getText()).contains("Withdrawn", "Sent twice by the council: a duplicate");
        browser.checkAccessible();
    }

    @Test
    void inspectorShouldSeeThePageWithoutAnyForm() {
        String reference = unsureNotification("browser-inspector");
        var person = person("INSPECTOR");
        browser.signIn(person);
        browser.open("/notifications/" + reference);
        assertThat(status(browser)).isEqualTo("Triage");
        assertThat(browser.findAll("#triage")).isEmpty();
        assertThat(browser.findAll("#actions")).isEmpty();
        assertThat(browser.findAll("main form")).isEmpty();
        assertHostileShownAsText(browser);
        browser.checkAccessible();
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
