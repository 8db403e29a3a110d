package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FormField;
import scot.sirgateway.support.TestSubmissions;

class FormLineExtractorTest {

    private static final FormLineExtractor extractor = new FormLineExtractor(new PdfFormReader(null),
            new DocumentText(new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, java.time.Duration.ofSeconds(30))),
            new FormLabels("classpath:classification-rules.yaml",
                    new org.springframework.core.io.DefaultResourceLoader()));

    static Submission submission(String mail) throws Exception {
        return TestSubmissions.submission(mail);
    }

    @Test
    void labelsShouldBeReadInAnyCaseWithSpacesOrHyphens() throws Exception {
        Submission s = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Incident Date: 3/2/2026\r\nOFFENDER-REF = AB123\r\nmappa: yes\r\nNot a field: ignored\r\n"));
        assertThat(s.rawValues().get(FormField.INCIDENT_DATE).text()).isEqualTo("3/2/2026");
        assertThat(s.rawValues().get(FormField.OFFENDER_REF).text()).isEqualTo("AB123");
        assertThat(s.rawValues().get(FormField.MAPPA).text()).isEqualTo("yes");
        assertThat(s.rawValues()).hasSize(3);
    }

    @Test
    void descriptionShouldContinueOverFollowingLinesUntilTheNextLabelOrSignature() throws Exception {
        Submission s = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "description: first line\r\nsecond line\r\norder_type: CPO\r\nagencies_involved: police\r\n-- \r\nJo Bloggs\r\n"));
        assertThat(s.rawValues().get(FormField.DESCRIPTION).text()).isEqualTo("first line\nsecond line");
        assertThat(s.rawValues().get(FormField.AGENCIES_INVOLVED).text()).isEqualTo("police");
    }

    @Test
    void textAttachmentsShouldBeRead() throws Exception {
        Submission s = extractor.extract(submission("From: a@demo-council.test\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: text/plain; name=form.txt\r\nContent-Disposition: attachment; filename=form.txt\r\n\r\n"
                + "offender_ref: X9\r\n--b--\r\n"));
        assertThat(s.rawValues().get(FormField.OFFENDER_REF).text()).isEqualTo("X9");
    }

    @Test
    void mailWithoutFormLinesShouldNotBeANotification() {
        assertThatThrownBy(() -> extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Hello: just a note\r\nThanks\r\n")))
                .isInstanceOfSatisfying(QuarantineException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.NOT_A_NOTIFICATION));
    }

    @Test
    void labelsNoSpellingKnowsShouldBeReadByTheirWords() throws Exception {
        Submission s = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Q4. When did the incident occur? 3/2/2026\r\n"
                + "Is the individual MAPPA managed?: No\r\n"
                + "Category (1/2/3): 2\r\n"
                + "Statutory order ........... Supervised Release Order\r\n"
                + "Index offence: Assault to severe injury\r\n"
                + "Nature of the incident - Stalking\r\n"));
        assertThat(s.rawValues().get(FormField.INCIDENT_DATE).text()).isEqualTo("3/2/2026");
        assertThat(s.rawValues().get(FormField.MAPPA).text()).isEqualTo("No");
        assertThat(s.rawValues().get(FormField.INCIDENT_CATEGORY).text()).isEqualTo("2");
        assertThat(s.rawValues().get(FormField.ORDER_TYPE).text()).isEqualTo("Supervised Release Order");
        // an index offence is not the incident: its value joins no field
        assertThat(s.rawValues().get(FormField.INCIDENT_TYPE).text()).isEqualTo("Stalking");
        // and, with no description field, the whole text stands as the description
        assertThat(s.rawValues()).hasSize(6).containsKey(FormField.DESCRIPTION);
    }

    @Test
    void theLineAfterALabelAloneShouldBeItsValueWhateverItsWords() throws Exception {
        Submission s = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Order or licence\r\nNon-Parole Licence - released HMP Edinburgh 22/09/2025\r\n"
                + "MAPPA status\r\nMAPPA Cat 1 Level 2\r\n"
                + "Category of incident\r\nCategory Three\r\n"));
        assertThat(s.rawValues().get(FormField.ORDER_TYPE).text()).isEqualTo("Non-Parole Licence - released HMP Edinburgh 22/09/2025");
        assertThat(s.rawValues().get(FormField.MAPPA).text()).isEqualTo("MAPPA Cat 1 Level 2");
        assertThat(s.rawValues().get(FormField.INCIDENT_CATEGORY).text()).isEqualTo("Category Three");
    }

    @Test
    void anExplicitFieldShouldWinOverAHeadingAndAHeadingShouldOnlyGuess() throws Exception {
        Submission both = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Serious incident notification - Demo Council CJSW\r\n\r\n"
                + "notifier_name: Jane Notifier\r\noffender_ref: X9\r\n"));
        assertThat(both.rawValues().get(FormField.NOTIFIER_NAME).text()).isEqualTo("Jane Notifier");
        assertThat(both.rawValues().get(FormField.NOTIFIER_NAME).source()).isEqualTo(FieldSource.DOCUMENT_LABEL);

        Submission headingOnly = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "Serious incident notification - Demo Council CJSW\r\n\r\noffender_ref: X9\r\n"));
        assertThat(headingOnly.rawValues().get(FormField.NOTIFIER_NAME).text()).isEqualTo("Demo Council CJSW");
        assertThat(headingOnly.rawValues().get(FormField.NOTIFIER_NAME).source()).isEqualTo(FieldSource.DESCRIPTION);

        // a dash label among the form's fields is still a label
        Submission within = extractor.extract(submission("From: a@demo-council.test\r\nContent-Type: text/plain\r\n\r\n"
                + "offender_ref: X9\r\nNature of the incident - Stalking\r\n"));
        assertThat(within.rawValues().get(FormField.INCIDENT_TYPE).source()).isEqualTo(FieldSource.DOCUMENT_LABEL);
    }
}
