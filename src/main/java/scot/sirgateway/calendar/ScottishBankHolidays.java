package scot.sirgateway.calendar;

import static java.time.temporal.TemporalAdjusters.firstInMonth;
import static java.time.temporal.TemporalAdjusters.lastInMonth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The rule-based Scottish bank holidays of a year, exactly as {@code DOMAIN.md} states them:
 * 1 and 2 January, Good Friday, the first and the last Monday of May, the first Monday of August,
 * St Andrew's Day (30 November), Christmas Day and Boxing Day. A fixed date that falls on a
 * Saturday or Sunday is replaced by the next weekday that is not already a holiday, so 1 and
 * 2 January on Saturday and Sunday give Monday 3 and Tuesday 4, and 1 January on a Sunday gives
 * Monday 2 and Tuesday 3 (likewise Christmas and Boxing Day). Easter Monday and the last Monday of
 * August are not Scottish bank holidays.
 *
 * <p>One-off changes (added or moved days) are not here: they are configuration
 * ({@link CalendarProperties}) and {@link WorkingCalendar} applies them. Pure functions, no state.
 */
public final class ScottishBankHolidays {

    /** The fixed-date holidays, in date order (substitution depends on it). */
    private static final List<MonthDay> FIXED = List.of(
            MonthDay.of(Month.JANUARY, 1),
            MonthDay.of(Month.JANUARY, 2),
            MonthDay.of(Month.NOVEMBER, 30),
            MonthDay.of(Month.DECEMBER, 25),
            MonthDay.of(Month.DECEMBER, 26));

    private ScottishBankHolidays() {
    }

    /**
     * The rule-based bank holidays of {@code year}, in date order. Every date lies in that year
     * (a substitute is at most 28 December) and is a weekday.
     */
    public static NavigableSet<LocalDate> forYear(int year) {
        TreeSet<LocalDate> holidays = new TreeSet<>();
        // the movable holidays always fall on a weekday, and never on or near a fixed date
        holidays.add(goodFriday(year));
        LocalDate may = LocalDate.of(year, Month.MAY, 1);
        holidays.add(may.with(firstInMonth(DayOfWeek.MONDAY)));
        holidays.add(may.with(lastInMonth(DayOfWeek.MONDAY)));
        holidays.add(LocalDate.of(year, Month.AUGUST, 1).with(firstInMonth(DayOfWeek.MONDAY)));
        for (MonthDay fixed : FIXED) {
            LocalDate day = fixed.atYear(year);
            while (isWeekend(day) || holidays.contains(day)) {
                day = day.plusDays(1);
            }
            holidays.add(day);
        }
        return Collections.unmodifiableNavigableSet(holidays);
    }

    /** Good Friday: two days before Easter Sunday. */
    public static LocalDate goodFriday(int year) {
        return easterSunday(year).minusDays(2);
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    static boolean isWeekend(LocalDate day) {
        DayOfWeek dayOfWeek = day.getDayOfWeek();
        return dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY;
    }
}
