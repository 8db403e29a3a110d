package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The holidays page names each Scottish bank holiday, and says when one is a substitute for a weekend date. */
class AdminHolidayNamesTest {

    @Test
    void bankHolidaysShouldBeNamedWithTheirSubstituteDays() {
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 4, 3))).isEqualTo("Good Friday");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 5, 4))).isEqualTo("Early May bank holiday");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 5, 25))).isEqualTo("Spring bank holiday");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 8, 3))).isEqualTo("Summer bank holiday");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 11, 30))).isEqualTo("St Andrew's Day");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 12, 25))).isEqualTo("Christmas Day");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2026, 12, 28))).isEqualTo("Boxing Day (substitute day)");
        // 25 and 26 December 2027 are a Saturday and a Sunday
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2027, 12, 27))).isEqualTo("Christmas Day (substitute day)");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2027, 12, 28))).isEqualTo("Boxing Day (substitute day)");
        // 1 and 2 January 2022 are a Saturday and a Sunday; 30 November 2024 a Saturday
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2022, 1, 3))).isEqualTo("New Year's Day (substitute day)");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2022, 1, 4))).isEqualTo("2 January (substitute day)");
        assertThat(AdminPages.bankHolidayName(LocalDate.of(2024, 12, 2))).isEqualTo("St Andrew's Day (substitute day)");
    }
}
