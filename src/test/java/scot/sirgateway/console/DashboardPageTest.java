package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.CleanGatewayTest;
import scot.sirgateway.support.TestMessages;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard and the notifications list in a real browser, checked with axe-core on each page and state: an
 * operator signs in with both factors and sees a notification waiting in triage (a mail from an unverified sender)
 * with its forward clock, and a message in quarantine (a mail from an unknown sender) with its own; follows the
 * list's filter by council and status (the same references as the API's filter), pages through the list, searches
 * by reference, and sends a date that is not one. Hostile values sent through the real paths show as text.
 */
class DashboardPageTest extends CleanGatewayTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMAGE = "<img src=x onerror=alert(1)>";

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
    void operatorShouldSeeWhatWaitsAndFindNotificationsInTheList() throws Exception {
        // a notification in triage (unverified sender) whose "other" type is hostile markup
        String sender = "dashboard-page@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm("dashboard page"));
        form.put("incident_type", "OTHER");
        form.put("incident_type_other", IMAGE);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));
        String triage = awaitReference(messageId);
        assertThat(api("/api/notifications/" + triage).get("status").asString()).isEqualTo("TRIAGE");

        // a message in quarantine from an unknown sender whose name is a script
        String quarantinedId = TestMessages.newMessageId("unknown.example");
        mail.send("dashboard-page@unknown.example", INTAKE, TestMessages.plain(
                "\"" + SCRIPT + "\" <dashboard-page@unknown.example>", quarantinedId, SCRIPT, "nothing\r\n", Map.of()));
        long quarantined = ((Number) awaitQuarantine(quarantinedId).get("id")).longValue();

        // through the council API: one of the Demo Council with a hostile "other" type, one of another council
        String token = token("Demo Council");
        Map<String, String> other = new LinkedHashMap<>(TestMessages.completeForm("dashboard api"));
        other.remove("local_authority");
        other.put("incident_date", "2026-11-20");
        other.put("incident_type", "OTHER");
        other.put("incident_type_other", SCRIPT);
        String viaApi = submit(token, other);

        browser.signIn(person("OPERATOR"));
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.title()).isEqualTo("Dashboard - SIR Gateway");
        browser.checkAccessible();

        // the triage row: its link, its type as text, its forward clock
        WebElement row = rowOf("#triage", triage);
        assertThat(row.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/notifications/" + triage);
        List<WebElement> cells = row.findElements(By.cssSelector("td"));
        assertThat(cells.get(2).getText()).isEqualTo("Other: " + IMAGE);
        OffsetDateTime due = jdbc.sql("SELECT forward_due FROM notification WHERE reference = ?").param(triage)
                .query(OffsetDateTime.class).single();
        assertThat(cells.get(4).getText()).isEqualTo(DashboardText.moment(due));
        assertThat(cells.get(5).getText()).matches("(\\d+ days?( \\d+ hours?)?|\\d+ hours?|\\d+ minutes?) left|Overdue by .+");

        // the quarantine row: its link, its sender as text, its forward clock
        WebElement entry = rowOf("#quarantine", "Entry " + quarantined);
        assertThat(entry.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/quarantine/" + quarantined);
        assertThat(entry.getText()).contains("UNKNOWN_SENDER");
        assertThat(entry.findElements(By.cssSelector("td")).get(5).getText()).matches(".+ left|Overdue by .+");
        assertThat(browser.find("main").getText()).contains("Waiting in triage: ").contains("In quarantine: ");
        assertNoMarkupRan();
        browser.screenshot("console-dashboard");

        // the keyboard alone reaches the list through the service navigation
        WebElement list = browser.driver().findElement(By.linkText("Notifications"));
        WebElement page = browser.find("html");
        list.sendKeys(Keys.ENTER);
        browser.awaitNewPage(page);
        assertThat(browser.path()).isEqualTo("/notifications");
        assertThat(browser.title()).isEqualTo("Notifications - SIR Gateway");
        assertThat(browser.find("#showing").getText()).matches("Showing 1 to \\d+ of \\d+ notifications");
        browser.checkAccessible();

        // filtered by council and status: exactly the API's references for the same filter
        LocalDate today = LocalDate.now(GatewayClock.ZONE);
        new Select(browser.find("#council")).selectByVisibleText("Demo Council");
        new Select(browser.find("#status")).selectByVisibleText("Triage");
        browser.type("from", today.toString());
        browser.type("to", today.toString());
        browser.press("Show notifications");
        List<String> expected = new ArrayList<>();
        api("/api/notifications?council=Demo%20Council&status=TRIAGE&from=" + today + "&to=" + today)
                .forEach(n -> expected.add(n.get("reference").asString()));
        List<String> shown = references();
        assertThat(shown).isEqualTo(expected.subList(0, Math.min(50, expected.size())));
        assertThat(shown).contains(triage).doesNotContain(viaApi);
        assertThat(browser.path()).contains("council=Demo+Council").contains("status=TRIAGE");
        assertThat(new Select(browser.find("#council")).getFirstSelectedOption().getText()).isEqualTo("Demo Council");
        browser.checkAccessible();

        // the hostile "other" type sent through the API shows as text on the list
        browser.open("/notifications?reference=" + viaApi);
        assertThat(browser.path()).isEqualTo("/notifications?reference=" + viaApi);
        // the rows of this page, not of the one before it: seen once, in a run of the whole suite, empty at first read
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(references()).containsExactly(viaApi));
        assertThat(browser.find("#notifications tbody tr").getText()).contains("Other: " + SCRIPT);
        assertNoMarkupRan();

        // a search by a part of a reference: every row has it
        String part = triage.substring(triage.length() - 4);
        browser.open("/notifications");
        browser.type("reference", part);
        browser.press("Show notifications");
        assertThat(references()).isNotEmpty().allSatisfy(r -> assertThat(r).contains(part)).contains(triage);

        // paging, ten a page: more than one page, the filter kept in the links
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Map<String, String> abduction = new LinkedHashMap<>(TestMessages.completeForm("dashboard paging " + i));
            abduction.remove("local_authority");
            abduction.put("incident_date", "2026-11-20");
            abduction.put("incident_type", "ABDUCTION");
            posted.add(submit(token, abduction));
        }
        assertThat(posted).allSatisfy(r -> assertThat(count(
                "SELECT COUNT(*) FROM notification WHERE reference = ? AND incident_type = 'ABDUCTION'", r)).isEqualTo(1));
        long abductions = count("SELECT COUNT(*) FROM notification WHERE incident_type = 'ABDUCTION'");
        browser.open("/notifications?type=ABDUCTION&size=10");
        assertThat(browser.find("#showing").getText()).isEqualTo("Showing 1 to 10 of " + abductions + " notifications");
        List<String> first = references();
        assertThat(first).hasSize(10);
        assertThat(browser.find(".govuk-pagination__item--current a").getText()).isEqualTo("1");
        assertThat(browser.find(".govuk-pagination__next a").getAttribute("href"))
                .contains("type=ABDUCTION").contains("size=10").contains("page=2");
        browser.checkAccessible();
        browser.screenshot("console-notifications");
        browser.press("Next page");
        assertThat(browser.find("#showing").getText()).startsWith("Showing 11 to ");
        assertThat(references()).doesNotContainAnyElementsOf(first);
        assertThat(browser.find(".govuk-pagination__prev a").getAttribute("href")).contains("page=1");
        browser.checkAccessible();

        // a date that is not one: the error summary names it, the value stays as typed, no list
        browser.open("/notifications");
        browser.type("from", "2026-02-31");
        browser.press("Show notifications");
        assertThat(browser.title()).isEqualTo("Error: Notifications - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("There is a problem")
                .contains("The received from date must be a real date");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#from");
        assertThat(browser.find("#from-error").getText()).contains("must be a real date");
        assertThat(browser.find("#from").getAttribute("value")).isEqualTo("2026-02-31");
        assertThat(browser.findAll("#notifications")).isEmpty();
        browser.checkAccessible();
    }

    private WebElement rowOf(String table, String text) {
        return browser.findAll(table + " tbody tr").stream().filter(r -> r.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError(text + " is not in " + table));
    }

    private List<String> references() {
        return browser.findAll("#notifications tbody tr td:first-child a").stream().map(WebElement::getText).toList();
    }

    /** No markup from a value ran: no image in the page's main part, no alert open. */
    private void assertNoMarkupRan() {
        assertThat(browser.findAll("main img")).isEmpty();
        assertThat(browser.findAll("main script")).isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private String token(String council) {
        HttpResponse<String> made = post("/api/admin/councils/" + URLEncoder.encode(council, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/tokens", "{\"name\": \"dashboard page test\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return json.readTree(made.body()).get("token").asString();
    }

    private String submit(String token, Map<String, String> form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answer = json.readTree(response.body());
        String reference = answer.get("reference").asString();
        // the council API answers with the reference; registration goes on through the pipeline
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM notification WHERE reference = ?", reference) == 1);
        return reference;
    }
}
