package scot.sirgateway.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bank-holiday rules alone, without configuration: the published list of every year without a
 * one-off change, Easter, and each substitution case of {@code DOMAIN.md}.
 */
class ScottishBankHolidaysTest {

    static IntStream yearsWithoutOneOffChanges() {
        return PublishedScottishBankHolidays.BY_YEAR.keySet().stream()
                .filter(year -> !PublishedScottishBankHolidays.YEARS_WITH_ONE_OFF_CHANGES.contains(year))
                .mapToInt(Integer::intValue)
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yearsWithoutOneOffChanges")
    void forYearShouldMatchThePublishedListInAYearWithoutOneOffChanges(int year) {
        assertThat(ScottishBankHolidays.forYear(year))
                .containsExactlyInAnyOrderElementsOf(PublishedScottishBankHolidays.BY_YEAR.get(year));
    }

    @Test
    void forYearShouldKeepTheRuleDatesInYearsWithOneOffChanges() {
        assertThat(ScottishBankHolidays.forYear(2020)).contains(of(2020, 5, 4)).doesNotContain(of(2020, 5, 8));
        assertThat(ScottishBankHolidays.forYear(2022)).contains(of(2022, 5, 30))
                .doesNotContain(of(2022, 6, 2), of(2022, 6, 3), of(2022, 9, 19));
        assertThat(ScottishBankHolidays.forYear(2023)).doesNotContain(of(2023, 5, 8));
        assertThat(ScottishBankHolidays.forYear(2026)).doesNotContain(of(2026, 6, 15));
    }

    @Test
    void easterSundayShouldMatchTheKnownDates() {
        assertThat(ScottishBankHolidays.easterSunday(2013)).isEqualTo(of(2013, 3, 31));
        assertThat(ScottishBankHolidays.easterSunday(2019)).isEqualTo(of(2019, 4, 21));
        assertThat(ScottishBankHolidays.easterSunday(2024)).isEqualTo(of(2024, 3, 31));
        assertThat(ScottishBankHolidays.easterSunday(2026)).isEqualTo(of(2026, 4, 5));
        assertThat(ScottishBankHolidays.easterSunday(2027)).isEqualTo(of(2027, 3, 28));
        assertThat(ScottishBankHolidays.easterSunday(2038)).isEqualTo(of(2038, 4, 25));
        assertThat(ScottishBankHolidays.easterSunday(2285)).isEqualTo(of(2285, 3, 22));
        assertThat(ScottishBankHolidays.goodFriday(2026)).isEqualTo(of(2026, 4, 3));
    }

    @Test
    void forYearShouldGiveMondayThreeAndTuesdayFourWhenNewYearFallsOnTheWeekend() {
        assertThat(ScottishBankHolidays.forYear(2022).headSet(of(2022, 2, 1)))
                .containsExactly(of(2022, 1, 3), of(2022, 1, 4));
        assertThat(ScottishBankHolidays.forYear(2028).headSet(of(2028, 2, 1)))
                .containsExactly(of(2028, 1, 3), of(2028, 1, 4));
    }

    @Test
    void forYearShouldGiveMondayTwoAndTuesdayThreeWhenNewYearFallsOnASunday() {
        assertThat(ScottishBankHolidays.forYear(2017).headSet(of(2017, 2, 1)))
                .containsExactly(of(2017, 1, 2), of(2017, 1, 3));
        assertThat(ScottishBankHolidays.forYear(2023).headSet(of(2023, 2, 1)))
                .containsExactly(of(2023, 1, 2), of(2023, 1, 3));
    }

    @Test
    void forYearShouldMoveSecondJanuaryOnASaturdayToMonday() {
        assertThat(ScottishBankHolidays.forYear(2027).headSet(of(2027, 2, 1)))
                .containsExactly(of(2027, 1, 1), of(2027, 1, 4));
    }

    @Test
    void forYearShouldSubstituteChristmasAndBoxingDayOnTheWeekend() {
        assertThat(ScottishBankHolidays.forYear(2027).tailSet(of(2027, 12, 1)))
                .containsExactly(of(2027, 12, 27), of(2027, 12, 28));
        assertThat(ScottishBankHolidays.forYear(2022).tailSet(of(2022, 12, 1)))
                .containsExactly(of(2022, 12, 26), of(2022, 12, 27));
        assertThat(ScottishBankHolidays.forYear(2026).tailSet(of(2026, 12, 1)))
                .containsExactly(of(2026, 12, 25), of(2026, 12, 28));
    }

    @Test
    void forYearShouldMoveStAndrewsDayOnAWeekendToTheFollowingMonday() {
        assertThat(ScottishBankHolidays.forYear(2025)).contains(of(2025, 12, 1)).doesNotContain(of(2025, 11, 30));
        assertThat(ScottishBankHolidays.forYear(2030)).contains(of(2030, 12, 2)).doesNotContain(of(2030, 11, 30));
        assertThat(ScottishBankHolidays.forYear(2020)).contains(of(2020, 11, 30));
    }

    @Test
    void forYearShouldNotIncludeEasterMondayOrTheLastMondayOfAugust() {
        for (int year = 2000; year <= 2100; year++) {
            LocalDate easterMonday = ScottishBankHolidays.easterSunday(year).plusDays(1);
            LocalDate lastMondayOfAugust = LocalDate.of(year, Month.AUGUST, 1)
                    .with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY));
            assertThat(ScottishBankHolidays.forYear(year)).as("%d", year)
                    .doesNotContain(easterMonday, lastMondayOfAugust);
        }
    }

    @Test
    void forYearShouldHoldNineDistinctWeekdaysOfThatYear() {
        for (int year = 1900; year <= 2200; year++) {
            int y = year;
            assertThat(ScottishBankHolidays.forYear(year)).as("%d", year)
                    .hasSize(9)
                    .allSatisfy(day -> {
                        assertThat(day.getYear()).isEqualTo(y);
                        assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                    });
        }
    }
}
