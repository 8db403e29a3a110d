package scot.sirgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * The national report of June 2013 to January 2015 (DOMAIN.md) rebuilt through the gateway's own paths and
 * read back from {@code GET /api/reports/national}, as JSON and as CSV. Each council posts its notifications
 * through the council API with its own token, on a clock the test moves, so the gateway itself records the
 * receipt, the working days late and the forward; three notifications wait in triage (category contradicting
 * the type) until an operator releases them after their forward was due; an operator enters the 80 reviews,
 * an inspector comments with the findings and asks for information. One notification received the day before
 * the period, one received the day after and one withdrawn inside it must not count.
 *
 * <p>Every percent is a whole number. The report printed some otherwise, and the test names each: 22 of 111
 * unexplained deaths is 20% (printed 19%); 74 of 80 reviews signed off by head of service or CSWO, 58 of 80 with
 * a risk assessment evident and 30 of 80 referring to order reviews are 92.5%, 72.5% and 37.5%, printed with
 * their half, whole here rounded half up (93, 73, 38).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-national-report;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.councils-file=classpath:councils.yaml",
        "gateway.government.recipients[0]=sir-national-report@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-national-report@sir-gateway.test",
        // the forward goes as soon as it can, so it is recorded at the moment the test set
        "gateway.processing.poll-delay=50ms",
        "gateway.mail.outbound.poll-delay=50ms",
        // no reminders or alerts in the years the clock jumps through
        "gateway.reminders.poll-delay=1h",
        "gateway.alerts.poll-delay=1h"})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
@ContextConfiguration(initializers = NationalReportTest.OwnMailbox.class)
class NationalReportTest extends GatewayClient {

    static final String INTAKE = "national-report-intake@sir-gateway.test";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String INSPECTOR = "report-inspector";
    static final String INSPECTOR_PASSWORD = "report-inspector-password";

    /** This gateway's own intake mailbox on the shared mail server. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("national-report-mail", mail.properties(INTAKE)));
        }
    }

    /** Table 2, in the report's order. */
    static final Object[][] TABLE_2 = {
            {"Glasgow City", 18}, {"West Lothian", 12}, {"City of Edinburgh", 10}, {"North Ayrshire", 10},
            {"North Lanarkshire", 9}, {"South Ayrshire", 8}, {"Scottish Borders", 5}, {"Renfrewshire", 5},
            {"Stirling", 4}, {"Aberdeen City", 4}, {"Falkirk", 4}, {"Highland", 3}, {"Midlothian", 3},
            {"East Ayrshire", 2}, {"Inverclyde", 2}, {"Dumfries and Galloway", 2}, {"Fife", 2}, {"East Lothian", 2},
            {"Dundee City", 1}, {"Angus", 1}, {"East Renfrewshire", 1}, {"Aberdeenshire", 1}, {"Argyll and Bute", 1},
            {"Clackmannanshire", 1}};
    static final String[] NONE = {"Orkney Islands", "Shetland Islands", "Na h-Eileanan Siar", "South Lanarkshire",
            "Moray", "East Dunbartonshire", "West Dunbartonshire", "Perth and Kinross"};

    /** Table 3: type, count, the report's printed percent. */
    static final Object[][] TABLE_3 = {
            {"MURDER_PERPETRATOR", 14, 13}, {"SEXUAL_OFFENCE", 21, 19}, {"UNEXPLAINED_DEATH", 22, 19},
            {"SUICIDE", 9, 8}, {"ASSAULT_AND_ROBBERY", 8, 7}, {"SERIOUS_ASSAULT", 14, 13}, {"ATTEMPTED_MURDER", 5, 5},
            {"CHILD_ABUSE", 3, 3}, {"MURDER_VICTIM", 4, 4}, {"STALKING", 2, 2},
            {"SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER", 1, 1}, {"BURGLARY", 1, 1}, {"FIREARM", 1, 1}, {"TERRORISM", 1, 1},
            {"DEATH_FROM_SERIOUS_ASSAULT", 1, 1}, {"ASSAULT_WEAPON_BREACH_OF_PEACE", 1, 1}, {"ABDUCTION", 2, 2},
            {"ACCIDENTAL_DEATH", 1, 1}};

    static final LocalDate FROM = LocalDate.of(2013, 6, 1);
    static final LocalDate TO = LocalDate.of(2015, 1, 31);

    @Autowired
    MutableClock clock;

    @Autowired
    WorkingCalendar calendar;

    private final Map<String, String> tokens = new HashMap<>();

    record Posted(String reference, LocalDate received) {
    }

    @Test
    void reportForJune2013ToJanuary2015ShouldMatchThePublishedOne() throws Exception {
        List<String> councils = new ArrayList<>();
        for (Object[] row : TABLE_2) {
            councils.addAll(Collections.nCopies((Integer) row[1], (String) row[0]));
        }
        List<String> types = new ArrayList<>();
        for (Object[] row : TABLE_3) {
            types.addAll(Collections.nCopies((Integer) row[1], (String) row[0]));
        }
        assertThat(councils).hasSize(111);
        assertThat(types).hasSize(111);
        // 40 within five working days; 71 late: 35 from 6 to 10, the median 11, 34 of 99 and one of 669
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            late.addAll(List.of(6, 7, 8, 9, 10));
        }
        late.add(11);
        late.addAll(Collections.nCopies(34, 99));
        late.add(669);
        assertThat(late).hasSize(71);
        // three unexplained deaths (types 36 to 57) released from triage after their forward was due
        List<Integer> forwardedLate = List.of(40, 45, 50);

        // outside the period: the day before it and the day after it; and one withdrawn inside it
        post(LocalDate.of(2013, 5, 31), "Glasgow City", "SERIOUS_ASSAULT", 0, "Service Manager", false);
        LocalDate first = LocalDate.of(2013, 6, 3);
        Posted withdrawn = post(first, "Glasgow City", "SERIOUS_ASSAULT", 0, "Service Manager", false);
        HttpResponse<String> withdrawal = post("/api/notifications/" + withdrawn.reference() + "/withdraw",
                "{\"reason\": \"duplicate of the council's earlier post\"}");
        assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(200);

        List<Posted> posted = new ArrayList<>();
        for (int i = 0; i < 111; i++) {
            LocalDate day = calendar.addWorkingDays(first, 3 * i + 1);
            int daysLate = i < 40 ? i % 6 : late.get(i - 40);
            // 79 signed off by a service manager or more senior, 32 by a team manager
            String signoff = i % 7 == 3 || i % 7 == 5 || i == 111 - 1 ? "Team Manager"
                    : List.of("Service Manager", "Head of Service", "Chief Social Work Officer", "Senior Manager (Justice)")
                            .get(i % 4);
            posted.add(post(day, councils.get(i), types.get(i), daysLate, signoff, forwardedLate.contains(i)));
        }
        post(TO.plusDays(1), "Glasgow City", "SERIOUS_ASSAULT", 0, "Service Manager", false);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE status = 'FORWARDED'")).isEqualTo(113);

        // 80 reviews of the first 80: 60 initial analysis, 20 comprehensive
        assertThat(postAccount()).isEqualTo(201);
        for (int i = 0; i < 80; i++) {
            review(i, posted.get(i));
        }

        HttpResponse<String> answer = get("/api/reports/national?from=" + FROM + "&to=" + TO, "operator",
                "operator-test-password");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = json.readTree(answer.body());
        assertThat(report.get("period").get("from").asString()).isEqualTo("2013-06-01");
        assertThat(report.get("period").get("to").asString()).isEqualTo("2015-01-31");

        // Table 2, row by row, and the eight councils with none
        JsonNode byCouncil = report.get("by_council");
        assertThat(byCouncil).hasSize(32);
        for (Object[] row : TABLE_2) {
            assertThat(countOf(byCouncil, "council", (String) row[0])).as((String) row[0]).isEqualTo((Integer) row[1]);
        }
        // most first, as Table 2
        List<Integer> counts = new ArrayList<>();
        byCouncil.forEach(row -> counts.add(row.get("count").asInt()));
        assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        for (String none : NONE) {
            assertThat(countOf(byCouncil, "council", none)).as(none).isZero();
        }

        // Table 3, row by row: counts exact, percents as printed but for unexplained deaths
        JsonNode byType = report.get("by_type");
        for (Object[] row : TABLE_3) {
            JsonNode type = find(byType, "incident_type", (String) row[0]);
            assertThat(type.get("count").asInt()).as((String) row[0]).isEqualTo((Integer) row[1]);
            int printed = (Integer) row[2];
            int expected = row[0].equals("UNEXPLAINED_DEATH") ? 20 : printed; // the report's 19% is 22/111 = 19.8%
            assertThat(type.get("percent").asInt()).as((String) row[0]).isEqualTo(expected);
        }
        assertThat(find(byType, "incident_type", "INDECENT_IMAGES").get("count").asInt())
                .isZero();
        JsonNode byGroup = report.get("by_group");
        assertThat(find(byGroup, "group", "SEXUAL").get("count").asInt()).isEqualTo(21);
        assertThat(find(byGroup, "group", "DEATH_OR_INJURY_OF_OFFENDER").get("count").asInt()).isEqualTo(22 + 9 + 4 + 1);
        assertThat(find(byGroup, "group", "OTHER").get("count").asInt()).isEqualTo(2 + 1);
        assertThat(find(byGroup, "group", "NON_SEXUAL").get("count").asInt()).isEqualTo(111 - 21 - 36 - 3);

        // the figures, each as the report printed it (value, numerator, denominator)
        Map<String, Object[]> expected = new LinkedHashMap<>();
        expected.put("notifications_total", new Object[] {111, null, null});
        expected.put("councils_notifying", new Object[] {24, null, null});
        expected.put("notified_within_5_working_days_percent", new Object[] {36, 40, 111});
        expected.put("working_days_late_min", new Object[] {6, null, 71});
        expected.put("working_days_late_max", new Object[] {669, null, 71});
        expected.put("working_days_late_median", new Object[] {11, null, 71});
        expected.put("working_days_late_mean", new Object[] {61, 280 + 11 + 34 * 99 + 669, 71});
        expected.put("forwarded_within_2_working_days_percent", new Object[] {97, 108, 111});
        expected.put("reviews_total", new Object[] {80, null, null});
        expected.put("reviews_iar", new Object[] {60, null, null});
        expected.put("reviews_comprehensive", new Object[] {20, null, null});
        expected.put("reviews_within_3_months_percent", new Object[] {75, 60, 80});
        expected.put("comments_within_1_month_percent", new Object[] {86, 69, 80});
        expected.put("iar_additional_information_requested", new Object[] {25, 25, 60});
        expected.put("notifications_signed_off_as_required_percent", new Object[] {71, 79, 111});
        // printed 92.5%, 72.5% and 37.5%: whole numbers here, rounded half up
        expected.put("reviews_signed_off_by_head_of_service_or_cswo_percent", new Object[] {93, 74, 80});
        expected.put("reviews_risk_assessment_evident_percent", new Object[] {73, 58, 80});
        expected.put("reviews_rmp_referred_percent", new Object[] {61, 49, 80});
        expected.put("reviews_order_reviews_referred_percent", new Object[] {38, 30, 80});
        expected.put("iar_sufficient", new Object[] {51, 51, 60});
        JsonNode figures = report.get("figures");
        assertThat(figures.findValuesAsString("key")).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, values) -> {
            JsonNode figure = find(figures, "key", key);
            assertThat(figure.get("value").asInt()).as(key).isEqualTo(values[0]);
            assertThat(intOrNull(figure.get("numerator"))).as(key + " numerator").isEqualTo(values[1]);
            assertThat(intOrNull(figure.get("denominator"))).as(key + " denominator").isEqualTo(values[2]);
        });

        // the same as CSV
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/reports/national?from=" + FROM + "&to=" + TO)).header("Accept", "text/csv")
                .header("Authorization", basic("operator", "operator-test-password")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("section", "key", "value", "numerator",
                "denominator");
        assertThat(csvRow(rows, "period", "from").get("value")).isEqualTo("2013-06-01");
        assertThat(rows.stream().filter(r -> r.get("section").equals("by_council")).count()).isEqualTo(32);
        for (Object[] row : TABLE_2) {
            assertThat(csvRow(rows, "by_council", (String) row[0]).get("value")).isEqualTo(row[1].toString());
        }
        for (String none : NONE) {
            assertThat(csvRow(rows, "by_council", none).get("value")).isEqualTo("0");
        }
        for (Object[] row : TABLE_3) {
            CSVRecord type = csvRow(rows, "by_type", (String) row[0]);
            assertThat(type.get("numerator")).isEqualTo(row[1].toString());
            assertThat(type.get("denominator")).isEqualTo("111");
            assertThat(type.get("value")).isEqualTo(row[0].equals("UNEXPLAINED_DEATH") ? "20" : row[2].toString());
        }
        expected.forEach((key, values) -> {
            CSVRecord figure = csvRow(rows, "figures", key);
            assertThat(figure.get("value")).as(key).isEqualTo(values[0].toString());
            assertThat(figure.get("numerator")).as(key).isEqualTo(values[1] == null ? "" : values[1].toString());
            assertThat(figure.get("denominator")).as(key).isEqualTo(values[2] == null ? "" : values[2].toString());
        });

        // an inspector may read it; a period the day before holds only the one received then
        assertThat(get("/api/reports/national?from=" + FROM + "&to=" + TO, INSPECTOR, INSPECTOR_PASSWORD).statusCode())
                .isEqualTo(200);
        // a council's system may not: the report covers every council
        HttpResponse<String> council = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/reports/national?from=" + FROM + "&to=" + TO)).header("Authorization", "Bearer "
                        + token("Glasgow City")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(council.statusCode()).as(council.body()).isEqualTo(403);
        assertThat(council.body()).doesNotContain("Glasgow City\",\"count");
        JsonNode before = api("/api/reports/national?from=2013-05-31&to=2013-05-31");
        assertThat(find(before.get("figures"), "key", "notifications_total").get("value").asInt()).isEqualTo(1);
    }

    @Test
    void badPeriodsShouldBeProblemsSayingWhatToSend() throws Exception {
        for (String query : new String[] {"", "?from=2014-01-01", "?from=01/01/2014&to=2014-02-01",
                "?from=2014-02-01&to=2014-01-01", "?from=2000-01-01&to=2014-01-01"}) {
            HttpResponse<String> answer = get("/api/reports/national" + query, "operator", "operator-test-password");
            assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(query)
                    .startsWith("application/problem+json");
            assertThat(json.readTree(answer.body()).get("detail").asString()).as(query)
                    .containsAnyOf("yyyy-mm-dd", "before from", "10 years");
        }
        // asked for CSV, the refusal is still a problem that says why
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/reports/national?from=2014-02-01&to=2014-01-01")).header("Accept", "text/csv")
                .header("Authorization", basic("operator", "operator-test-password")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(400);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(csv.body()).get("detail").asString()).contains("before from");
    }

    /**
     * A notification from the council's system on {@code day} at 10:00, its incident {@code daysLate} working
     * days before; waits for its forward. With {@code triage}, an offender's death put in category 1: it waits
     * in triage until an operator releases it three working days later, after its forward was due.
     */
    private Posted post(LocalDate day, String council, String type, int daysLate, String signoffRole, boolean triage)
            throws Exception {
        clock.set(at(day, 10, 0));
        boolean offenderDied = List.of("MURDER_VICTIM", "UNEXPLAINED_DEATH", "SUICIDE", "ACCIDENTAL_DEATH").contains(type);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("notifier_name", "Report Notifier");
        form.put("notifier_role", "Social Worker");
        form.put("notifier_email", "report-notifier@national-report.invalid");
        form.put("signoff_name", "Report Signoff");
        form.put("signoff_role", signoffRole);
        form.put("incident_date", calendar.addWorkingDays(day, -daysLate).toString());
        form.put("incident_category", offenderDied && !triage ? "3" : "1");
        form.put("incident_type", type);
        form.put("offender_ref", "NR-" + day);
        form.put("offender_initials", "QZ");
        form.put("order_type", "CPO");
        form.put("mappa", "no");
        form.put("description", "An invented incident for the national report test.");
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/notifications")).header("Authorization", "Bearer " + token(council))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String reference = json.readTree(answer.body()).get("reference").asString();
        assertThat(json.readTree(answer.body()).get("status").asString()).as(answer.body())
                .isEqualTo(triage ? "TRIAGE" : "REGISTERED");
        if (triage) {
            clock.set(at(calendar.addWorkingDays(day, 3), 9, 30));
            HttpResponse<String> released = post("/api/notifications/" + reference + "/release", "{\"incident_category\": \"3\"}");
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> count(
                "SELECT COUNT(*) FROM notification WHERE reference = ? AND forwarded_at IS NOT NULL", reference) == 1);
        return new Posted(reference, day);
    }

    /**
     * The i-th review: reviews 0 to 59 initial analysis, 60 to 79 comprehensive; 60 within three months; 74
     * signed off by head of service or CSWO; commented on within a month for 69; findings as the report counted.
     */
    private void review(int i, Posted notification) throws Exception {
        boolean iar = i < 60;
        boolean inTime = i % 4 != 1; // 20 late
        LocalDate received = notification.received().plusMonths(inTime ? 2 : 4);
        clock.set(at(received, 11, 0));
        String signoff = i % 13 == 7 && i < 78 ? "Service Manager" : i % 2 == 0 ? "Head of Service" : "Chief Social Work Officer";
        String path = "/api/notifications/" + notification.reference() + "/reviews";
        HttpResponse<String> entered = post(path, "{\"review_type\": \"" + (iar ? "IAR" : "COMPREHENSIVE") + "\", "
                + "\"reviewer_name\": \"Report Reviewer\", \"reviewer_role\": \"Team Manager\", "
                + "\"signoff_name\": \"Report Signoff\", \"signoff_role\": \"" + signoff + "\", "
                + "\"signoff_date\": \"" + received.minusDays(1) + "\", \"document\": \""
                + Base64.getEncoder().encodeToString("The review.".getBytes(StandardCharsets.UTF_8))
                + "\", \"document_name\": \"review.txt\"}");
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
        assertThat(json.readTree(entered.body()).get("status").asString()).isEqualTo("RECEIVED");

        // 11 comments after their month: the 8th of every 7 or so, spread over both kinds
        boolean commentInTime = !(i % 7 == 6 && i < 77);
        LocalDate commentDay = received.plusDays(commentInTime ? 10 : 45);
        clock.set(at(commentDay, 14, 0));
        StringBuilder findings = new StringBuilder("{\"text\": \"Considered.\"");
        findings.append(", \"risk_assessment_evident\": ").append(i < 58);
        findings.append(", \"risk_assessment_up_to_date\": ").append(i < 40);
        findings.append(", \"lscmi_used\": ").append(i % 2 == 0);
        findings.append(", \"rmp_referred\": ").append(i >= 80 - 49);
        findings.append(", \"order_reviews_referred\": ").append(i % 8 < 3);
        // 20 initial analysis reviews with the finding, 5 more with a request for information instead
        findings.append(", \"additional_information_requested\": ").append(iar && i < 20);
        if (iar) {
            findings.append(", \"iar_sufficient\": ").append(i >= 9);
        }
        findings.append("}");
        HttpResponse<String> commented = postAs(INSPECTOR, INSPECTOR_PASSWORD, path + "/1/comment", findings.toString());
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        if (iar && i >= 20 && i < 25) {
            HttpResponse<String> request = postAs(INSPECTOR, INSPECTOR_PASSWORD, "/api/notifications/"
                    + notification.reference() + "/information-requests", "{\"due\": \"" + commentDay.plusDays(30)
                    + "\", \"question\": \"Which agencies attended?\", \"review_id\": \"r1\"}");
            assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
        }
    }

    private int postAccount() {
        return post("/api/admin/accounts", "{\"username\": \"" + INSPECTOR + "\", \"role\": \"INSPECTOR\", "
                + "\"email\": \"report-inspector@careinspectorate.test\", \"password\": \"" + INSPECTOR_PASSWORD
                + "\", \"service_account\": true}").statusCode();
    }

    private String token(String council) {
        return tokens.computeIfAbsent(council, name -> {
            HttpResponse<String> made = post("/api/admin/councils/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/tokens", "{\"name\": \"national report test\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            return json.readTree(made.body()).get("token").asString();
        });
    }

    private HttpResponse<String> postAs(String user, String password, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(user, password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(GatewayClock.ZONE).toInstant();
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get(field).asString().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in " + rows);
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static int countOf(JsonNode rows, String field, String value) {
        return find(rows, field, value).get("count").asInt();
    }

    private static CSVRecord csvRow(List<CSVRecord> rows, String section, String key) {
        return rows.stream().filter(r -> r.get("section").equals(section) && r.get("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no CSV row " + section + "," + key));
    }
}
