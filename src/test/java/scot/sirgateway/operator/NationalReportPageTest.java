package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import tools.jackson.databind.JsonNode;

/**
 * The national report page in a real browser, checked with axe-core: an operator signed in with both factors
 * sends a bad period (the error summary names it), then today's period after posting a burglary and a suicide
 * through the API; the figures, Table 2, Table 3 and the monthly trend are shown with a chart each and agree with
 * {@code GET /api/reports/national} for the same period; the CSV link downloads the CSV with the page's session.
 * The shared gateway receives other tests' notifications today too, so counts are compared with the API's
 * (read before and after the page, the page drawn again if they differ), and with this test's own at least.
 */
class NationalReportPageTest extends GatewayTest {

    static final String USER = "report-page-operator";
    static final String PASSWORD = "report-page-operator-password";
    static final String EMAIL = "report-page-operator@inspectorate.test";

    Chromium browser;
    String token;

    @BeforeEach
    void operatorPerson() {
        if (jdbc.sql("SELECT COUNT(*) FROM operator_account WHERE username = ?").param(USER).query(Long.class).single() == 0) {
            assertThat(post("/api/admin/accounts", "{\"username\":\"" + USER + "\",\"role\":\"OPERATOR\",\"email\":\""
                    + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(201);
        }
        browser = Chromium.start(port);
    }

    @AfterEach
    void quit() {
        browser.close();
    }

    @Test
    void operatorShouldSeeTheReportForAPeriodWithChartsAndDownloadItsCsv() throws Exception {
        postNotification("report-page-1", "BURGLARY");
        postNotification("report-page-2", "SUICIDE");
        LocalDate today = LocalDate.now(GatewayClock.ZONE);

        browser.signIn(USER, PASSWORD, EMAIL);
        browser.open("/reports/national");
        assertThat(browser.title()).isEqualTo("National report - SIR Gateway");
        assertThat(browser.findAll(".govuk-error-summary")).isEmpty();
        assertThat(browser.findAll("#figures")).as("no report before a period is given").isEmpty();
        browser.checkAccessible();

        // a bad period: a start date that is not a real date, an end before the start
        typeDate("from", "31", "2", "2026");
        typeDate("to", "1", "1", "2026");
        browser.press("Show the report");
        assertThat(browser.title()).isEqualTo("Error: National report - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("There is a problem")
                .contains("The start date must be a real date");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#from-day");
        assertThat(browser.find("#from-error").getText()).contains("The start date must be a real date");
        assertThat(browser.find("#from-day").getAttribute("value")).isEqualTo("31");
        assertThat(browser.find("#from-year").getAttribute("class")).contains("govuk-input--error");
        browser.checkAccessible();

        typeDate("from", "5", "1", "2026");
        browser.press("Show the report");
        assertThat(browser.find(".govuk-error-summary").getText())
                .contains("The end date must be the same as or after the start date");
        assertThat(browser.find("#to-error")).isNotNull();
        browser.checkAccessible();

        typeDate("from", "", "1", "2010");
        browser.press("Show the report");
        assertThat(browser.find("#from-error").getText()).contains("The start date must include a day");
        assertThat(browser.find("#from-month").getAttribute("value")).isEqualTo("1");
        assertThat(browser.find("#from-day").getAttribute("class")).contains("govuk-input--error");
        assertThat(browser.find("#from-month").getAttribute("class")).doesNotContain("govuk-input--error");
        typeDate("from", "1", "1", "2010");
        typeDate("to", "2", "1", "2020");
        browser.press("Show the report");
        assertThat(browser.find("#to-error").getText()).contains("The period must be 10 years or shorter");
        assertThat(browser.findAll("#figures")).isEmpty();

        // the period as yyyy-mm-dd in the address, as the API takes it, fills the form in
        browser.open("/reports/national?from=" + today + "&to=" + today);
        assertThat(browser.find("#to-year").getAttribute("value")).isEqualTo(year(today));
        assertThat(browser.findAll("#figures")).hasSize(1);

        // today's period
        typeDate("from", day(today), month(today), year(today));
        typeDate("to", day(today), month(today), year(today));
        String report = "/api/reports/national?from=" + today + "&to=" + today;
        JsonNode before = api(report);
        browser.press("Show the report");
        JsonNode api = api(report);
        // another test's notification may arrive while the page is drawn: show it again until nothing changed
        for (int shown = 1; !api.equals(before) && shown < 5; shown++) {
            before = api;
            browser.open("/reports/national?from-day=" + day(today) + "&from-month=" + month(today) + "&from-year="
                    + year(today) + "&to-day=" + day(today) + "&to-month=" + month(today) + "&to-year=" + year(today));
            api = api(report);
        }
        assertThat(api).as("the report stood still while the page was drawn").isEqualTo(before);
        assertThat(browser.title()).isEqualTo("National report - SIR Gateway");
        assertThat(browser.findAll(".govuk-error-summary")).isEmpty();
        browser.checkAccessible();

        long total = api.get("figures").get(0).get("value").asLong();
        assertThat(api.get("figures").get(0).get("key").asString()).isEqualTo("notifications_total");
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(browser.find("#figures [data-key='notifications_total'] dd").getText()).isEqualTo(String.valueOf(total));
        assertThat(browser.findAll("#figures .govuk-summary-list__row")).hasSize(api.get("figures").size());

        Map<String, String> councilsShown = rows("#by-council");
        Map<String, String> councilsApi = new LinkedHashMap<>();
        api.get("by_council").forEach(c -> councilsApi.put(c.get("council").asString(), c.get("count").asString()));
        assertThat(councilsShown).isEqualTo(councilsApi);
        assertThat(councilsShown).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Long.parseLong(councilsShown.get("Demo Council"))).isGreaterThanOrEqualTo(2);

        Map<String, String> typesApi = new HashMap<>();
        api.get("by_type").forEach(t -> typesApi.put(t.get("incident_type").asString(),
                t.get("count").asString() + " " + t.get("percent").asString() + "%"));
        Map<String, String> typesShown = new HashMap<>();
        for (WebElement row : browser.findAll("#by-type tbody tr")) {
            List<WebElement> cells = row.findElements(By.cssSelector("td"));
            typesShown.put(row.getAttribute("data-type"), cells.get(0).getText() + " " + cells.get(1).getText());
        }
        assertThat(typesShown).isEqualTo(typesApi);
        assertThat(Long.parseLong(typesShown.get("BURGLARY").split(" ")[0])).isGreaterThanOrEqualTo(1);
        assertThat(browser.find("#by-type th[scope='row']").getText()).doesNotContain("_");

        // one chart per table: an image with a summary, one bar per row, the longest bar for the largest count
        WebElement councilChart = browser.find("#council-chart");
        assertThat(councilChart.getAttribute("role")).isEqualTo("img");
        assertThat(councilChart.getAttribute("aria-label")).startsWith("Bar chart of notifications by council")
                .contains("Demo Council");
        assertThat(councilChart.findElements(By.cssSelector("rect"))).hasSize(councilsApi.size());
        assertThat(councilChart.findElement(By.cssSelector("rect")).getAttribute("width"))
                .isEqualTo(String.valueOf(NationalReportPage.BAR_SPACE));
        WebElement typeChart = browser.find("#type-chart");
        assertThat(typeChart.getAttribute("aria-label")).contains("Burglary").contains("Suicide");
        assertThat(typeChart.findElements(By.cssSelector("rect"))).hasSize(typesApi.size());
        WebElement monthChart = browser.find("#month-chart");
        assertThat(monthChart.findElements(By.cssSelector("rect"))).hasSize(1);
        assertThat(monthChart.getAttribute("aria-label")).contains(total + ".");
        assertThat(rows("#by-month").values()).containsExactly(String.valueOf(total));

        // the CSV, fetched with the browser's session as the link would be
        WebElement link = browser.find("#csv");
        assertThat(link.getText()).isEqualTo("Download as CSV");
        assertThat(link.getAttribute("download")).isEqualTo("national-report-" + today + "-to-" + today + ".csv");
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                .header("Cookie", cookies).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv.body())).getRecords();
        assertThat(records.get(0).getParser().getHeaderNames())
                .containsExactly("section", "key", "value", "numerator", "denominator");
        assertThat(records.stream().filter(r -> r.get("key").equals("notifications_total")).findFirst().orElseThrow()
                .get("value")).isEqualTo(String.valueOf(total));
        // without the session the same link is refused
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        // the README shows Table 3 with its chart; the other parts are kept under target/screenshots/
        browser.driver().executeScript("document.getElementById('table-2').scrollIntoView()");
        browser.screenshot("national-report-table-2");
        browser.driver().executeScript("document.getElementById('table-3').scrollIntoView()");
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(browser.screenshot("national-report"), docs.resolve("national-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Posts a notification through the council API with a token of Demo Council's own, received now. */
    private void postNotification(String marker, String type) throws Exception {
        if (token == null) {
            HttpResponse<String> made = post("/api/admin/councils/Demo%20Council/tokens", "{\"name\": \"report page test\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            token = json.readTree(made.body()).get("token").asString();
        }
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("local_authority");
        form.put("incident_date", "2026-11-20");
        form.put("incident_type", type);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void typeDate(String id, String day, String month, String year) {
        browser.type(id + "-day", day);
        browser.type(id + "-month", month);
        browser.type(id + "-year", year);
    }

    /** A table's rows: the row header's text to the first cell's. */
    private Map<String, String> rows(String table) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (WebElement row : browser.findAll(table + " tbody tr")) {
            rows.put(row.findElement(By.cssSelector("th")).getText(), row.findElement(By.cssSelector("td")).getText());
        }
        return rows;
    }

    private static String day(LocalDate date) {
        return String.valueOf(date.getDayOfMonth());
    }

    private static String month(LocalDate date) {
        return String.valueOf(date.getMonthValue());
    }

    private static String year(LocalDate date) {
        return String.valueOf(date.getYear());
    }
}
