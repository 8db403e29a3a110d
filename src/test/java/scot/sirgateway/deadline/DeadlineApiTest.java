package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.support.GatewayTest;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/deadlines}: every open clock of the period, oldest first, with what it is about; the
 * clocks that stopped, or of a withdrawn notification, left out; 400 for a period it cannot read.
 * Its notifications lie in 2031 and 2020, where no other test's clocks fall.
 */
class DeadlineApiTest extends GatewayTest {

    @Autowired
    Notifications notifications;

    private long insert(String reference, NotificationStatus status, LocalDate reviewDue, OffsetDateTime forwardDue) {
        return ReminderFixtures.insertNotification(notifications, reference, status,
                OffsetDateTime.now(GatewayClock.ZONE), reviewDue, forwardDue, "Demo Council", null);
    }

    private static String line(JsonNode d) {
        StringBuilder s = new StringBuilder(d.get("due").asString()).append(' ').append(d.get("reference").asString())
                .append(' ').append(d.get("clock").asString());
        if (d.has("review_id")) {
            s.append(" r").append(d.get("review_id").asInt());
        }
        if (d.has("request_id")) {
            s.append(" i").append(d.get("request_id").asInt());
        }
        s.append(d.get("overdue").asBoolean() ? " overdue" : "").append(d.get("paused").asBoolean() ? " paused" : "");
        return s.toString();
    }

    private List<String> deadlines(String from, String to, String prefix) {
        List<String> lines = new ArrayList<>();
        for (JsonNode d : api("/api/deadlines?from=" + from + "&to=" + to)) {
            if (d.get("reference").asString().startsWith(prefix)) {
                assertThat(d.get("council").asString()).isEqualTo("Demo Council");
                lines.add(line(d));
            }
        }
        return lines;
    }

    @Test
    void everyOpenClockOfThePeriodShouldBeListedOldestFirst() {
        OffsetDateTime forwardDue = ZonedDateTime.of(2031, 3, 3, 17, 0, 0, 0, GatewayClock.ZONE).toOffsetDateTime();
        insert("SIR-2031-0901", NotificationStatus.REGISTERED, LocalDate.of(2031, 6, 3), forwardDue);
        long paused = insert("SIR-2031-0902", NotificationStatus.FORWARDED, LocalDate.of(2031, 3, 3), null);
        jdbc.sql("UPDATE notification SET reminders_paused = TRUE WHERE id = ?").param(paused).update();
        long reviewed = insert("SIR-2031-0903", NotificationStatus.FORWARDED, LocalDate.of(2031, 3, 20), null);
        ReminderFixtures.insertReview(jdbc, reviewed, 1, OffsetDateTime.now(GatewayClock.ZONE), LocalDate.of(2031, 3, 10));
        long commented = ReminderFixtures.insertReview(jdbc, reviewed, 2, OffsetDateTime.now(GatewayClock.ZONE),
                LocalDate.of(2031, 3, 2));
        jdbc.sql("UPDATE review SET commented_at = ? WHERE id = ?").params(OffsetDateTime.now(), commented).update();
        long asked = insert("SIR-2031-0904", NotificationStatus.FORWARDED, LocalDate.of(2031, 9, 1), null);
        ReminderFixtures.insertRequest(jdbc, asked, 1, OffsetDateTime.now(GatewayClock.ZONE), LocalDate.of(2031, 3, 3));
        long answered = ReminderFixtures.insertRequest(jdbc, asked, 2, OffsetDateTime.now(GatewayClock.ZONE),
                LocalDate.of(2031, 3, 4));
        jdbc.sql("UPDATE information_request SET answered_at = ? WHERE id = ?").params(OffsetDateTime.now(), answered).update();
        insert("SIR-2031-0905", NotificationStatus.WITHDRAWN, LocalDate.of(2031, 3, 5), null);
        insert("SIR-2031-0906", NotificationStatus.FORWARDED, LocalDate.of(2031, 3, 31), null);
        insert("SIR-2031-0907", NotificationStatus.FORWARDED, LocalDate.of(2031, 3, 1), null);
        insert("SIR-2031-0908", NotificationStatus.FORWARDED, LocalDate.of(2031, 2, 28), null);
        insert("SIR-2031-0909", NotificationStatus.FORWARDED, LocalDate.of(2031, 4, 1), null);

        assertThat(deadlines("2031-03-01", "2031-03-31", "SIR-2031-09")).containsExactly(
                "2031-03-01 SIR-2031-0907 REVIEW",
                "2031-03-03 SIR-2031-0902 REVIEW paused",
                "2031-03-03 SIR-2031-0904 INFORMATION i1",
                "2031-03-03T17:00Z SIR-2031-0901 FORWARD",
                "2031-03-10 SIR-2031-0903 COMMENT r1",
                "2031-03-31 SIR-2031-0906 REVIEW");
        // one day alone
        assertThat(deadlines("2031-03-10", "2031-03-10", "SIR-2031-09")).containsExactly("2031-03-10 SIR-2031-0903 COMMENT r1");
    }

    @Test
    void aClockPastItsDueDateShouldBeOverdue() {
        insert("SIR-2020-0901", NotificationStatus.TRIAGE, LocalDate.of(2020, 5, 5), null);
        assertThat(deadlines("2020-05-01", "2020-05-31", "SIR-2020-09")).containsExactly("2020-05-05 SIR-2020-0901 REVIEW overdue");
    }

    @Test
    void aPeriodTheApiCannotReadShouldBeABadRequestSayingWhy() {
        assertBadRequest("/api/deadlines?to=2031-03-31", "from is missing");
        assertBadRequest("/api/deadlines?from=2031-03-01", "to is missing");
        assertBadRequest("/api/deadlines?from=2031-03-01&to=31/03/2031", "to is not a date");
        assertBadRequest("/api/deadlines?from=2031-03-31&to=2031-03-01", "before it starts");
        assertBadRequest("/api/deadlines?from=2031-01-01&to=2032-02-05", "longer than 400 days");
        // 400 days, both ends included, is still a period it answers
        assertThat(get("/api/deadlines?from=2031-01-01&to=2032-02-04", "operator", "operator-test-password").statusCode())
                .isEqualTo(200);
    }

    private void assertBadRequest(String path, String reason) {
        HttpResponse<String> response = get(path, "operator", "operator-test-password");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains(reason);
    }
}
