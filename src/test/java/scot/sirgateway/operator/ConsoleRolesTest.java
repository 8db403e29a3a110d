package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;

/**
 * The console's navigation and its pages' rules by role, at the HTTP level: every person of the inspectorate
 * sees the console's sections, only an admin sees Admin; an inspector's post to an operator's action and an
 * operator's post to an inspector's comment are refused before any page handles them, and only an admin reaches
 * the admin pages.
 */
class ConsoleRolesTest extends GatewayTest {

    private Browser signedIn(String role) {
        Person person = person(role);
        Browser browser = new Browser(port);
        browser.signIn(mail, person.username(), person.password(), person.email());
        return browser;
    }

    @Test
    void everyPersonShouldSeeTheConsoleSectionsAndOnlyAnAdminTheAdminOne() {
        Browser inspector = signedIn("INSPECTOR");
        String page = inspector.get("/").body();
        assertThat(page).contains("govuk-service-navigation").contains(">Notifications<").contains(">Quarantine<")
                .contains(">Reviews<").contains(">National report<").doesNotContain(">Admin<");
        assertThat(page).as("the dashboard is the current section").containsPattern(
                "aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">Dashboard</strong>");

        Browser admin = signedIn("ADMIN");
        assertThat(admin.get("/reports/national").body()).contains(">Admin<").containsPattern(
                "aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">National report</strong>");

        assertThat(new Browser(port).get("/sign-in").body()).as("nobody signed in sees no console sections")
                .doesNotContain("govuk-service-navigation");
    }

    @Test
    void eachRoleShouldReachOnlyItsOwnActionsOnTheConsolePages() {
        Browser inspector = signedIn("INSPECTOR");
        for (String action : new String[] {"/notifications/SIR-2026-9999/release", "/notifications/SIR-2026-9999/withdraw",
                "/quarantine/1/dismiss", "/quarantine/1/reprocess", "/quarantine/1/password", "/reviews/reprocess"}) {
            assertThat(inspector.post(action, "/", Map.of("reason", "forged")).statusCode())
                    .as("an inspector posting to %s", action).isEqualTo(403);
        }
        assertThat(inspector.get("/admin").statusCode()).as("an inspector at the admin pages").isEqualTo(403);
        assertThat(inspector.send(java.net.http.HttpRequest.newBuilder(inspector.uri("/admin")).header("Accept", "text/html")
                .build()).body()).as("a browser is shown a page in words").contains("You cannot do this");

        Browser operator = signedIn("OPERATOR");
        assertThat(operator.post("/notifications/SIR-2026-9999/reviews/1/comment", "/", Map.of("comment", "fine"))
                .statusCode()).as("an operator commenting on a review").isEqualTo(403);
        assertThat(operator.get("/admin").statusCode()).as("an operator at the admin pages").isEqualTo(403);
    }
}
