package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.NotificationStatus;

/** The words of the dashboard and the list: times in UK time, the time left on a clock, types and statuses. */
class DashboardTextTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:42:00Z");

    @Test
    void timeLeftShouldSayDaysAndHoursOrHowLongOverdue() {
        assertThat(DashboardText.timeLeft(NOW, NOW.plus(Duration.ofHours(30).plusMinutes(18)))).isEqualTo("1 day 6 hours left");
        assertThat(DashboardText.timeLeft(NOW, NOW.plus(Duration.ofDays(2)))).isEqualTo("2 days left");
        assertThat(DashboardText.timeLeft(NOW, NOW.plus(Duration.ofMinutes(35)))).isEqualTo("35 minutes left");
        assertThat(DashboardText.timeLeft(NOW, NOW.plusSeconds(20))).isEqualTo("1 minute left");
        assertThat(DashboardText.timeLeft(NOW, NOW.minus(Duration.ofHours(2)))).isEqualTo("Overdue by 2 hours");
        assertThat(DashboardText.timeLeft(NOW, NOW.minus(Duration.ofHours(49)))).isEqualTo("Overdue by 2 days 1 hour");
    }

    @Test
    void momentShouldBeInWordsInUkTime() {
        assertThat(DashboardText.moment(OffsetDateTime.parse("2026-12-01T10:42:00Z"))).isEqualTo("1 December 2026 at 10:42");
        // summer time: an hour ahead of UTC
        assertThat(DashboardText.moment(Instant.parse("2026-07-01T16:00:00Z"))).isEqualTo("1 July 2026 at 17:00");
        assertThat(DashboardText.moment((OffsetDateTime) null)).isEqualTo("Not yet");
    }

    @Test
    void everyTypeAndStatusShouldHaveWords() {
        for (IncidentType type : IncidentType.values()) {
            assertThat(DashboardText.type(type)).as(type.name()).isNotBlank().doesNotContain("_");
        }
        assertThat(DashboardText.type(IncidentType.OTHER, "<b>x</b>")).isEqualTo("Other: <b>x</b>");
        assertThat(DashboardText.type(IncidentType.BURGLARY, "ignored")).isEqualTo("Burglary");
        assertThat(DashboardText.statusTag(NotificationStatus.TRIAGE)).isEqualTo("govuk-tag--orange");
        assertThat(DashboardText.statusTag(NotificationStatus.FORWARDED)).isEqualTo("govuk-tag--green");
    }
}
