package scot.sirgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one definition of the forms: its keys are the vocabulary's, and its check answers in the form's words. */
class FormDefinitionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void notificationFormShouldDefineEveryKeyOfTheVocabularyWithItsRequiredness() {
        FormDefinition.Form form = FormDefinition.notification();
        assertThat(form.fields()).extracting(FormDefinition.Field::key)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(FormField.values()).map(FormField::key).toList());
        for (FormField key : FormField.values()) {
            FormDefinition.Field field = form.field(key.key()).orElseThrow();
            assertThat(field.required()).as(key.key()).isEqualTo(key.required());
            assertThat(field.maxLength()).as(key.key()).isEqualTo(key.maxLength());
        }
        assertThat(form.field("incident_type").orElseThrow().options()).extracting(FormDefinition.Option::code)
                .containsExactlyElementsOf(Arrays.stream(IncidentType.values()).map(Enum::name).toList());
        assertThat(form.field("order_type").orElseThrow().options()).extracting(FormDefinition.Option::code)
                .containsExactlyElementsOf(Arrays.stream(OrderType.values()).map(Enum::name).toList());
    }

    @Test
    void reviewFormShouldAskTheReviewKeys() {
        assertThat(FormDefinition.review().fields()).extracting(FormDefinition.Field::key)
                .containsExactly("review_type", "reviewer_name", "reviewer_role", "signoff_name", "signoff_role",
                        "signoff_date");
        assertThat(FormDefinition.review().field("signoff_role").orElseThrow().words("HEAD_OF_SERVICE"))
                .isEqualTo("Head of Service");
    }

    @Test
    void checkShouldNormaliseCodesWordsAndDates() {
        FormDefinition.Checked checked = FormDefinition.notification().check(complete(Map.of(
                "incident_type", "Serious assault (severe injury, permanent disfigurement or danger of life)",
                "mappa", "true", "mappa_level", "2", "order_type", "non parole",
                "incident_date", "27/11/2026")), TODAY);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values()).containsEntry("incident_type", "SERIOUS_ASSAULT").containsEntry("mappa", "yes")
                .containsEntry("mappa_level", "2").containsEntry("order_type", "NON_PAROLE")
                .containsEntry("incident_date", "2026-11-27");
    }

    @Test
    void checkShouldNameEachProblemInTheFormsWords() {
        Map<String, String> values = complete(Map.of("incident_date", "31/2/2026", "notifier_email", "not an address",
                "incident_type", "OTHER", "aware_date", "2027-01-01", "notifier_phone", "call me"));
        values.remove("offender_ref");
        values.put("colour", "blue");

        Map<String, String> errors = FormDefinition.notification().check(values, TODAY).errors();

        assertThat(errors).containsEntry("incident_date", "The date of the incident must be a real date")
                .containsEntry("notifier_email", "Enter your email address in the correct format, like name@council.gov.uk")
                .containsEntry("incident_type_other", "Enter the type of incident")
                .containsEntry("aware_date", "The date the council became aware must be today or in the past")
                .containsEntry("notifier_phone", "Enter your phone number in the correct format, like 01632 960 001")
                .containsEntry("offender_ref", "Enter your case reference")
                .containsKey("colour");
    }

    @Test
    void fieldsThatDoNotApplyShouldBeDroppedAndDatesKeptInOrder() {
        FormDefinition.Checked checked = FormDefinition.notification().check(complete(Map.of("mappa", "no",
                "mappa_level", "3", "aware_date", "2026-11-20", "incident_date", "2026-11-25")), TODAY);

        assertThat(checked.values()).doesNotContainKey("mappa_level");
        assertThat(checked.errors()).containsOnlyKeys("aware_date");
    }

    @Test
    void aSectionSavedAsADraftShouldCheckFormatsButNotMissingAnswers() {
        FormDefinition.Section incident = FormDefinition.notification().section("incident").orElseThrow();

        assertThat(FormDefinition.notification().check(incident, Map.of("incident_date", "1/13/2026"), TODAY, false)
                .errors()).containsOnlyKeys("incident_date");
        assertThat(FormDefinition.notification().check(incident, Map.of(), TODAY, false).errors()).isEmpty();
        assertThat(FormDefinition.notification().check(incident, Map.of(), TODAY, true).errors())
                .containsOnlyKeys("incident_date", "incident_category", "incident_type");
        assertThat(FormDefinition.dateFromParts("1", "", "2026")).isEqualTo("1//2026");
        assertThat(FormDefinition.notification().check(incident, Map.of("incident_date", "1//2026"), TODAY, false)
                .errors()).containsEntry("incident_date", "The date of the incident must include a month");
    }

    @Test
    void anOverlongAnswerShouldBeRefusedWithTheLimit() {
        Map<String, String> errors = FormDefinition.notification()
                .check(complete(Map.of("description", "x".repeat(20_001))), TODAY).errors();

        assertThat(errors).containsEntry("description", "What happened must be 20,000 characters or fewer");
    }

    private static Map<String, String> complete(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("notifier_name", "Alex Example");
        values.put("notifier_email", "alex@demo-council.test");
        values.put("signoff_name", "Sam Manager");
        values.put("signoff_role", "Service Manager");
        values.put("incident_date", "2026-11-25");
        values.put("incident_category", "1");
        values.put("incident_type", "SERIOUS_ASSAULT");
        values.put("offender_ref", "CJ-0001");
        values.put("order_type", "CPO");
        values.put("mappa", "no");
        values.put("description", "What is known so far.");
        values.putAll(overrides);
        return values;
    }
}
