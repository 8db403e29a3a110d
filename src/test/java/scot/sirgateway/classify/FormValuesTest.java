package scot.sirgateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class FormValuesTest {

    /** MAPPA answers and answers still to come are read with the words of the rules file. */
    private static final ClassificationRules RULES = new ClassificationRules("classpath:classification-rules.yaml",
            new DefaultResourceLoader());

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

    @Test
    void datesShouldBeReadInTheOtherStylesCouncilsWrite() {
        assertThat(FormValues.date("Fri 24th Apr 2026")).contains(LocalDate.of(2026, 4, 24));
        assertThat(FormValues.date("Thurs. 5 March 2026")).contains(LocalDate.of(2026, 3, 5));
        assertThat(FormValues.date("February 3rd, 2026")).contains(LocalDate.of(2026, 2, 3));
        assertThat(FormValues.dateIn("05/03/2026 (late evening)")).contains(LocalDate.of(2026, 3, 5));
        assertThat(FormValues.dateIn("On or about 3rd Feb 2026")).contains(LocalDate.of(2026, 2, 3));
        // two different dates in a date field: which one is the incident's is for an operator to say
        assertThat(FormValues.dateIn("between 01/02/2026 and 03/02/2026")).isEmpty();
        assertThat(FormValues.dateIn("TBC - police enquiries ongoing")).isEmpty();
    }

    @Test
    void levelsShouldBeReadInWordsAndNumbers() {
        assertThat(FormValues.level("Category Three")).contains(3);
        assertThat(FormValues.level("One")).contains(1);
        assertThat(FormValues.level("Cat. 2")).contains(2);
        assertThat(FormValues.level("(3)")).contains(3);
        assertThat(FormValues.level("Level III")).contains(3);
        assertThat(FormValues.level("1 - charged with an offence")).contains(1);
        assertThat(FormValues.level("I think so")).isEmpty();
        assertThat(FormValues.levelAfter("category", "this falls under category one of the guidance")).contains(1);
    }

    @Test
    void mappaAnswersShouldBeReadAsCouncilsWriteThem() {
        assertThat(RULES.mappa("Not a MAPPA case")).contains(false);
        assertThat(RULES.mappa("N/A")).contains(false);
        assertThat(RULES.mappa("Non-MAPPA")).contains(false);
        assertThat(RULES.mappa("Managed under MAPPA")).contains(true);
        assertThat(RULES.mappa("MAPPA Cat 1 Level 2")).contains(true);
        assertThat(RULES.mappa("Yes - Cat 1")).contains(true);
        assertThat(RULES.mappa("TBC")).isEmpty();
        assertThat(RULES.mappa("awaiting MAPPA screening")).isEmpty();
        assertThat(RULES.mappa("see notes")).isEmpty();
    }
}
