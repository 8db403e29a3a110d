package scot.sirgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A notification's clocks, on the Scottish calendar. */
class NotificationClocksTest {

    private final NotificationClocks clocks = new NotificationClocks(new WorkingCalendar(CalendarBinding.defaults()));

    private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void forwardShouldBeDueWednesdayAfterStAndrewsDay() {
        NotificationClocks.Clocks c = clocks.of(RECEIVED, null, null);
        assertThat(c.forwardDue()).isEqualTo(OffsetDateTime.of(2026, 12, 2, 17, 0, 0, 0, ZoneOffset.UTC));
        // three months on is Saturday 27 February 2027: the review is due on the next working day
        assertThat(c.reviewDue()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(c.notifiedWithin5WorkingDays()).isNull();
    }

    @Test
    void councilShouldBeOnTimeWithinFiveWorkingDaysAndLateAfter() {
        NotificationClocks.Clocks onTime = clocks.of(RECEIVED, LocalDate.of(2026, 11, 20), null);
        assertThat(onTime.notifiedWithin5WorkingDays()).isTrue();
        assertThat(onTime.workingDaysLate()).isNull();
        NotificationClocks.Clocks late = clocks.of(RECEIVED, LocalDate.of(2026, 11, 13), null);
        assertThat(late.notifiedWithin5WorkingDays()).isFalse();
        assertThat(late.workingDaysLate()).isEqualTo(10);
        // the aware date counts when it is later than the incident
        NotificationClocks.Clocks aware = clocks.of(RECEIVED, LocalDate.of(2026, 1, 5), LocalDate.of(2026, 11, 24));
        assertThat(aware.notifiedWithin5WorkingDays()).isTrue();
    }

    @Test
    void reviewShouldBeDueThreeCalendarMonthsOnOrTheNextWorkingDay() {
        // a working day three months on stays
        assertThat(clocks.reviewDue(at(2026, 6, 2))).isEqualTo(LocalDate.of(2026, 9, 2));
        // 30 November 2026 has no 30 February: the month's last day, Sunday 28 February 2027, so Monday 1 March
        assertThat(clocks.reviewDue(at(2026, 11, 30))).isEqualTo(LocalDate.of(2027, 3, 1));
        // three months after 30 August 2026 is 30 November 2026, St Andrew's Day: Tuesday 1 December
        assertThat(clocks.reviewDue(at(2026, 8, 30))).isEqualTo(LocalDate.of(2026, 12, 1));
        // 25 September 2026 + 3 months is Christmas Day (Friday): Boxing Day is on Saturday, its substitute
        // Monday 28 December, so Tuesday 29 December
        assertThat(clocks.reviewDue(at(2026, 9, 25))).isEqualTo(LocalDate.of(2026, 12, 29));
        // a late evening in British Summer Time is still that London day
        assertThat(clocks.reviewDue(OffsetDateTime.of(2026, 6, 1, 23, 30, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2026, 9, 2));
        assertThat(clocks.of(at(2026, 11, 30), null, null).reviewDue()).isEqualTo(clocks.reviewDue(at(2026, 11, 30)));
    }

    @Test
    void commentShouldBeDueOneCalendarMonthOnOrTheNextWorkingDay() {
        assertThat(clocks.commentDue(at(2026, 6, 2))).isEqualTo(LocalDate.of(2026, 7, 2));
        // 31 January 2027 + 1 month: 28 February 2027, a Sunday, so Monday 1 March
        assertThat(clocks.commentDue(at(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 3, 1));
        // 30 October 2026 + 1 month: St Andrew's Day, so Tuesday 1 December
        assertThat(clocks.commentDue(at(2026, 10, 30))).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    private static OffsetDateTime at(int year, int month, int day) {
        return OffsetDateTime.of(year, month, day, 11, 0, 0, 0, ZoneOffset.UTC);
    }
}
