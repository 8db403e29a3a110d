package scot.sirgateway.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import scot.sirgateway.GatewayClock;

/**
 * {@code gateway.calendar.*} as Spring binds it: the defaults, the property names, relaxed
 * environment names, and start-up failing on a setting that cannot be right.
 */
class CalendarPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CalendarConfiguration.class);

    private static Instant london(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, GatewayClock.ZONE).toInstant();
    }

    @Test
    void defaultsShouldCarryTheOneOffChanges() {
        CalendarProperties defaults = CalendarBinding.defaults();

        assertThat(defaults.extraHolidays()).containsExactlyInAnyOrder(
                of(2011, 4, 29), of(2012, 6, 4), of(2012, 6, 5), of(2020, 5, 8), of(2022, 6, 2),
                of(2022, 6, 3), of(2022, 9, 19), of(2023, 5, 8), of(2026, 6, 15));
        assertThat(defaults.cancelledHolidays()).containsExactlyInAnyOrder(
                of(2012, 5, 28), of(2020, 5, 4), of(2022, 5, 30));
        assertThat(defaults.workdayStart()).isEqualTo(LocalTime.of(9, 0));
        assertThat(defaults.workdayEnd()).isEqualTo(LocalTime.of(17, 0));
        assertThat(defaults.zone()).isEqualTo(GatewayClock.ZONE);
    }

    @Test
    void extraHolidaysFromPropertiesShouldStopWorkingDays() {
        // a council's local holiday on Monday 21 September 2026
        WorkingCalendar calendar = CalendarBinding.calendar(Map.of("gateway.calendar.extra-holidays", "2026-09-21"));

        assertThat(calendar.isWorkingDay(of(2026, 9, 21))).isFalse();
        assertThat(calendar.holidays(2026)).contains(of(2026, 9, 21));
        assertThat(calendar.forwardDue(london(2026, 9, 18, 10, 0))).isEqualTo(london(2026, 9, 23, 17, 0));
        assertThat(CalendarBinding.defaultCalendar().forwardDue(london(2026, 9, 18, 10, 0)))
                .isEqualTo(london(2026, 9, 22, 17, 0));
    }

    @Test
    void extraHolidaysShouldBindAsAnIndexedList() {
        CalendarProperties properties = CalendarBinding.properties(Map.of(
                "gateway.calendar.extra-holidays[0]", "2026-04-06",
                "gateway.calendar.extra-holidays[1]", "2026-09-21"));

        assertThat(properties.extraHolidays()).containsExactly(of(2026, 4, 6), of(2026, 9, 21));
    }

    @Test
    void cancelledHolidaysFromPropertiesShouldRestoreWorkingDays() {
        WorkingCalendar calendar = CalendarBinding.calendar(Map.of("gateway.calendar.cancelled-holidays", "2026-11-30"));

        assertThat(calendar.isWorkingDay(of(2026, 11, 30))).isTrue();
        assertThat(calendar.holidays(2026)).doesNotContain(of(2026, 11, 30));
        assertThat(calendar.forwardDue(london(2026, 11, 27, 10, 0))).isEqualTo(london(2026, 12, 1, 17, 0));
    }

    @Test
    void settingAListShouldReplaceItsDefaults() {
        CalendarProperties properties = CalendarBinding.properties(Map.of("gateway.calendar.extra-holidays", "2026-09-21"));
        WorkingCalendar calendar = new WorkingCalendar(properties);

        assertThat(properties.extraHolidays()).containsExactly(of(2026, 9, 21));
        assertThat(properties.cancelledHolidays()).containsExactlyInAnyOrder(
                of(2012, 5, 28), of(2020, 5, 4), of(2022, 5, 30));
        assertThat(calendar.isWorkingDay(of(2022, 6, 3))).isTrue();
    }

    @Test
    void environmentVariablesShouldBindByRelaxedNames() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource("environment", Map.of(
                "GATEWAY_CALENDAR_EXTRA_HOLIDAYS", "2026-09-21,2026-10-05",
                "GATEWAY_CALENDAR_WORKDAY_END", "16:30"));
        CalendarProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("gateway.calendar", CalendarProperties.class);

        assertThat(properties.extraHolidays()).containsExactly(of(2026, 9, 21), of(2026, 10, 5));
        assertThat(properties.workdayEnd()).isEqualTo(LocalTime.of(16, 30));
        assertThat(new WorkingCalendar(properties).forwardDue(london(2026, 11, 27, 10, 0)))
                .isEqualTo(london(2026, 12, 2, 16, 30));
    }

    @Test
    void workingHoursFromPropertiesShouldChangeWorkingTime() {
        WorkingCalendar calendar = CalendarBinding.calendar(Map.of(
                "gateway.calendar.workday-start", "08:30",
                "gateway.calendar.workday-end", "16:30"));

        assertThat(calendar.forwardDue(london(2026, 12, 2, 10, 0))).isEqualTo(london(2026, 12, 4, 16, 30));
        // Monday 08:30-10:00, then Friday 14:00-16:30
        assertThat(calendar.instantWorkingHoursBefore(london(2026, 12, 7, 10, 0), Duration.ofHours(4)))
                .isEqualTo(london(2026, 12, 4, 14, 0));
    }

    @Test
    void cancellingADayThatIsNoBankHolidayShouldStopStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> CalendarBinding.calendar(Map.of("gateway.calendar.cancelled-holidays", "2026-11-29")))
                .withMessageContaining("gateway.calendar.cancelled-holidays")
                .withMessageContaining("2026-11-29");
    }

    /** The calendar's two beans, as the gateway's component and properties scans would make them. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CalendarProperties.class)
    @Import(WorkingCalendar.class)
    static class CalendarConfiguration {
    }

    @Test
    void workingCalendarShouldStartWithTheDefaultsWhenNothingIsSet() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            WorkingCalendar calendar = started.getBean(WorkingCalendar.class);
            assertThat(calendar.holidays(2022)).containsExactlyInAnyOrderElementsOf(
                    PublishedScottishBankHolidays.BY_YEAR.get(2022));
        });
    }

    @Test
    void workingCalendarShouldTakeItsSettingsFromTheEnvironment() {
        context.withPropertyValues("gateway.calendar.extra-holidays=2026-09-21",
                "gateway.calendar.cancelled-holidays=2026-11-30").run(started -> {
                    WorkingCalendar calendar = started.getBean(WorkingCalendar.class);
                    assertThat(calendar.isWorkingDay(of(2026, 9, 21))).isFalse();
                    assertThat(calendar.isWorkingDay(of(2026, 11, 30))).isTrue();
                });
    }

    @Test
    void startUpShouldFailNamingThePropertyWhenWorkingHoursAreEmpty() {
        context.withPropertyValues("gateway.calendar.workday-start=17:00", "gateway.calendar.workday-end=09:00")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("gateway.calendar.workday-start must be before"));
    }

    @Test
    void startUpShouldFailOnADateThatIsNotADate() {
        context.withPropertyValues("gateway.calendar.extra-holidays=30/11/2026")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.calendar.extra-holidays"));
    }
}
