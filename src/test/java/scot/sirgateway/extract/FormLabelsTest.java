package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;

class FormLabelsTest {

    private static final DefaultResourceLoader LOADER = new DefaultResourceLoader();
    private static final FormLabels LABELS = new FormLabels("classpath:classification-rules.yaml", LOADER);

    @Test
    void labelsShouldBeReadInTheRulesSpellingsAndByTheirWords() {
        assertThat(LABELS.field("Date of Incident:")).contains(FormField.INCIDENT_DATE);
        assertThat(LABELS.field("offender_ref")).contains(FormField.OFFENDER_REF);
        assertThat(LABELS.fieldByWords("Date the incident occurred")).contains(FormField.INCIDENT_DATE);
        assertThat(LABELS.fieldByWords("Category 3")).isEmpty();
        assertThat(LABELS.namesNoField("Index offence")).isTrue();
        assertThat(LABELS.fieldByWords("Index offence")).isEmpty();
        assertThat(LABELS.namesNoField("Incident type")).isFalse();
    }

    @Test
    void theFormDefinitionsOwnLabelsShouldNameTheirFields() {
        for (FormDefinition.Field field : FormDefinition.notification().fields()) {
            assertThat(LABELS.field(field.label() + ":")).as(field.label()).contains(FormField.byLabel(field.key()).orElseThrow());
        }
        // words alone would have taken these for other fields
        assertThat(LABELS.field("Their job title")).contains(FormField.SIGNOFF_ROLE);
        assertThat(LABELS.field("Describe the type of incident")).contains(FormField.INCIDENT_TYPE_OTHER);
    }

    @Test
    void aLetterShouldReadAsANotificationOnlyWhenItSpeaksOfAnIncident() {
        assertThat(LABELS.readsAsNotification("We write to notify you of a serious incident.")).isTrue();
        assertThat(LABELS.readsAsNotification("He was found dead at home on Monday.")).isTrue();
        assertThat(LABELS.readsAsNotification("Please find our newsletter attached.")).isFalse();
    }

    @Test
    void sentencesAboutTheIndexOffenceShouldNotChooseTheIncidentType() {
        assertThat(LABELS.typeFromDescription("He was convicted of rape in 2010. He was found dead at home."))
                .contains(IncidentType.UNEXPLAINED_DEATH);
        assertThat(LABELS.typeFromDescription("He was found dead at home. Police suspect rape."))
                .contains(IncidentType.SEXUAL_OFFENCE);
    }

    @Test
    void aLabelOfNoFormFieldShouldStopStartUpNamingIt(@TempDir Path folder) throws Exception {
        String rules = LOADER.getResource("classpath:classification-rules.yaml").getContentAsString(StandardCharsets.UTF_8)
                .replace("  local_authority: [local authority,", "  local_authorty: [local authority,");
        Path file = Files.writeString(folder.resolve("rules.yaml"), rules);
        assertThatThrownBy(() -> new FormLabels("file:" + file, LOADER))
                .hasMessageContaining("gateway.classification.rules-file")
                .hasMessageContaining("labels names 'local_authorty'");
    }
}
