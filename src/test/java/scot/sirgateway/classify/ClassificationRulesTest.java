package scot.sirgateway.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.OrderType;

class ClassificationRulesTest {

    private static final DefaultResourceLoader LOADER = new DefaultResourceLoader();
    private static final ClassificationRules RULES = new ClassificationRules("classpath:classification-rules.yaml", LOADER);

    private static ClassificationRules rulesWith(Path folder, String written, String instead) throws Exception {
        String rules = LOADER.getResource("classpath:classification-rules.yaml").getContentAsString(StandardCharsets.UTF_8);
        assertThat(rules).contains(written);
        Path file = Files.writeString(folder.resolve("rules.yaml"), rules.replace(written, instead));
        return new ClassificationRules("file:" + file, LOADER);
    }

    @Test
    void theBoundRulesShouldReadTypesOrdersAndCategories() {
        assertThat(RULES.typeFromField("Culpable homicide")).contains(IncidentType.MURDER_PERPETRATOR);
        assertThat(RULES.order("Non-parole licence")).contains(OrderType.NON_PAROLE);
        assertThat(RULES.categoryFromWords("Death of the offender")).contains(3);
        assertThat(RULES.mentionsDomesticAbuse("An argument with his partner")).isTrue();
    }

    @Test
    void aNewWordingShouldBeADataChange(@TempDir Path folder) throws Exception {
        assertThat(RULES.notYetKnown("Ask the police")).isFalse();
        assertThat(RULES.mappa("Exempt")).isEmpty();
        ClassificationRules extended = rulesWith(folder, "not-yet-known: [tbc,", "not-yet-known: [ask the police, tbc,");
        assertThat(extended.notYetKnown("Ask the police")).isTrue();
        ClassificationRules denied = rulesWith(folder, "mappa-denied: [not,", "mappa-denied: [exempt, not,");
        assertThat(denied.mappa("Exempt")).contains(false);
    }

    @Test
    void incidentCuesShouldChooseTheIncidentsDate() {
        assertThat(RULES.incidentDateInProse("The order was made on 01/02/2025. He was arrested on 03/02/2026."))
                .hasValueSatisfying(date -> assertThat(date).hasToString("2026-02-03"));
    }

    @Test
    void aProseListLeftEmptyShouldStopStartUpNamingIt(@TempDir Path folder) {
        assertThatThrownBy(() -> rulesWith(folder, "mappa-denied: [not, no longer, does not, doesn t, isn t, non, never, ineligible]",
                "mappa-denied: []"))
                .hasMessageContaining("gateway.classification.rules-file")
                .hasMessageContaining("prose.mappa-denied");
    }

    @Test
    void anUnknownOrderShouldStopStartUpNamingIt(@TempDir Path folder) {
        assertThatThrownBy(() -> rulesWith(folder, "  SRO: [supervised release order,", "  SROX: [supervised release order,"))
                .hasMessageContaining("orders has the unknown code 'SROX'");
    }
}
