package scot.sirgateway.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.calendar.WorkingCalendar;

/**
 * When a clock's reminders go out (pure: no clock, no database). A step's date is the due date minus
 * {@code n} days for a before-step ({@code <n>d}), the due date for {@code due}, the due date plus
 * {@code k * every} days for the k-th {@code overdue}. A date that is not a working day moves to the
 * previous working day when it is on or before the due date, to the next one when it is after it. The
 * step goes out at {@code send-at} (Europe/London) on that date.
 */
public final class ReminderSchedule {

    /** One reminder: {@code name} is {@code 28d}, {@code 7d}, {@code due} or {@code overdue}; {@code count} is k of the k-th overdue, else 0. */
    public record Step(String name, int count, LocalDate date, Instant at) {

        /** The step as it appears in keys and Message-IDs: {@code 28d}, {@code due}, {@code overdue-3}. */
        public String label() {
            return count == 0 ? name : name + "-" + count;
        }

        public boolean overdue() {
            return "overdue".equals(name);
        }
    }

    private final ReminderProperties.Schedule schedule;
    private final LocalTime sendAt;
    private final WorkingCalendar calendar;

    public ReminderSchedule(ReminderProperties.Schedule schedule, LocalTime sendAt, WorkingCalendar calendar) {
        this.schedule = schedule;
        this.sendAt = sendAt;
        this.calendar = calendar;
    }

    /** The steps up to and including the due date, in order. */
    public List<Step> beforeAndOnDue(LocalDate due) {
        List<Step> steps = new ArrayList<>();
        schedule.daysBefore().stream().sorted(Comparator.reverseOrder())
                .forEach(n -> steps.add(step(n + "d", 0, due.minusDays(n), due)));
        if (schedule.onDue()) {
            steps.add(step("due", 0, due, due));
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /** The k-th overdue step (k from 1). */
    public Step overdue(LocalDate due, int k) {
        return step("overdue", k, due.plusDays((long) k * schedule.overdueEveryDays()), due);
    }

    /**
     * The latest step whose moment is at or before {@code now} and not before {@code startedAt} (a step
     * that was already past when the clock started is never sent), if any. Earlier steps are not
     * answered: after downtime only the latest one goes out.
     */
    public Optional<Step> latest(LocalDate due, Instant startedAt, Instant now) {
        Step latest = null;
        for (Step step : beforeAndOnDue(due)) {
            if (!step.at().isAfter(now)) {
                latest = step;
            }
        }
        // overdue steps are in order of k; the k-th is never before the (k-1)-th
        for (int k = 1; ; k++) {
            Step step = overdue(due, k);
            if (step.at().isAfter(now)) {
                break;
            }
            latest = step;
        }
        if (latest == null || latest.at().isBefore(startedAt)) {
            return Optional.empty();
        }
        return Optional.of(latest);
    }

    private Step step(String name, int count, LocalDate date, LocalDate due) {
        LocalDate day = date;
        if (!calendar.isWorkingDay(day)) {
            day = day.isAfter(due) ? calendar.addWorkingDays(day, 1) : calendar.addWorkingDays(day, -1);
        }
        return new Step(name, count, day, ZonedDateTime.of(day, sendAt, GatewayClock.ZONE).toInstant());
    }
}
