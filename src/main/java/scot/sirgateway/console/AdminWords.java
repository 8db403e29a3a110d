package scot.sirgateway.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.council.CouncilNames;

/** Dates and times of the admin pages in words, in UK time, and the councils' addresses in the pages' paths. */
final class AdminWords {

    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm", Locale.UK);

    private AdminWords() {
    }

    /** "1 December 2026 at 10:42" (UK time); null for null. */
    static String when(OffsetDateTime at) {
        if (at == null) {
            return null;
        }
        var local = at.atZoneSameInstant(GatewayClock.ZONE);
        return DashboardText.DAY.format(local) + " at " + TIME.format(local);
    }

    /** "1 December 2026"; null for null. */
    static String day(LocalDate day) {
        return day == null ? null : DashboardText.DAY.format(day);
    }

    /** "Tuesday 1 December 2026". */
    static String weekday(LocalDate day) {
        return WEEKDAY.format(day);
    }

    /** The council's part of its pages' paths: {@code aberdeen-city} for Aberdeen City. */
    static String slug(String councilName) {
        return CouncilNames.normalise(councilName).replace(' ', '-');
    }
}
