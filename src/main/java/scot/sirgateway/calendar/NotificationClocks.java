package scot.sirgateway.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;

/**
 * The clocks of a notification (DOMAIN.md), set when it is registered: the forward to Scottish
 * Government due at 17:00 on the second working day after the day of receipt; whether the council
 * notified within five working days of the incident (or of becoming aware, when later), and how
 * many working days late it was when it did not; the review due three calendar months after receipt.
 * The review and the inspectorate's comment on a review fall due on a working day: a calendar-month date
 * that is not one moves to the next working day (DOMAIN.md).
 */
@Component
public class NotificationClocks {

    /** A notification's clocks; the timeliness fields are null when the incident date is not known. */
    public record Clocks(OffsetDateTime forwardDue, Boolean notifiedWithin5WorkingDays, Integer workingDaysLate,
            LocalDate reviewDue) {
    }

    private final WorkingCalendar calendar;

    public NotificationClocks(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    public Clocks of(OffsetDateTime receivedAt, LocalDate incidentDate, LocalDate awareDate) {
        OffsetDateTime forwardDue = calendar.forwardDue(receivedAt.toInstant()).atZone(GatewayClock.ZONE).toOffsetDateTime();
        LocalDate received = receivedAt.atZoneSameInstant(GatewayClock.ZONE).toLocalDate();
        LocalDate reviewDue = monthsAfter(received, 3);
        LocalDate start = incidentDate;
        if (awareDate != null && (start == null || awareDate.isAfter(start))) {
            start = awareDate;
        }
        if (start == null || start.isAfter(received)) {
            return new Clocks(forwardDue, null, null, reviewDue);
        }
        int days = calendar.workingDaysBetween(start, received);
        return new Clocks(forwardDue, days <= 5, days > 5 ? days : null, reviewDue);
    }

    /**
     * When the review of a notification received at {@code receivedAt} is due: three calendar months
     * after the day of receipt (Europe/London), the same day number or the month's last day when it has
     * none, moved to the next working day when it is not one. Received Friday 27 November 2026: due
     * Monday 1 March 2027 (27 February 2027 is a Saturday).
     */
    public LocalDate reviewDue(OffsetDateTime receivedAt) {
        return monthsAfter(receivedAt.atZoneSameInstant(GatewayClock.ZONE).toLocalDate(), 3);
    }

    /**
     * When the inspectorate's comment on a review received at {@code receivedAt} is due: one calendar
     * month after the day of receipt (Europe/London), by the same rule as {@link #reviewDue}.
     */
    public LocalDate commentDue(OffsetDateTime receivedAt) {
        return monthsAfter(receivedAt.atZoneSameInstant(GatewayClock.ZONE).toLocalDate(), 1);
    }

    private LocalDate monthsAfter(LocalDate day, int months) {
        // plusMonths keeps the day number, or takes the month's last day when it has none
        LocalDate due = day.plusMonths(months);
        return calendar.isWorkingDay(due) ? due : calendar.addWorkingDays(due, 1);
    }
}
