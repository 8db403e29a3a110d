package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Section;

/** The task list's words and the questions a page shows, drawn from the form definition. */
class DraftProgressTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static Drafts.Draft draft(Map<String, String> values, Set<String> saved) {
        return new Drafts.Draft("0123456789abcdef0123456789abcdef", "Demo Council", "someone", Drafts.Kind.NOTIFICATION,
                null, values, saved, OffsetDateTime.now(), OffsetDateTime.now());
    }

    @Test
    void sectionShouldBeNotStartedThenInProgressThenCompleted() {
        var form = FormDefinition.notification();
        Section notifier = form.section("notifier").orElseThrow();
        assertThat(DraftProgress.status(form, notifier, draft(Map.of(), Set.of()), TODAY))
                .isEqualTo(DraftProgress.Status.NOT_STARTED);
        assertThat(DraftProgress.status(form, notifier, draft(Map.of("notifier_name", "A"), Set.of("notifier")), TODAY))
                .isEqualTo(DraftProgress.Status.IN_PROGRESS);
        Map<String, String> complete = Map.of("notifier_name", "A", "notifier_role", "B",
                "notifier_email", "a@demo-council.test", "notifier_phone", "01632 960 001");
        assertThat(DraftProgress.status(form, notifier, draft(complete, Set.of("notifier")), TODAY))
                .isEqualTo(DraftProgress.Status.COMPLETED);
        assertThat(DraftProgress.Status.COMPLETED.words()).isEqualTo("Completed");
        assertThat(DraftProgress.left(draft(complete, Set.of("notifier")), TODAY)).isEqualTo("5 sections to complete");
        assertThat(DraftProgress.complete(draft(complete, Set.of("notifier")), TODAY)).isFalse();
    }

    @Test
    void mappaQuestionsShouldSitUnderYesAndTheCouncilShouldNeverBeAsked() {
        Section risk = FormDefinition.notification().section("risk").orElseThrow();
        List<FieldView> fields = FieldView.of(risk, Map.of("mappa", "yes"), Map.of("mappa", "yes"), Map.of());
        assertThat(fields).extracting(FieldView::key).containsExactly("mappa", "lscmi_completed", "rmp_in_place");
        FieldView.OptionView yes = fields.get(0).options().get(0);
        assertThat(yes.selected()).isTrue();
        assertThat(yes.children()).extracting(FieldView::key).containsExactly("mappa_category", "mappa_level", "sog_notified");
        assertThat(fields.get(0).options().get(1).id()).isEqualTo("mappa-2");

        Section notifier = FormDefinition.notification().section("notifier").orElseThrow();
        assertThat(FieldView.of(notifier, Map.of(), Map.of(), Map.of())).extracting(FieldView::key)
                .doesNotContain("local_authority");
    }

    @Test
    void otherTypeShouldBeAskedOnlyWhenOtherIsChosenOrMissing() {
        Section incident = FormDefinition.notification().section("incident").orElseThrow();
        assertThat(FieldView.of(incident, Map.of(), Map.of("incident_type", "BURGLARY"), Map.of()))
                .extracting(FieldView::key).doesNotContain("incident_type_other");
        assertThat(FieldView.of(incident, Map.of(), Map.of("incident_type", "OTHER"), Map.of()))
                .extracting(FieldView::key).contains("incident_type_other");
        FieldView date = FieldView.of(incident, Map.of("incident_date-day", "31"), Map.of(),
                Map.of("incident_date", "The date of the incident must be a real date")).get(0);
        assertThat(date.id()).isEqualTo("incident_date-day");
        assertThat(date.day()).isEqualTo("31");
        assertThat(date.describedBy()).isEqualTo("incident_date-hint incident_date-error");
    }

    @Test
    void savedAnswersShouldReadInWords() {
        var form = FormDefinition.notification();
        assertThat(FieldView.words(form.field("incident_date").orElseThrow(), "2026-11-27")).isEqualTo("27 November 2026");
        assertThat(FieldView.words(form.field("order_type").orElseThrow(), "CPO")).isEqualTo("Community Payback Order");
        assertThat(FieldView.entered(form.section("incident").orElseThrow(), Map.of("incident_date", "2026-11-07")))
                .containsEntry("incident_date-day", "7").containsEntry("incident_date-month", "11")
                .containsEntry("incident_date-year", "2026");
    }
}
