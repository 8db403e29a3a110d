package scot.sirgateway.deadline;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.reminders.*}: whether the reminder engine runs ({@code enabled}), the local time
 * (Europe/London) reminders go out on a working day ({@code send-at}), how often the clocks are
 * checked ({@code poll-delay}), and one schedule per clock ({@code review}, {@code comment},
 * {@code information}). A setting left out of a clock's schedule keeps that clock's default:
 * review 28 and 7 days before, on the day, every 7 days overdue, the CSWO copied from the second
 * overdue reminder; comment and information 7 days before, on the day, every 7 days overdue; overdue
 * comment reminders also to the alert recipients.
 */
@Validated
@ConfigurationProperties("gateway.reminders")
public record ReminderProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("09:00") LocalTime sendAt,
        @NotNull @DefaultValue("60s") Duration pollDelay,
        @Valid Schedule review,
        @Valid Schedule comment,
        @Valid Schedule information) {

    static final Schedule REVIEW_DEFAULTS = new Schedule(List.of(28, 7), true, 7, 2, false);
    static final Schedule COMMENT_DEFAULTS = new Schedule(List.of(7), true, 7, 0, true);
    static final Schedule INFORMATION_DEFAULTS = new Schedule(List.of(7), true, 7, 2, false);

    public ReminderProperties {
        review = Schedule.orDefaults(review, REVIEW_DEFAULTS);
        comment = Schedule.orDefaults(comment, COMMENT_DEFAULTS);
        information = Schedule.orDefaults(information, INFORMATION_DEFAULTS);
    }

    /** The defaults of every setting. */
    public static ReminderProperties defaults() {
        return new ReminderProperties(true, LocalTime.of(9, 0), Duration.ofSeconds(60), null, null, null);
    }

    /**
     * One clock's reminders: {@code days-before} the due date (each a step {@code <n>d}), one on the due
     * date ({@code on-due}), then one every {@code overdue-every-days} while it is overdue. Review and
     * information: the council's CSWO is copied from the {@code copy-cswo-from-overdue}-th overdue
     * reminder on (0: never). Comment: overdue reminders also go to {@code gateway.alerts.recipients}
     * when {@code copy-alerts-when-overdue}.
     */
    public record Schedule(List<Integer> daysBefore, Boolean onDue, Integer overdueEveryDays,
            Integer copyCswoFromOverdue, Boolean copyAlertsWhenOverdue) {

        static Schedule orDefaults(Schedule configured, Schedule defaults) {
            if (configured == null) {
                return defaults;
            }
            return new Schedule(
                    configured.daysBefore == null ? defaults.daysBefore : List.copyOf(configured.daysBefore),
                    configured.onDue == null ? defaults.onDue : configured.onDue,
                    configured.overdueEveryDays == null ? defaults.overdueEveryDays : configured.overdueEveryDays,
                    configured.copyCswoFromOverdue == null ? defaults.copyCswoFromOverdue : configured.copyCswoFromOverdue,
                    configured.copyAlertsWhenOverdue == null ? defaults.copyAlertsWhenOverdue
                            : configured.copyAlertsWhenOverdue);
        }

        /** Validation only: days before are whole days, at least one, each listed once. */
        @AssertTrue(message = "days-before must be whole days of 1 or more, each listed once")
        public boolean isDaysBeforeValid() {
            return daysBefore == null || daysBefore.stream().allMatch(d -> d != null && d >= 1)
                    && daysBefore.stream().distinct().count() == daysBefore.size();
        }

        /** Validation only. */
        @AssertTrue(message = "overdue-every-days must be 1 or more")
        public boolean isOverdueEveryDaysValid() {
            return overdueEveryDays == null || overdueEveryDays >= 1;
        }

        /** Validation only. */
        @AssertTrue(message = "copy-cswo-from-overdue must be 0 (never) or more")
        public boolean isCopyCswoFromOverdueValid() {
            return copyCswoFromOverdue == null || copyCswoFromOverdue >= 0;
        }
    }

    /** The schedule of a clock that has reminders (REVIEW, COMMENT, INFORMATION). */
    public Schedule of(scot.sirgateway.model.ClockKind clock) {
        return switch (clock) {
            case REVIEW -> review;
            case COMMENT -> comment;
            case INFORMATION -> information;
            case FORWARD -> throw new IllegalArgumentException("the forward clock has alerts, not reminders");
        };
    }
}
