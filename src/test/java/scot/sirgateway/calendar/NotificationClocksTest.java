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
        assertThat(c.reviewDue()).isEqualTo(LocalDate.of(2027, 2, 27));
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
}
