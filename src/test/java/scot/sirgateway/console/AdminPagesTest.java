package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The admin pages in a real browser, checked with axe-core on every page: an admin signed in with both factors
 * sees what needs attention, the council registry with the placeholder CSWO addresses marked, makes an API token
 * for the demo council (shown once; it then submits and reads that council's notifications), revokes it (then
 * 401), makes an inspector's account (a form with errors first) and unlocks an account locked by wrong passwords;
 * hostile values (a token's name, a typed address) show as text. Operators and inspectors are refused.
 */
class AdminPagesTest extends GatewayTest {

    static final String HOSTILE = "<script>alert(1)</script>";
    static final String HOSTILE_IMG = "<img src=x onerror=alert(1)>";

    @Test
    void adminShouldSeeTheRegistryAndManageTokensAndAccounts() throws Exception {
        Person admin = person("ADMIN");
        // an account to lock through the real sign-in: wrong passwords in a row
        Person locked = person("OPERATOR");
        Browser guesser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            guesser.password(locked.username(), "not-the-password");
        }
        assertThat(count("SELECT COUNT(*) FROM operator_account WHERE username = ? AND locked_at IS NOT NULL",
                locked.username())).isEqualTo(1);

        try (Chromium browser = Chromium.start(port)) {
            browser.signIn(admin);

            // the index: what needs attention
            browser.open("/admin");
            assertThat(browser.title()).isEqualTo("Admin - SIR Gateway");
            assertThat(browser.find("main").getText())
                    .containsPattern("\\d+ councils have a placeholder or missing CSWO address")
                    .containsPattern("\\d+ accounts? locked");
            browser.checkAccessible();

            // the registry: a placeholder CSWO marked, the demo council's set
            browser.press("Council registry");
            assertThat(browser.title()).isEqualTo("Council registry - SIR Gateway");
            assertThat(row(browser, "Aberdeen City").getText()).contains("Placeholder address").contains("Not confirmed");
            assertThat(row(browser, "Demo Council").getText()).contains("Set").contains("Confirmed");
            assertThat(browser.findAll("#councils tbody tr")).hasSizeGreaterThanOrEqualTo(34);
            browser.checkAccessible();
            browser.screenshot("console-admin-councils");

            browser.open("/admin/councils/aberdeen-city");
            assertThat(browser.find("#contacts").getText()).contains("cswo@aberdeen-city.invalid").contains("Placeholder address");
            browser.checkAccessible();
            browser.open("/admin/councils/no-such-council");
            assertThat(browser.title()).doesNotContain("Council registry");

            // a token without a name: the error summary, nothing made
            browser.open("/admin/councils/demo-council");
            assertThat(browser.title()).isEqualTo("Demo Council - Council registry - SIR Gateway");
            long tokensBefore = count("SELECT COUNT(*) FROM council_api_token WHERE council = 'Demo Council'");
            browser.press("Make token");
            assertThat(browser.title()).isEqualTo("Error: Demo Council - Council registry - SIR Gateway");
            assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter a name for the token");
            assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#token-name");
            browser.checkAccessible();
            assertThat(count("SELECT COUNT(*) FROM council_api_token WHERE council = 'Demo Council'")).isEqualTo(tokensBefore);

            // a token named with a hostile value: shown once, the name as text
            String name = HOSTILE + " " + HOSTILE_IMG;
            browser.type("token-name", name);
            browser.press("Make token");
            String secret = browser.find("#token-secret").getText();
            assertThat(secret).startsWith("sirt_");
            assertThat(browser.find("#made-token").getText()).contains(name).contains("It will not be shown again");
            assertNoHostileElements(browser);
            browser.checkAccessible();

            // the token works for its council: a submission, then reading it
            String reference = submitWithToken(secret);
            assertThat(bearer("/api/notifications/" + reference, secret).statusCode()).isEqualTo(200);

            browser.open("/admin/councils/demo-council");
            assertThat(browser.findAll("#token-secret")).as("the token is shown once only").isEmpty();
            assertThat(browser.source()).doesNotContain(secret);
            long id = count("SELECT MAX(id) FROM council_api_token WHERE council = 'Demo Council'");
            WebElement tokenRow = browser.find("#token-list tr[data-token='" + id + "']");
            assertThat(tokenRow.getText()).contains(name).contains("Live").doesNotContain("Not used yet");
            assertNoHostileElements(browser);

            // revoke: asked first, then refused at the API
            WebElement page = browser.find("html");
            tokenRow.findElement(By.cssSelector("a[href$='/tokens/" + id + "/revoke']")).click();
            browser.awaitNewPage(page);
            assertThat(browser.title()).isEqualTo("Revoke the API token - SIR Gateway");
            assertThat(browser.find("h1").getText()).contains(name);
            browser.checkAccessible();
            browser.press("Revoke token");
            assertThat(browser.find("#revoked-token").getText()).contains("revoked");
            assertThat(browser.find("#token-list tr[data-token='" + id + "']").getText()).contains("Revoked");
            browser.checkAccessible();
            assertThat(bearer("/api/notifications/" + reference, secret).statusCode()).isEqualTo(401);

            // a person's account: errors first, a hostile address shown as text
            browser.open("/admin/accounts/new");
            assertThat(browser.title()).isEqualTo("Make a person's account - SIR Gateway");
            browser.checkAccessible();
            browser.press("Make the account");
            assertThat(browser.title()).isEqualTo("Error: Make a person's account - SIR Gateway");
            assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter a username").contains("Select a role")
                    .contains("Enter an email address");
            assertThat(browser.find(".govuk-error-summary a[href='#role']")).isNotNull();
            browser.checkAccessible();

            String username = "adminpages-new-inspector";
            browser.type("username", username);
            browser.find("#role-inspector").click();
            browser.type("email", HOSTILE_IMG);
            browser.press("Make the account");
            assertThat(browser.find("#email-error").getText()).contains("one plain address");
            assertThat(browser.find("#email").getAttribute("value")).isEqualTo(HOSTILE_IMG);
            assertThat(browser.find("#role-inspector").isSelected()).isTrue();
            assertNoHostileElements(browser);
            browser.checkAccessible();
            assertThat(count("SELECT COUNT(*) FROM operator_account WHERE username = ?", username)).isZero();

            browser.type("email", username + "@inspectorate.test");
            browser.type("password", "short");
            browser.press("Make the account");
            assertThat(browser.find("#password-error").getText()).contains("at least 12 characters");

            browser.type("email", username + "@inspectorate.test");
            browser.press("Make the account");
            assertThat(browser.path()).startsWith("/admin/accounts");
            assertThat(browser.find("#created").getText()).contains("Account " + username + " made");
            assertThat(browser.find("#initial-password").getText()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(browser.findAll("#recovery-codes li")).isNotEmpty();
            assertThat(row(browser, username).getText()).contains("INSPECTOR").contains(username + "@inspectorate.test");
            browser.checkAccessible();

            // unlock the locked one (the page again: the banner's secrets are gone from it)
            browser.open("/admin/accounts");
            assertThat(browser.findAll("#initial-password")).isEmpty();
            assertThat(row(browser, locked.username()).getText()).contains("Locked").contains("until");
            assertThat(row(browser, admin.username()).getText()).contains("Code by email");
            assertThat(row(browser, "operator").getText()).contains("None: a program's account");
            browser.screenshot("console-admin-accounts");
            browser.press("Unlock " + locked.username());
            assertThat(browser.find("#unlocked").getText()).contains(locked.username());
            assertThat(row(browser, locked.username()).getText()).contains("Active").doesNotContain("Locked");
            assertThat(count("SELECT COUNT(*) FROM operator_account WHERE username = ? AND locked_at IS NULL "
                    + "AND failed_sign_ins = 0", locked.username())).isEqualTo(1);
            assertThat(row(browser, admin.username()).getText()).as("the admin's own sign-in").doesNotContain("Not yet");
            browser.checkAccessible();

            // new recovery codes, shown once
            browser.press("New recovery codes for " + username);
            assertThat(browser.title()).isEqualTo("New recovery codes - SIR Gateway");
            browser.checkAccessible();
            browser.press("Make new recovery codes");
            assertThat(browser.find("#new-codes").getText()).contains("New recovery codes for " + username);
            assertThat(browser.findAll("#recovery-codes li")).isNotEmpty();
            browser.open("/admin/accounts");
            assertThat(browser.findAll("#recovery-codes")).isEmpty();

            // the holidays and the reminder schedule, read only
            browser.open("/admin/holidays");
            assertThat(browser.title()).isEqualTo("Holidays - SIR Gateway");
            assertThat(browser.find("main").getText()).contains("St Andrew").doesNotContain("Error")
                    .contains("gateway.calendar.extra-holidays");
            browser.checkAccessible();
            browser.open("/admin/reminders");
            assertThat(browser.title()).isEqualTo("Reminder schedule - SIR Gateway");
            assertThat(browser.find("#schedule-1").getText()).contains("28 days and 7 days before the due date")
                    .contains("the council's CSWO copied from the 2nd overdue reminder on");
            browser.checkAccessible();
        }

        assertThat(actions(admin.username())).contains("TOKEN_MADE", "TOKEN_REVOKED", "ACCOUNT_CREATED", "UNLOCK",
                "RECOVERY_CODES_ISSUED");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = ?").param(admin.username()).query(String.class)
                .list()).noneMatch(detail -> detail != null && detail.contains("@"));
    }

    @Test
    void operatorsAndInspectorsShouldBeRefusedTheAdminPages() {
        for (String role : List.of("OPERATOR", "INSPECTOR")) {
            Person person = person(role);
            if (role.equals("OPERATOR")) {
                // the other test locks this person; start from a clean count
                jdbc.sql("UPDATE operator_account SET locked_at = NULL, failed_sign_ins = 0 WHERE username = ?")
                        .param(person.username()).update();
            }
            Browser browser = new Browser(port);
            browser.signIn(mail, person.username(), person.password(), person.email());
            for (String page : List.of("/admin", "/admin/councils", "/admin/councils/demo-council", "/admin/accounts",
                    "/admin/accounts/new", "/admin/holidays", "/admin/reminders")) {
                HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(browser.uri(page))
                        .header("Accept", "text/html").GET().build());
                assertThat(refused.statusCode()).as(role + " at " + page).isEqualTo(403);
                assertThat(refused.body()).contains("You cannot do this");
            }
            long tokens = count("SELECT COUNT(*) FROM council_api_token");
            assertThat(browser.post("/admin/councils/demo-council/tokens", "/reports/national",
                    Map.of("name", "not allowed")).statusCode()).isEqualTo(403);
            assertThat(count("SELECT COUNT(*) FROM council_api_token")).isEqualTo(tokens);
        }
    }

    private static WebElement row(Chromium browser, String key) {
        return browser.find("tr[data-council='" + key + "'], tr[data-account='" + key + "']");
    }

    private static void assertNoHostileElements(Chromium browser) {
        assertThat(browser.findAll("main img")).isEmpty();
        assertThat(browser.findAll("main script")).isEmpty();
    }

    private List<String> actions(String actor) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = ?").param(actor).query(String.class).list();
    }

    /** A notification submitted with a council API token; answers its reference. */
    private String submitWithToken(String secret) throws Exception {
        Map<String, Object> form = new LinkedHashMap<>(TestMessages.completeForm("admin-pages-token"));
        form.remove("local_authority");
        form.put("notifier_email", "admin-pages-notifier@demo-council.test");
        form.put("incident_date", "2026-11-20");
        form.put("offender_initials", "QZ");
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("reference").asString();
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
