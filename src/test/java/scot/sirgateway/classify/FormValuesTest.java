package scot.sirgateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class FormValuesTest {

    @Test
    void datesShouldBeReadDayFirstAlways() {
        assertThat(FormValues.date("3/2/2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("03-02-2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("20.05.26")).contains(LocalDate.of(2026, 5, 20));
        assertThat(FormValues.date("2026-02-03")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("03-Feb-2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("3rd February 2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("Tuesday 3 February 2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("Tuesday, 3rd of Feb 2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.date("21 Sept 2025")).contains(LocalDate.of(2025, 9, 21));
        assertThat(FormValues.date("3 Febtember 2026")).isEmpty();
        assertThat(FormValues.date("12/13/2026")).isEmpty(); // no thirteenth month: US order is never guessed
        assertThat(FormValues.date("31/02/2026")).isEmpty();
        assertThat(FormValues.date("last Tuesday")).isEmpty();
    }

    @Test
    void yesNoAndLevelsShouldBeStrict() {
        assertThat(FormValues.yesNo(" Yes ")).contains(true);
        assertThat(FormValues.yesNo("n")).contains(false);
        assertThat(FormValues.yesNo("maybe")).isEmpty();
        assertThat(FormValues.level("3")).contains(3);
        assertThat(FormValues.level("4")).isEmpty();
        assertThat(FormValues.level("Category 2")).contains(2);
        assertThat(FormValues.yesNo("Yes, category 1, level 2")).contains(true);
        assertThat(FormValues.levelAfter("level", "Yes, category 1, level 2")).contains(2);
    }
}
