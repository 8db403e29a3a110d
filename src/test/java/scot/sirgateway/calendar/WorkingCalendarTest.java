package scot.sirgateway.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import scot.sirgateway.GatewayClock;

/**
 * The calendar with its default settings: the published list of every year from 2012 to 2030,
 * working days, the forward deadline, and working hours across weekends, holidays and clock changes.
 */
class WorkingCalendarTest {

    private final WorkingCalendar calendar = CalendarBinding.defaultCalendar();

    /** An instant given as Europe/London wall-clock time. */
    private static Instant london(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, GatewayClock.ZONE).toInstant();
    }

    static IntStream publishedYears() {
        return PublishedScottishBankHolidays.BY_YEAR.keySet().stream().mapToInt(Integer::intValue).sorted();
    }

    // --- the published lists, one-off changes applied through the default properties ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedYears")
    void holidaysShouldEqualThePublishedScottishList(int year) {
        assertThat(calendar.holidays(year))
                .containsExactlyInAnyOrderElementsOf(PublishedScottishBankHolidays.BY_YEAR.get(year));
    }

    @Test
    void publishedTableShouldCoverEveryYearFrom2013To2030() {
        assertThat(PublishedScottishBankHolidays.BY_YEAR.keySet())
                .containsAll(IntStream.rangeClosed(2013, 2030).boxed().toList());
    }

    @Test
    void isWorkingDayShouldFollowThePublishedListsDayByDay() {
        for (LocalDate day = of(2012, 1, 1); day.getYear() <= 2030; day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            boolean holiday = PublishedScottishBankHolidays.BY_YEAR.get(day.getYear()).contains(day);
            assertThat(calendar.isWorkingDay(day)).as("%s", day).isEqualTo(!weekend && !holiday);
        }
    }

    @Test
    void isWorkingDayShouldTreatEasterMondayAndTheLastMondayOfAugustAsWorkingDays() {
        assertThat(calendar.isWorkingDay(of(2026, 4, 6))).isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 8, 31))).isTrue();
    }

    @Test
    void isWorkingDayShouldHonourTheOneOffChangesOf2011And2012() {
        assertThat(calendar.isWorkingDay(of(2011, 4, 29))).isFalse();
        assertThat(calendar.isWorkingDay(of(2012, 5, 28))).isTrue();
    }

    // --- working days ---

    @Test
    void addWorkingDaysShouldSkipStAndrewsDay() {
        assertThat(calendar.addWorkingDays(of(2026, 11, 27), 1)).isEqualTo(of(2026, 12, 1));
    }

    @Test
    void addWorkingDaysShouldSkipTheWeekend() {
        assertThat(calendar.addWorkingDays(of(2026, 12, 4), 1)).isEqualTo(of(2026, 12, 7));
        assertThat(calendar.addWorkingDays(of(2026, 12, 3), 5)).isEqualTo(of(2026, 12, 10));
    }

    @Test
    void addWorkingDaysShouldSkipChristmasAndNewYearSubstitutes() {
        // 25 Fri, 26 Sat -> 28 Mon; 1 Jan 2027 Fri, 2 Jan Sat -> 4 Jan Mon
        assertThat(calendar.addWorkingDays(of(2026, 12, 24), 1)).isEqualTo(of(2026, 12, 29));
        assertThat(calendar.addWorkingDays(of(2026, 12, 24), 3)).isEqualTo(of(2026, 12, 31));
        assertThat(calendar.addWorkingDays(of(2026, 12, 24), 4)).isEqualTo(of(2027, 1, 5));
    }

    @Test
    void addWorkingDaysShouldStartFromANonWorkingDay() {
        assertThat(calendar.addWorkingDays(of(2026, 12, 5), 1)).isEqualTo(of(2026, 12, 7));
        assertThat(calendar.addWorkingDays(of(2026, 1, 1), 2)).isEqualTo(of(2026, 1, 6));
    }

    @Test
    void addWorkingDaysShouldAnswerTheDateItselfForZero() {
        assertThat(calendar.addWorkingDays(of(2026, 12, 5), 0)).isEqualTo(of(2026, 12, 5));
    }

    @Test
    void addWorkingDaysShouldCountBackForANegativeNumber() {
        assertThat(calendar.addWorkingDays(of(2026, 12, 1), -1)).isEqualTo(of(2026, 11, 27));
        assertThat(calendar.addWorkingDays(of(2026, 12, 7), -2)).isEqualTo(of(2026, 12, 3));
    }

    @Test
    void workingDaysBetweenShouldCountDaysAfterFromUpToAndIncludingTo() {
        assertThat(calendar.workingDaysBetween(of(2026, 6, 1), of(2026, 6, 1))).isZero();
        assertThat(calendar.workingDaysBetween(of(2026, 6, 1), of(2026, 6, 2))).isEqualTo(1);
        // incident Monday 1 June 2026: notified on Monday 8 June is within five, Tuesday 9 June is late
        assertThat(calendar.workingDaysBetween(of(2026, 6, 1), of(2026, 6, 8))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(of(2026, 6, 1), of(2026, 6, 9))).isEqualTo(6);
    }

    @Test
    void workingDaysBetweenShouldSkipWeekendsAndHolidays() {
        assertThat(calendar.workingDaysBetween(of(2026, 11, 27), of(2026, 12, 2))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(of(2026, 11, 23), of(2026, 11, 30))).isEqualTo(4);
        assertThat(calendar.workingDaysBetween(of(2026, 12, 4), of(2026, 12, 6))).isZero();
        // the spring holiday, Monday 25 May 2026
        assertThat(calendar.workingDaysBetween(of(2026, 5, 22), of(2026, 5, 26))).isEqualTo(1);
    }

    @Test
    void workingDaysBetweenShouldCountAMovedHolidayOnlyOnItsNewDate() {
        // Mon 30 May 2022 worked; Thu 2 and Fri 3 June 2022 holidays
        assertThat(calendar.workingDaysBetween(of(2022, 5, 27), of(2022, 6, 6))).isEqualTo(4);
    }

    @Test
    void workingDaysBetweenShouldBeNegativeWhenToIsBeforeFrom() {
        assertThat(calendar.workingDaysBetween(of(2026, 12, 2), of(2026, 11, 27))).isEqualTo(-2);
    }

    @Test
    void workingDaysBetweenShouldUndoAddWorkingDays() {
        LocalDate from = of(2026, 11, 20);
        for (LocalDate to = from; to.isBefore(of(2027, 1, 31)); to = to.plusDays(1)) {
            if (calendar.isWorkingDay(to)) {
                assertThat(calendar.addWorkingDays(from, calendar.workingDaysBetween(from, to))).isEqualTo(to);
            }
        }
    }

    // --- forward to Scottish Government ---

    @Test
    void forwardDueShouldSkipStAndrewsDay() {
        assertThat(calendar.forwardDue(london(2026, 11, 27, 10, 0))).isEqualTo(london(2026, 12, 2, 17, 0));
    }

    @Test
    void forwardDueShouldBeTuesdayForASaturdayReceipt() {
        assertThat(calendar.forwardDue(london(2026, 12, 5, 11, 0))).isEqualTo(london(2026, 12, 8, 17, 0));
    }

    @Test
    void forwardDueShouldCountFromTheDayOfReceiptHoweverLate() {
        assertThat(calendar.forwardDue(london(2026, 12, 2, 8, 0))).isEqualTo(london(2026, 12, 4, 17, 0));
        assertThat(calendar.forwardDue(london(2026, 12, 2, 16, 59))).isEqualTo(london(2026, 12, 4, 17, 0));
        assertThat(calendar.forwardDue(london(2026, 12, 2, 23, 30))).isEqualTo(london(2026, 12, 4, 17, 0));
    }

    @Test
    void forwardDueShouldTakeTheLondonDateAroundMidnightInSummerTime() {
        // Tuesday 30 June 2026 23:59:59 BST is 22:59:59Z; 23:00Z is already Wednesday 1 July in London
        assertThat(calendar.forwardDue(Instant.parse("2026-06-30T22:59:59Z")))
                .isEqualTo(Instant.parse("2026-07-02T16:00:00Z"));
        assertThat(calendar.forwardDue(Instant.parse("2026-06-30T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-03T16:00:00Z"));
        assertThat(calendar.forwardDue(Instant.parse("2026-06-30T23:00:00Z"))).isEqualTo(london(2026, 7, 3, 17, 0));
    }

    @Test
    void forwardDueShouldTakeTheLondonDateAroundMidnightInWinterTime() {
        assertThat(calendar.forwardDue(Instant.parse("2026-01-13T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-01-15T17:00:00Z"));
        assertThat(calendar.forwardDue(Instant.parse("2026-01-14T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-16T17:00:00Z"));
    }

    @Test
    void forwardDueShouldBeAtFiveInTheAfternoonAfterTheClocksGoBack() {
        // received Friday 23 October 2026 (BST); due Tuesday 27 October 17:00 GMT
        assertThat(calendar.forwardDue(london(2026, 10, 23, 12, 0))).isEqualTo(Instant.parse("2026-10-27T17:00:00Z"));
    }

    // --- working hours ---

    @Test
    void workingHoursBetweenShouldCountOnlyWorkingHours() {
        assertThat(calendar.workingHoursBetween(london(2026, 12, 2, 10, 0), london(2026, 12, 2, 12, 30)))
                .isEqualTo(Duration.ofMinutes(150));
        assertThat(calendar.workingHoursBetween(london(2026, 12, 2, 7, 0), london(2026, 12, 2, 20, 0)))
                .isEqualTo(Duration.ofHours(8));
        assertThat(calendar.workingHoursBetween(london(2026, 12, 2, 18, 0), london(2026, 12, 3, 8, 0)))
                .isZero();
    }

    @Test
    void workingHoursBetweenShouldSkipTheWeekend() {
        assertThat(calendar.workingHoursBetween(london(2026, 12, 4, 15, 0), london(2026, 12, 7, 11, 0)))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void workingHoursBetweenShouldSkipAHoliday() {
        assertThat(calendar.workingHoursBetween(london(2026, 11, 27, 15, 0), london(2026, 12, 1, 11, 0)))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void workingHoursBetweenShouldNotGainAnHourWhenTheClocksGoBack() {
        // clocks go back on Sunday 25 October 2026: 74 hours pass, 8.5 of them working hours
        Instant from = london(2026, 10, 23, 8, 30);
        Instant to = london(2026, 10, 26, 9, 30);
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(74));
        assertThat(calendar.workingHoursBetween(from, to)).isEqualTo(Duration.ofMinutes(510));
        assertThat(calendar.workingHoursBetween(london(2026, 10, 23, 16, 0), london(2026, 10, 26, 10, 0)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void workingHoursBetweenShouldNotLoseAnHourWhenTheClocksGoForward() {
        // clocks go forward on Sunday 29 March 2026: 65 hours pass, 2 of them working hours
        Instant from = london(2026, 3, 27, 16, 0);
        Instant to = london(2026, 3, 30, 10, 0);
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(65));
        assertThat(calendar.workingHoursBetween(from, to)).isEqualTo(Duration.ofHours(2));
        assertThat(calendar.workingHoursBetween(london(2026, 3, 27, 9, 0), london(2026, 3, 30, 17, 0)))
                .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void workingHoursBetweenShouldBeNegativeWhenToIsBeforeFrom() {
        assertThat(calendar.workingHoursBetween(london(2026, 12, 7, 11, 0), london(2026, 12, 4, 15, 0)))
                .isEqualTo(Duration.ofHours(-4));
    }

    @Test
    void instantWorkingHoursBeforeShouldStayOnTheSameDayWhenThereIsTime() {
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 2, 17, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 12, 2, 13, 0));
    }

    @Test
    void instantWorkingHoursBeforeShouldReachBackToFridayForAMondayMorningDue() {
        // one hour on Monday 09:00-10:00, three on Friday 14:00-17:00
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 7, 10, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 12, 4, 14, 0));
    }

    @Test
    void instantWorkingHoursBeforeShouldSkipAHoliday() {
        // due Tuesday 1 December 2026 10:00, Monday 30 November being St Andrew's Day
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 1, 10, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 11, 27, 14, 0));
    }

    @Test
    void instantWorkingHoursBeforeShouldCrossTheClockChange() {
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 10, 26, 10, 0), Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-10-23T13:00:00Z"));
    }

    @Test
    void instantWorkingHoursBeforeShouldAnswerTheOpeningOfTheLaterDayOnABoundary() {
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 2, 17, 0), Duration.ofHours(8)))
                .isEqualTo(london(2026, 12, 2, 9, 0));
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 7, 13, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 12, 7, 9, 0));
    }

    @Test
    void instantWorkingHoursBeforeShouldCountFromTheLastWorkingHourWhenDueOutsideThem() {
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 5, 12, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 12, 4, 13, 0));
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 2, 20, 0), Duration.ofHours(1)))
                .isEqualTo(london(2026, 12, 2, 16, 0));
    }

    @Test
    void instantWorkingHoursBeforeShouldAnswerDueForZero() {
        Instant due = london(2026, 12, 5, 12, 0);
        assertThat(calendar.instantWorkingHoursBefore(due, Duration.ZERO)).isEqualTo(due);
    }

    @Test
    void instantWorkingHoursBeforeShouldRefuseANegativeDuration() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> calendar.instantWorkingHoursBefore(london(2026, 12, 2, 17, 0), Duration.ofHours(-1)));
    }

    @Test
    void instantWorkingHoursBeforeShouldLeaveExactlyThatMuchWorkingTime() {
        for (Instant due = london(2026, 10, 20, 17, 0); due.isBefore(london(2027, 1, 10, 0, 0));
                due = due.plus(Duration.ofMinutes(437))) {
            for (long minutes : new long[] { 1, 59, 240, 480, 481, 2000 }) {
                Duration hours = Duration.ofMinutes(minutes);
                Instant alert = calendar.instantWorkingHoursBefore(due, hours);
                assertThat(calendar.workingHoursBetween(alert, due)).as("%s before %s", hours, due).isEqualTo(hours);
            }
        }
    }

    @Test
    void forwardDueAlertShouldBeFourWorkingHoursBeforeTheDueTime() {
        Instant due = calendar.forwardDue(london(2026, 11, 27, 10, 0));
        Instant alert = calendar.instantWorkingHoursBefore(due, Duration.ofHours(4));
        assertThat(alert).isEqualTo(london(2026, 12, 2, 13, 0));
        assertThat(calendar.workingHoursBetween(london(2026, 12, 2, 12, 59), due)).isGreaterThan(Duration.ofHours(4));
        assertThat(calendar.workingHoursBetween(alert, due)).isEqualTo(Duration.ofHours(4));
    }
}
