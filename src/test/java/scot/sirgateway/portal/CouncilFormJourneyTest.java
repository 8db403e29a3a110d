package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.MutableClock;

/**
 * A council user's journey through the web form in a real browser, every page checked with axe-core: two
 * sections with a mistake each (the error summary has the focus and links to the field, the message stands
 * by it, what was typed is shown again), a section done with the keyboard alone, sign out, come back the next
 * day, find the draft, finish, check answers, submit; then the notification is in the API as a form's, its
 * acknowledgement in the signed-in account's mailbox and its forward in Scottish Government's. The gateway has its own
 * database, intake mailbox, recipients and a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-portal-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-portal-journey@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-portal-journey@sir-gateway.test"})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
@ContextConfiguration(initializers = CouncilFormJourneyTest.OwnMailbox.class)
class CouncilFormJourneyTest extends GatewayClient {

    static final String INTAKE = "portal-journey-intake@sir-gateway.test";
    static final String USER = "portal-journey";
    static final String PASSWORD = "portal-journey-password";
    static final String USER_EMAIL = "portal-journey-user@demo-council.test";
    static final String NOTIFIER = "portal-journey-notifier@demo-council.test";
    static final String GOVERNMENT = "sir-portal-journey@gov-scot.test";
    static final String SCRIPT = "<script>alert(1)</script>";

    /** This gateway's own intake mailbox on the shared mail server. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("portal-journey-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    MutableClock clock;

    Chromium browser;

    @BeforeEach
    void councilUser() {
        clock.set(LocalDateTime.of(2026, 11, 30, 10, 0).atZone(GatewayClock.ZONE).toInstant());
        if (count("SELECT COUNT(*) FROM operator_account WHERE username = ?", USER) == 0) {
            assertThat(post("/api/admin/accounts", "{\"username\":\"" + USER + "\",\"role\":\"COUNCIL\","
                    + "\"council\":\"Demo Council\",\"email\":\"" + USER_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}")
                    .statusCode()).isEqualTo(201);
        }
        browser = Chromium.start(port);
    }

    @AfterEach
    void quit() {
        browser.close();
    }

    @Test
    void councilUserShouldWriteSaveReturnAndSubmitANotification() throws Exception {
        browser.signIn(USER, PASSWORD, USER_EMAIL);
        browser.open("/council");
        assertThat(browser.title()).isEqualTo("Your council's notifications - SIR Gateway");
        browser.checkAccessible();
        browser.press("Start a new notification");

        // the task list: every section not yet started, checking answers not possible yet
        assertThat(browser.title()).isEqualTo("Serious incident notification - SIR Gateway");
        assertThat(browser.find("#notifier-status").getText()).isEqualTo("Not yet started");
        assertThat(browser.find("#check-status").getText()).isEqualTo("Cannot start yet");
        browser.checkAccessible();
        String draft = browser.path();

        // who is notifying, with an address that is not one
        browser.press("Who is notifying");
        assertThat(browser.findAll("#local_authority")).as("the council is never asked").isEmpty();
        browser.type("notifier_name", "Alex Example");
        browser.type("notifier_role", "Team Leader");
        browser.type("notifier_email", "not-an-address");
        browser.type("notifier_phone", "01632 960 001");
        browser.checkAccessible();
        browser.press("Save and continue");
        assertThat(browser.title()).isEqualTo("Error: Who is notifying - SIR Gateway");
        WebElement summary = browser.find(".govuk-error-summary");
        assertThat(summary.getText()).contains("There is a problem");
        assertThat(browser.driver().switchTo().activeElement()).as("the error summary has the focus").isEqualTo(summary);
        assertThat(browser.find(".govuk-error-summary__list a").getAttribute("href")).endsWith("#notifier_email");
        assertThat(browser.find("#notifier_email-error").getText())
                .contains("Enter your email address in the correct format");
        assertThat(browser.find("#notifier_email").getAttribute("value")).isEqualTo("not-an-address");
        assertThat(browser.find("#notifier_name").getAttribute("value")).isEqualTo("Alex Example");
        browser.checkAccessible();
        browser.screenshot("section-with-errors");
        browser.find(".govuk-error-summary__list a").click();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("notifier_email");
        browser.type("notifier_email", NOTIFIER);
        browser.press("Save and continue");
        assertThat(browser.find(".govuk-notification-banner").getText()).contains("have been saved");
        assertThat(browser.find("#notifier-status").getText()).isEqualTo("Completed");
        browser.checkAccessible();

        // the incident, with a date that is not one, saved to come back later
        browser.press("The incident");
        browser.type("incident_date-day", "31");
        browser.type("incident_date-month", "2");
        browser.type("incident_date-year", "2026");
        browser.find("#incident_category").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#incident_type")).selectByValue("SERIOUS_ASSAULT");
        browser.press("Save and come back later");
        assertThat(browser.title()).isEqualTo("Error: The incident - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary__list a").getAttribute("href")).endsWith("#incident_date-day");
        assertThat(browser.find("#incident_date-error").getText()).contains("The date of the incident must be a real date");
        assertThat(browser.find("#incident_date-day").getAttribute("value")).isEqualTo("31");
        browser.checkAccessible();
        browser.type("incident_date-day", "27");
        browser.type("incident_date-month", "11");
        browser.press("Save and come back later");
        assertThat(browser.find(".govuk-notification-banner").getText()).contains("come back to this draft");
        assertThat(browser.find("#incident-status").getText()).isEqualTo("Completed");
        browser.signOut();

        // the next day, back to the draft
        clock.advance(Duration.ofDays(1));
        browser.signIn(USER, PASSWORD, USER_EMAIL);
        browser.open("/council");
        assertThat(browser.find("table").getText()).contains("Notification").contains("sections to complete");
        browser.press("Continue draft 1, last saved 30 November 2026 at 10:00am");
        assertThat(browser.path()).isEqualTo(draft);
        assertThat(browser.find("#notifier-status").getText()).isEqualTo("Completed");
        assertThat(browser.find("#signoff-status").getText()).isEqualTo("Not yet started");

        // who signed it off, with the keyboard alone
        browser.press("Who signed it off");
        WebElement body = browser.find("body");
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 20 && !"signoff_name".equals(browser.driver().switchTo().activeElement().getAttribute("id")); i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("signoff_name");
        focused.sendKeys("Sam Manager");
        focused.sendKeys(Keys.TAB);
        browser.driver().switchTo().activeElement().sendKeys("Service Manager");
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Save and continue");
        WebElement sectionPage = browser.find("html");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.awaitNewPage(sectionPage);
        assertThat(browser.find("#signoff-status").getText()).isEqualTo("Completed");

        // the offender
        browser.press("The offender and their order");
        browser.type("offender_ref", "CJ-1234");
        browser.type("offender_initials", "J S");
        browser.type("offender_dob-day", "31");
        browser.type("offender_dob-month", "3");
        browser.type("offender_dob-year", "1980");
        browser.type("offender_gender", "Male");
        browser.find("label[for=order_type]").click();
        browser.checkAccessible();
        browser.press("Save and continue");
        assertThat(browser.find("#offender-status").getText()).isEqualTo("Completed");

        // MAPPA: the level is asked under "Yes"
        browser.press("MAPPA and risk assessment");
        browser.find("#mappa").click();
        assertThat(browser.find("#conditional-mappa").isDisplayed()).as("the MAPPA questions are revealed").isTrue();
        browser.find("#mappa_category").click();
        browser.find("#mappa_level").click();
        browser.find("#sog_notified-2").click();
        browser.find("#lscmi_completed-2").click();
        browser.find("#rmp_in_place").click();
        browser.checkAccessible();
        browser.press("Save and continue");
        assertThat(browser.find("#risk-status").getText()).isEqualTo("Completed");

        browser.press("What happened");
        browser.type("description", "Charged with serious assault after an incident at a bus station.");
        browser.type("agencies_involved", SCRIPT);
        browser.checkAccessible();
        browser.press("Save and continue");
        assertThat(browser.find("#description-status").getText()).isEqualTo("Completed");
        assertInert();
        browser.checkAccessible();
        browser.screenshot("task-list");

        // check answers
        browser.press("Check your answers and submit");
        assertThat(browser.title()).isEqualTo("Check your answers - SIR Gateway");
        assertThat(browser.find("main").getText()).contains("27 November 2026").contains("Community Payback Order")
                .contains("Serious assault");
        assertInert();
        browser.checkAccessible();
        browser.screenshot("check-answers");
        browser.press("Submit notification");

        // the confirmation with the reference
        assertThat(browser.title()).isEqualTo("Notification submitted - SIR Gateway");
        String reference = browser.find(".govuk-panel__body strong").getText();
        assertThat(reference).startsWith("SIR-2026-");
        assertInert();
        browser.checkAccessible();
        browser.screenshot("confirmation");
        assertThat(count("SELECT COUNT(*) FROM form_draft")).as("the draft is gone once submitted").isZero();

        // the notification, a form's, acknowledged to the notifier and forwarded
        assertThat(api("/api/notifications/" + reference).get("source").asString()).isEqualTo("FORM");
        // the account's mailbox also holds its sign-in codes: the acknowledgement is the mail naming the reference
        MimeMessage acknowledgement = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.received(USER_EMAIL).stream().filter(m -> subject(m).contains(reference)).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertThat(acknowledgement.getContentType()).as("plain text: what was typed stays inert")
                .doesNotContainIgnoringCase("html");
        assertThat(awaitReceived(GOVERNMENT, 1)).hasSize(1);

        // its page, from the council's list
        browser.open("/council");
        browser.press(reference);
        assertThat(browser.title()).isEqualTo("Notification " + reference + " - SIR Gateway");
        assertThat(browser.find("main").getText()).contains("Sam Manager").contains(SCRIPT);
        assertInert();
        browser.checkAccessible();

        keepScreenshots("task-list", "section-with-errors", "check-answers", "confirmation");
    }

    /** The README shows these pages: copied beside it, under docs/screenshots/. */
    private static void keepScreenshots(String... names) throws Exception {
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        for (String name : names) {
            Files.copy(Path.of("target", "screenshots", name + ".png"), docs.resolve("council-" + name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Markup typed into an answer is shown as text: escaped in the page's source, and no alert opened. */
    private void assertInert() {
        assertThat(browser.source()).doesNotContain(SCRIPT);
        assertThat(browser.driver().findElements(By.xpath("//script[contains(., 'alert(1)')]"))).isEmpty();
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("an alert opened on " + browser.path());
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // what was typed stayed text
        }
    }
}
