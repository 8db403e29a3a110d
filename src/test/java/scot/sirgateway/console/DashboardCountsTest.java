package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The dashboard's counts and order over HTTP, against the gateway's own records: what arrived today and this week
 * (by status), what waits in triage oldest first, and the list's search, filter errors and paging answers. One
 * signed-in inspector's session for the class: the dashboard is the same for every role.
 */
class DashboardCountsTest extends GatewayTest {

    private static final Pattern REFERENCE_LINK = Pattern.compile("href=\"/notifications/(SIR-\\d{4}-\\d{4,})\"");

    private static Browser inspector;

    @BeforeEach
    void signIn() {
        if (inspector == null) {
            GatewayClient.Person person = person("INSPECTOR");
            Browser browser = new Browser(port);
            browser.signIn(mail, person.username(), person.password(), person.email());
            inspector = browser;
        }
    }

    @Test
    void dashboardShouldCountWhatArrivedAndListTriageOldestFirst() {
        String first = triage("counts-1");
        String second = triage("counts-2");

        String page = inspector.get("/").body();
        LocalDate today = LocalDate.now(GatewayClock.ZONE);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long arrivedToday = count("SELECT COUNT(*) FROM notification WHERE received_at >= ?",
                today.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime());
        long arrivedWeek = count("SELECT COUNT(*) FROM notification WHERE received_at >= ?",
                monday.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime());
        assertThat(arrivedToday).isGreaterThanOrEqualTo(2);
        assertThat(page).contains("Arrived: " + arrivedToday + " today, " + arrivedWeek + " this week");
        long triageToday = count("SELECT COUNT(*) FROM notification WHERE status = 'TRIAGE' AND received_at >= ?",
                today.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime());
        assertThat(page).contains("aria-label=\"Triage today: " + triageToday + "\"")
                .contains("href=\"/notifications?status=TRIAGE&amp;from=" + today + "&amp;to=" + today + "\"");

        long waiting = count("SELECT COUNT(*) FROM notification WHERE status = 'TRIAGE'");
        assertThat(page).contains("Waiting in triage: " + waiting);
        List<String> oldestFirst = jdbc.sql("SELECT reference FROM notification WHERE status = 'TRIAGE' "
                + "ORDER BY received_at, id LIMIT 200").query(String.class).list();
        assertThat(links(section(page, "id=\"triage\"", "id=\"quarantine-heading\""))).isEqualTo(oldestFirst);
        assertThat(oldestFirst.indexOf(first)).isNotNegative().isLessThan(oldestFirst.indexOf(second));
        assertThat(page).contains("In quarantine: " + count("SELECT COUNT(*) FROM quarantine WHERE state = 'OPEN'"));
    }

    @Test
    void listShouldSearchByReferenceAndShowRefusedFiltersAsErrors() {
        String reference = triage("counts-search");

        HttpResponse<String> exact = inspector.get("/notifications?reference=" + reference.toLowerCase());
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(links(exact.body())).containsExactly(reference);
        assertThat(exact.body()).contains("Showing 1 to 1 of 1 notification<");

        // a council the API would refuse is an error on the page, not a 400; so is a status it does not know
        HttpResponse<String> atlantis = inspector.get("/notifications?council=Atlantis&status=LOST");
        assertThat(atlantis.statusCode()).isEqualTo(200);
        assertThat(atlantis.body()).contains("<title>Error: Notifications - SIR Gateway</title>")
                .contains("href=\"#council\">Choose a council from the list</a>")
                .contains("href=\"#status\">Choose a status from the list</a>")
                .contains("govuk-select--error").contains("id=\"council-error\"")
                .doesNotContain("id=\"notifications\"");

        // any spelling of a council the registry knows is that council
        HttpResponse<String> spelled = inspector.get("/notifications?council=demo%20council&reference=" + reference);
        assertThat(links(spelled.body())).containsExactly(reference);
        assertThat(spelled.body()).contains("<option value=\"Demo Council\" selected=\"selected\">Demo Council</option>");

        // the page size is bounded: 5 is taken as 10
        long all = count("SELECT COUNT(*) FROM notification");
        String small = inspector.get("/notifications?size=5").body();
        assertThat(links(small)).hasSize((int) Math.min(10, all));
        assertThat(small).contains("Showing 1 to " + Math.min(10, all) + " of " + all + (all == 1 ? " notification<" : " notifications<"));
        List<String> newestFirst = jdbc.sql("SELECT reference FROM notification ORDER BY received_at DESC, id DESC LIMIT 10")
                .query(String.class).list();
        assertThat(links(small)).isEqualTo(newestFirst);
    }

    /** A complete notification mailed by an unverified sender of the Demo Council: it waits in triage. */
    private String triage(String marker) {
        String sender = marker + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        String reference = awaitReference(messageId);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE reference = ? AND status = 'TRIAGE'", reference))
                .isEqualTo(1);
        return reference;
    }

    private static String section(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as("the page has %s", from).isNotNegative();
        return page.substring(start, page.indexOf(to, start));
    }

    private static List<String> links(String html) {
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE_LINK.matcher(html);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }
}
