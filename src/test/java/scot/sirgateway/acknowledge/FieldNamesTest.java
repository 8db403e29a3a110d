package scot.sirgateway.acknowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.outbox.MailTemplates;

/** Replies name the fields as the form definition labels them, so they cannot disagree with the forms. */
class FieldNamesTest {

    @Test
    void fieldsShouldBeNamedByTheDefinitionsLabelAndKey() {
        assertThat(FieldNames.notification("incident_date")).isEqualTo("Date of the incident (incident_date)");
        assertThat(FieldNames.review("review_type")).isEqualTo("Type of review (review_type)");
        for (FormField field : FormField.values()) {
            String label = FormDefinition.notification().field(field.key()).orElseThrow().label();
            assertThat(FieldNames.notification(field.key())).isEqualTo(label + " (" + field.key() + ")");
        }
        for (FormDefinition.Field field : FormDefinition.review().fields()) {
            assertThat(FieldNames.review(field.key())).isEqualTo(field.label() + " (" + field.key() + ")");
        }
        // the notification's signoff_role and the review's are labelled by their own forms
        assertThat(FieldNames.notification("signoff_name")).isNotEqualTo(FieldNames.review("signoff_name"));
        assertThat(FieldNames.notification("not_a_key")).isEqualTo("not_a_key");
    }

    @Test
    void sectionsShouldFollowTheFormsOrderAndLeaveOutEmptyOnes() {
        List<FieldNames.Section> sections = FieldNames.notificationSections(List.of("description", "mappa", "incident_date"));
        assertThat(sections).extracting(FieldNames.Section::title)
                .containsExactly("The incident", "MAPPA and risk assessment", "What happened");
        assertThat(sections.get(0).fields()).containsExactly("Date of the incident (incident_date)");
    }

    @Test
    void acknowledgementShouldListSectionsWithTheirLabelledFieldsAndNoValues() {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "SIR-2026-0042");
        model.put("receivedAt", "1 December 2026 at 10:00");
        model.put("received", FieldNames.notificationSections(List.of("notifier_name", "incident_date", "mappa")));
        model.put("missing", List.of(FieldNames.notification("offender_ref")));
        model.put("triage", true);
        model.put("encrypted", false);
        model.put("values", Map.of());
        model.put("contact", "Telephone: 0100 000 0000");
        String text = new MailTemplates().render("acknowledgement", model);
        assertThat(text).contains("""
                Fields received:
                  Who is notifying:
                    - Your full name (notifier_name)
                  The incident:
                    - Date of the incident (incident_date)
                  MAPPA and risk assessment:
                    - Is the offender subject to MAPPA? (mappa)
                """);
        assertThat(text).contains("Required fields missing (please send them, quoting the reference):\n"
                + "  - Your case reference for the offender (offender_ref)\n");
        assertThat(text).contains("This message contains no details of the notification.");

        model.put("received", List.of());
        assertThat(new MailTemplates().render("acknowledgement", model)).contains("Fields received:\n  (none could be read)\n");
    }
}
