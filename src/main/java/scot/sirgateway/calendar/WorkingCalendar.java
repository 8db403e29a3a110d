package scot.sirgateway.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The Scottish working-day calendar every clock of the gateway is counted on: Monday to Friday
 * except the bank holidays of {@link ScottishBankHolidays}, less {@code gateway.calendar.cancelled-holidays},
 * plus {@code gateway.calendar.extra-holidays}; working hours {@code workday-start} to
 * {@code workday-end} (09:00 to 17:00 unless configured) in Europe/London local time, so a working
 * day is eight hours long in summer time and in winter time alike.
 *
 * <p>Reads only its {@link CalendarProperties}; answers are pure functions of the arguments (no
 * clock). Throws {@link IllegalStateException} at start when a cancelled holiday is not a Scottish
 * bank holiday, since such a setting can only be a typing error.
 */
@Component
public class WorkingCalendar {

    private final Set<LocalDate> extraHolidays;
    private final Set<LocalDate> cancelledHolidays;
    private final LocalTime workdayStart;
    private final LocalTime workdayEnd;
    private final ZoneId zone;
    private final Map<Integer, NavigableSet<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    public WorkingCalendar(CalendarProperties properties) {
        this.extraHolidays = Set.copyOf(properties.extraHolidays());
        this.cancelledHolidays = Set.copyOf(properties.cancelledHolidays());
        this.workdayStart = properties.workdayStart();
        this.workdayEnd = properties.workdayEnd();
        this.zone = properties.zone();
        List<LocalDate> notBankHolidays = properties.cancelledHolidays().stream()
                .filter(day -> !ScottishBankHolidays.forYear(day.getYear()).contains(day))
                .sorted()
                .toList();
        if (!notBankHolidays.isEmpty()) {
            throw new IllegalStateException("gateway.calendar.cancelled-holidays lists " + notBankHolidays
                    + ", which " + (notBankHolidays.size() == 1 ? "is" : "are")
                    + " not a Scottish bank holiday, so there is nothing to cancel");
        }
    }

    /** Monday to Friday and not a holiday of {@link #holidays(int)}. */
    public boolean isWorkingDay(LocalDate day) {
        return !ScottishBankHolidays.isWeekend(day) && !holidays(day.getYear()).contains(day);
    }

    /**
     * The holidays of {@code year} in date order: the rule-based Scottish bank holidays without the
     * cancelled ones, with the extra ones of that year.
     */
    public NavigableSet<LocalDate> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year, this::computeHolidays);
    }

    private NavigableSet<LocalDate> computeHolidays(int year) {
        TreeSet<LocalDate> holidays = new TreeSet<>(ScottishBankHolidays.forYear(year));
        holidays.removeAll(cancelledHolidays);
        extraHolidays.stream().filter(day -> day.getYear() == year).forEach(holidays::add);
        return Collections.unmodifiableNavigableSet(holidays);
    }

    /**
     * The date {@code n} working days after {@code date}: each step goes to the next working day,
     * so the result is always a working day when {@code n > 0}, whatever {@code date} is (Friday
     * 27 November 2026 plus one is Tuesday 1 December, Monday 30 November being St Andrew's Day).
     * {@code n == 0} answers {@code date} itself; a negative {@code n} counts back the same way.
     */
    public LocalDate addWorkingDays(LocalDate date, int n) {
        int step = n < 0 ? -1 : 1;
        int left = Math.abs(n);
        LocalDate day = date;
        while (left > 0) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * The number of working days {@code d} with {@code from < d <= to}: {@code from} itself never
     * counts, {@code to} counts when it is a working day. So an incident on Monday 1 June 2026
     * notified on Monday 8 June 2026 is 5 working days later, and on Tuesday 9 June 6; the same day
     * is 0; and {@code addWorkingDays(from, workingDaysBetween(from, to))} is {@code to} whenever
     * {@code to} is a working day on or after {@code from}. When {@code to} is before {@code from}
     * the answer is negative: {@code -workingDaysBetween(to, from)}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * When forwarding a notification received at {@code receivedAt} to Scottish Government is due:
     * the end of working hours (17:00 Europe/London) on the second working day after the day of
     * receipt, that day being the Europe/London date of {@code receivedAt}. Received on a Saturday,
     * due on Tuesday; received on Friday 27 November 2026, due on Wednesday 2 December 2026 at 17:00.
     */
    public Instant forwardDue(Instant receivedAt) {
        LocalDate dayOfReceipt = receivedAt.atZone(zone).toLocalDate();
        return closing(addWorkingDays(dayOfReceipt, 2));
    }

    /**
     * The working time between two instants: the part of {@code [from, to]} that lies within
     * working hours on working days. Working hours are local times, so each day's window is turned
     * into instants on its own date, and a clock change never adds or removes an hour. When
     * {@code to} is before {@code from} the answer is negative.
     */
    public Duration workingHoursBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return workingHoursBetween(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant start = latest(opening(day), from);
            Instant end = earliest(closing(day), to);
            if (start.isBefore(end)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /**
     * The instant that lies {@code workingHours} of working time before {@code due}, for scheduling
     * an alert such as "four working hours before the forward is due": due at 17:00 on a working day,
     * four hours before is 13:00 that day; due at 10:00 on a Monday after a working Friday, it is
     * 14:00 on the Friday. When the answer falls on the boundary between two working days (every
     * instant from the closing of one to the opening of the next leaves the same working time) the
     * latest is answered, the opening of the later day, when people are at work to act on it. In
     * every case {@code workingHoursBetween(instantWorkingHoursBefore(due, h), due)} is {@code h};
     * {@code Duration.ZERO} answers {@code due}.
     *
     * @throws IllegalArgumentException when {@code workingHours} is negative
     */
    public Instant instantWorkingHoursBefore(Instant due, Duration workingHours) {
        if (workingHours.isNegative()) {
            throw new IllegalArgumentException("workingHours must not be negative: " + workingHours);
        }
        if (workingHours.isZero()) {
            return due;
        }
        Duration left = workingHours;
        for (LocalDate day = due.atZone(zone).toLocalDate();; day = day.minusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant start = opening(day);
            Instant end = earliest(closing(day), due);
            if (!start.isBefore(end)) {
                continue;
            }
            Duration available = Duration.between(start, end);
            if (left.compareTo(available) <= 0) {
                return end.minus(left);
            }
            left = left.minus(available);
        }
    }

    private Instant opening(LocalDate day) {
        return ZonedDateTime.of(day, workdayStart, zone).toInstant();
    }

    private Instant closing(LocalDate day) {
        return ZonedDateTime.of(day, workdayEnd, zone).toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
