package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.calendar.CalendarProperties;
import scot.sirgateway.calendar.WorkingCalendar;

/** When each reminder goes out: working days, bank holidays, month ends, catch-up after downtime. */
class ReminderScheduleTest {

    private static final WorkingCalendar CALENDAR = new WorkingCalendar(new Binder(new MapConfigurationPropertySource(
            Map.of())).bindOrCreate("gateway.calendar", CalendarProperties.class));
    private static final ReminderProperties DEFAULTS = bind(Map.of());

    private final ReminderSchedule review = new ReminderSchedule(DEFAULTS.review(), LocalTime.of(9, 0), CALENDAR);
    private final ReminderSchedule information = new ReminderSchedule(DEFAULTS.information(), LocalTime.of(9, 0), CALENDAR);

    private static ReminderProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.reminders", ReminderProperties.class);
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, GatewayClock.ZONE).toInstant();
    }

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    @Test
    void defaultsShouldBeTheIssuesSchedule() {
        assertThat(DEFAULTS.enabled()).isTrue();
        assertThat(DEFAULTS.sendAt()).isEqualTo(LocalTime.of(9, 0));
        assertThat(DEFAULTS.review()).isEqualTo(new ReminderProperties.Schedule(List.of(28, 7), true, 7, 2, false));
        assertThat(DEFAULTS.comment()).isEqualTo(new ReminderProperties.Schedule(List.of(7), true, 7, 0, true));
        assertThat(DEFAULTS.information().daysBefore()).containsExactly(7);
        assertThat(DEFAULTS.information().copyCswoFromOverdue()).isEqualTo(2);
        // one setting changed keeps the clock's other defaults
        ReminderProperties changed = bind(Map.of("gateway.reminders.review.on-due", "false",
                "gateway.reminders.comment.days-before", "10,3"));
        assertThat(changed.review()).isEqualTo(new ReminderProperties.Schedule(List.of(28, 7), false, 7, 2, false));
        assertThat(changed.comment().daysBefore()).containsExactly(10, 3);
        assertThat(changed.comment().copyAlertsWhenOverdue()).isTrue();
    }

    @Test
    void wrongSettingsShouldBeRefused() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(bind(Map.of("gateway.reminders.review.days-before", "28,0")))).isNotEmpty();
        assertThat(validator.validate(bind(Map.of("gateway.reminders.review.days-before", "7,7")))).isNotEmpty();
        assertThat(validator.validate(bind(Map.of("gateway.reminders.comment.overdue-every-days", "0")))).isNotEmpty();
        assertThat(validator.validate(DEFAULTS)).isEmpty();
    }

    @Test
    void reviewStepsShouldFallAtNineOnWorkingDays() {
        // due Monday 1 March 2027: 28 and 7 days before are Mondays too
        assertThat(review.beforeAndOnDue(date(2027, 3, 1))).extracting(ReminderSchedule.Step::label,
                        ReminderSchedule.Step::date, ReminderSchedule.Step::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("28d", date(2027, 2, 1), at(2027, 2, 1, 9, 0)),
                        org.assertj.core.groups.Tuple.tuple("7d", date(2027, 2, 22), at(2027, 2, 22, 9, 0)),
                        org.assertj.core.groups.Tuple.tuple("due", date(2027, 3, 1), at(2027, 3, 1, 9, 0)));
        assertThat(review.overdue(date(2027, 3, 1), 1).date()).isEqualTo(date(2027, 3, 8));
        assertThat(review.overdue(date(2027, 3, 1), 2).label()).isEqualTo("overdue-2");
        assertThat(review.overdue(date(2027, 3, 1), 2).date()).isEqualTo(date(2027, 3, 15));
    }

    @Test
    void aStepOnAHolidayBeforeTheDueDateShouldMoveToThePreviousWorkingDay() {
        // due Friday 29 January 2027: 28 days before is New Year's Day, so Thursday 31 December 2026
        assertThat(review.beforeAndOnDue(date(2027, 1, 29)).get(0).date()).isEqualTo(date(2026, 12, 31));
        // due Monday 7 December 2026: 7 days before is St Andrew's Day (Monday 30 November), so Friday 27 November
        assertThat(information.beforeAndOnDue(date(2026, 12, 7)).get(0).date()).isEqualTo(date(2026, 11, 27));
        // due on a Sunday at a month's end (28 February 2027): the on-due step goes on Friday 26 February
        assertThat(information.beforeAndOnDue(date(2027, 2, 28)).get(1).date()).isEqualTo(date(2027, 2, 26));
    }

    @Test
    void anOverdueStepOnAHolidayShouldMoveToTheNextWorkingDay() {
        // due Friday 18 December 2026: a week later is Christmas Day; Boxing Day's substitute is Monday 28
        // December, so Tuesday 29 December
        assertThat(review.overdue(date(2026, 12, 18), 1).date()).isEqualTo(date(2026, 12, 29));
        // two weeks later is New Year's Day 2027 (Friday); 2 January's substitute is Monday 4, so Tuesday 5 January
        assertThat(review.overdue(date(2026, 12, 18), 2).date()).isEqualTo(date(2027, 1, 5));
        // due on Sunday 28 February 2027: a week later is Sunday 7 March, so Monday 8 March
        assertThat(information.overdue(date(2027, 2, 28), 1).date()).isEqualTo(date(2027, 3, 8));
    }

    @Test
    void sendAtShouldBeLondonTimeInSummerToo() {
        // 9:00 in British Summer Time is 8:00 UTC
        assertThat(information.beforeAndOnDue(date(2026, 7, 1)).get(1).at())
                .isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    }

    @Test
    void onlyTheLatestDueStepShouldBeAnswered() {
        LocalDate due = date(2027, 3, 1);
        Instant started = at(2026, 12, 1, 10, 0);
        assertThat(review.latest(due, started, at(2027, 2, 1, 8, 59))).isEmpty();
        assertThat(review.latest(due, started, at(2027, 2, 1, 9, 0))).map(ReminderSchedule.Step::label).contains("28d");
        // down from 31 January to 24 February: only the 7-day reminder is due, not the 28-day one as well
        assertThat(review.latest(due, started, at(2027, 2, 24, 12, 0))).map(ReminderSchedule.Step::label).contains("7d");
        assertThat(review.latest(due, started, at(2027, 3, 1, 9, 0))).map(ReminderSchedule.Step::label).contains("due");
        // 1 April 2027: overdue steps on 8, 15, 22 and 29 March; the fourth is the latest
        assertThat(review.latest(due, started, at(2027, 4, 1, 9, 0))).map(ReminderSchedule.Step::label)
                .contains("overdue-4");
    }

    @Test
    void aStepAlreadyPastWhenTheClockStartedShouldNotBeSent() {
        // a request made on 3 December 2026 due 7 December: its 7-day step (27 November) was before it
        LocalDate due = date(2026, 12, 7);
        Instant requested = at(2026, 12, 3, 11, 0);
        assertThat(information.latest(due, requested, at(2026, 12, 4, 10, 0))).isEmpty();
        assertThat(information.latest(due, requested, at(2026, 12, 7, 9, 0))).map(ReminderSchedule.Step::label)
                .contains("due");
    }
}
