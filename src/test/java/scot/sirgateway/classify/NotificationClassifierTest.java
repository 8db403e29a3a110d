package scot.sirgateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.CouncilRegistryProperties;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.intake.TriageReason;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.OrderType;

/** The rules applied: codes and known words are sure, the description only suggests, contradictions go to triage. */
class NotificationClassifierTest {

    private final DefaultResourceLoader loader = new DefaultResourceLoader();
    private final CouncilRegistry councils = new CouncilRegistry(new CouncilRegistryProperties("classpath:councils.yaml",
            new CouncilRegistryProperties.Demo("classpath:demo/demo-councils.yaml")), loader, new MockEnvironment());
    private final NotificationClassifier classifier = new NotificationClassifier(councils,
            new ClassificationRules("classpath:classification-rules.yaml", loader));

    private Submission classified(Map<FormField, String> values) throws Exception {
        Submission submission = scot.sirgateway.support.TestSubmissions.submission("From: a@glasgow.gov.uk\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        submission.identifySender("a@glasgow.gov.uk", councils.byName("Glasgow City").orElseThrow());
        values.forEach((field, text) -> submission.rawValues().put(field, new Submission.RawValue(text, FieldSource.DOCUMENT_LABEL)));
        return classifier.classify(submission);
    }

    @Test
    void wordsTheRulesKnowShouldGiveTheCode() throws Exception {
        Submission s = classified(Map.of(FormField.INCIDENT_TYPE, "Culpable homicide", FormField.ORDER_TYPE,
                "Non-parole licence (released March 2025)", FormField.LOCAL_AUTHORITY, "Glasgow City Council"));
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).value()).isEqualTo(IncidentType.MURDER_PERPETRATOR);
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).confidence()).isGreaterThanOrEqualTo(NotificationClassifier.SURE);
        assertThat(s.fields().get(FormField.ORDER_TYPE).value()).isEqualTo(OrderType.NON_PAROLE);
        assertThat(s.fields().get(FormField.LOCAL_AUTHORITY).value()).isEqualTo("Glasgow City");
        assertThat(s.triageReasons()).extracting(TriageReason::text).noneMatch(r -> r.contains("local_authority"));
    }

    @Test
    void typeFromTheDescriptionAloneShouldBeAGuessForAnOperator() throws Exception {
        Submission s = classified(Map.of(FormField.DESCRIPTION,
                "Mr X was found dead in his flat on Sunday; a drug overdose is suspected. His former partner raised concern."));
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).value()).isEqualTo(IncidentType.UNEXPLAINED_DEATH);
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).source()).isEqualTo(FieldSource.DESCRIPTION);
        assertThat(s.fields().get(FormField.INCIDENT_CATEGORY).value()).isEqualTo(3);
        assertThat(s.triageReasons()).extracting(TriageReason::text).anyMatch(r -> r.startsWith("incident_type is uncertain"));
        assertThat(s.domesticAbuse()).isTrue();
    }

    @Test
    void mappaAnswerShouldCarryCategoryAndLevel() throws Exception {
        Submission s = classified(Map.of(FormField.MAPPA, "Yes - category 1, level 2"));
        assertThat(s.fields().get(FormField.MAPPA).value()).isEqualTo(true);
        assertThat(s.fields().get(FormField.MAPPA_CATEGORY).value()).isEqualTo(1);
        assertThat(s.fields().get(FormField.MAPPA_LEVEL).value()).isEqualTo(2);
    }

    @Test
    void contradictionsShouldGoToTriage() throws Exception {
        Submission s = classified(Map.of(FormField.INCIDENT_TYPE, "SUICIDE", FormField.INCIDENT_CATEGORY, "1",
                FormField.LOCAL_AUTHORITY, "Fife Council"));
        assertThat(s.triageReasons()).extracting(TriageReason::text).anyMatch(r -> r.contains("does not fit incident_type SUICIDE"))
                .anyMatch(r -> r.contains("does not match the sender's council"));
    }

    @Test
    void aLetterShouldBeReadForWhatItStatesAndNotForItsIndexOffence() throws Exception {
        Submission s = classified(Map.of(FormField.DESCRIPTION, String.join("\n",
                "16 March 2026",
                "JK was released in 2025, having served a sentence for assault to severe injury and attempted murder.",
                "On Saturday 14 March 2026 police found his partner with fatal injuries; he is charged with her murder.",
                "The MAPPA co-ordinator has been told. JK was not managed under MAPPA.",
                "We are notifying this as a Category 1 incident.")));
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).value()).isEqualTo(IncidentType.MURDER_PERPETRATOR);
        assertThat(s.fields().get(FormField.INCIDENT_DATE).value()).isEqualTo(java.time.LocalDate.of(2026, 3, 14));
        assertThat(s.fields().get(FormField.MAPPA).value()).isEqualTo(false);
        assertThat(s.fields().get(FormField.INCIDENT_CATEGORY).value()).isEqualTo(1);
        // all read from prose: guesses an operator confirms
        assertThat(s.fields().get(FormField.INCIDENT_TYPE).confidence()).isLessThan(NotificationClassifier.SURE);
        assertThat(s.triageReasons()).extracting(TriageReason::text).anyMatch(r -> r.startsWith("incident_type is uncertain"));

        Submission stated = classified(Map.of(FormField.DESCRIPTION,
                "For your records, the incident type is murder_victim. T.D. was killed in an attack."));
        assertThat(stated.fields().get(FormField.INCIDENT_TYPE).value()).isEqualTo(IncidentType.MURDER_VICTIM);
    }

    @Test
    void aValueReadFromTheDescriptionShouldWithdrawOnlyItsFieldsUnreadableReason() throws Exception {
        Submission s = classified(Map.of(FormField.INCIDENT_DATE, "sometime last week", FormField.OFFENDER_DOB, "not a date",
                FormField.DESCRIPTION, "The incident happened on 23/02/2026 when he was arrested."));
        assertThat(s.triageReasons())
                .noneMatch(r -> r.is(FormField.INCIDENT_DATE, TriageReason.Kind.UNREADABLE))
                .anyMatch(r -> r.is(FormField.INCIDENT_DATE, TriageReason.Kind.UNCERTAIN))
                .anyMatch(r -> r.is(FormField.OFFENDER_DOB, TriageReason.Kind.UNREADABLE));
        assertThat(s.triageSummary()).contains("incident_date is uncertain (read from description)")
                .contains("offender_dob could not be read");
    }

    @Test
    void aFieldTheCouncilSaysIsToComeShouldNotBeGuessedFromTheDescription() throws Exception {
        Submission s = classified(Map.of(FormField.INCIDENT_DATE, "TBC - police enquiries ongoing",
                FormField.DESCRIPTION, "Police attended on 23/02/2026 after a report of a fire."));
        assertThat(s.fields().get(FormField.INCIDENT_DATE).value()).isNull();
        assertThat(s.triageReasons()).extracting(TriageReason::text).contains("incident_date could not be read");
    }

    @Test
    void categoryAndMappaWordsShouldBeRead() throws Exception {
        Submission s = classified(Map.of(FormField.INCIDENT_CATEGORY, "Death of the offender",
                FormField.MAPPA, "Not a MAPPA case", FormField.ORDER_TYPE, "C.P.O. - supervision requirement"));
        assertThat(s.fields().get(FormField.INCIDENT_CATEGORY).value()).isEqualTo(3);
        assertThat(s.fields().get(FormField.MAPPA).value()).isEqualTo(false);
        assertThat(s.fields().get(FormField.ORDER_TYPE).value()).isEqualTo(OrderType.CPO);
    }

    @Test
    void aValueFromAHeadingShouldNeverBeCertain() throws Exception {
        Submission submission = scot.sirgateway.support.TestSubmissions.submission("From: a@glasgow.gov.uk\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        submission.identifySender("a@glasgow.gov.uk", councils.byName("Glasgow City").orElseThrow());
        submission.rawValues().put(FormField.NOTIFIER_NAME, new Submission.RawValue("Demo Council CJSW", FieldSource.DESCRIPTION));
        Submission s = classifier.classify(submission);
        assertThat(s.fields().get(FormField.NOTIFIER_NAME).confidence()).isLessThan(NotificationClassifier.SURE);
        assertThat(s.triageReasons()).extracting(TriageReason::text).anyMatch(r -> r.startsWith("notifier_name is uncertain"));
    }

    @Test
    void dateOfBirthShouldBeReadAsADateLikeTheOthers() throws Exception {
        assertThat(classified(Map.of(FormField.OFFENDER_DOB, "01/02/1990")).fields().get(FormField.OFFENDER_DOB).value())
                .isEqualTo(java.time.LocalDate.of(1990, 2, 1));
        assertThat(classified(Map.of(FormField.OFFENDER_DOB, "3rd February 1985")).fields().get(FormField.OFFENDER_DOB).value())
                .isEqualTo(java.time.LocalDate.of(1985, 2, 3));
        // two digits of a year of birth are of the last century when this one's would be in the future
        assertThat(classified(Map.of(FormField.OFFENDER_DOB, "01.02.90")).fields().get(FormField.OFFENDER_DOB).value())
                .isEqualTo(java.time.LocalDate.of(1990, 2, 1));
        assertThat(classified(Map.of(FormField.OFFENDER_DOB, "not a date")).triageReasons()).extracting(TriageReason::text)
                .contains("offender_dob could not be read");
    }

    @Test
    void aValueLongerThanTheFormTakesShouldGoToTriageWithoutBeingKept() throws Exception {
        Submission s = classified(Map.of(FormField.SIGNOFF_ROLE, "x".repeat(257)));
        assertThat(s.fields()).doesNotContainKey(FormField.SIGNOFF_ROLE);
        assertThat(s.triageReasons()).extracting(TriageReason::text).contains("signoff_role is 257 characters long, more than the 200 the form takes: not kept");
    }
}
