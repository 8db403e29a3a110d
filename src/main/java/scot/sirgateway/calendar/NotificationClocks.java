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
        LocalDate reviewDue = received.plusMonths(3);
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
}
