package scot.sirgateway.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import scot.sirgateway.GatewayClock;

/**
 * {@code gateway.calendar.*}: what the Scottish bank-holiday rules alone do not know.
 *
 * <ul>
 * <li>{@code extra-holidays}: dates that are not working days beyond the rule-based Scottish bank
 * holidays (one-off bank holidays, the new date of a moved holiday, a council's local holidays);</li>
 * <li>{@code cancelled-holidays}: rule-based bank holidays that were moved away, so are working
 * days after all;</li>
 * <li>{@code workday-start} / {@code workday-end}: working hours, in {@link #zone()}.</li>
 * </ul>
 *
 * The defaults carry the one-off changes of {@code DOMAIN.md}: added 29 April 2011, 5 June 2012,
 * 3 June 2022, 19 September 2022 and 8 May 2023; moved 28 May 2012 to 4 June 2012, 4 May 2020 to
 * 8 May 2020 and 30 May 2022 to 2 June 2022; and the one-off Scottish bank holiday of 15 June 2026,
 * which the published lists carry (later than DOMAIN.md's list). Later one-off days are added by
 * configuration.
 * Setting either list <em>replaces</em> its defaults
 * (Spring binds a list as a whole), so a configured list must repeat the dates above that it still
 * wants.
 */
@Validated
@ConfigurationProperties("gateway.calendar")
public record CalendarProperties(
        @DefaultValue({
                "2011-04-29",
                "2012-06-04", "2012-06-05",
                "2020-05-08",
                "2022-06-02", "2022-06-03", "2022-09-19",
                "2023-05-08",
                "2026-06-15" }) List<@NotNull LocalDate> extraHolidays,
        @DefaultValue({ "2012-05-28", "2020-05-04", "2022-05-30" }) List<@NotNull LocalDate> cancelledHolidays,
        @NotNull @DefaultValue("09:00") LocalTime workdayStart,
        @NotNull @DefaultValue("17:00") LocalTime workdayEnd) {

    public CalendarProperties {
        extraHolidays = extraHolidays == null ? List.of() : List.copyOf(extraHolidays);
        cancelledHolidays = cancelledHolidays == null ? List.of() : List.copyOf(cancelledHolidays);
    }

    /** The zone working hours are read in; not configurable, every clock of the gateway uses it. */
    public ZoneId zone() {
        return GatewayClock.ZONE;
    }

    /** Validation only: a working day must have some working hours. */
    @AssertTrue(message = "gateway.calendar.workday-start must be before gateway.calendar.workday-end")
    public boolean isWorkdayStartBeforeEnd() {
        return workdayStart == null || workdayEnd == null || workdayStart.isBefore(workdayEnd);
    }
}
