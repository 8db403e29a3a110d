package scot.sirgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's two rules that read words and round numbers, without a gateway. */
class NationalReportRulesTest {

    @Test
    void signoffShouldCountAsRequiredFromAServiceManagerUpReadFromTheWords() {
        for (String role : new String[] {"Service Manager", "service manager (criminal justice)", "Senior Manager",
                "Head of Service", "HEAD OF SERVICE", "CSWO", "Chief Social Work Officer", "Justice Service-Manager",
                "Interim Chief Social Work Officer"}) {
            assertThat(NationalReport.signedOffAsRequired(role)).as(role).isTrue();
        }
        for (String role : new String[] {"Team Manager", "Senior Practitioner", "Social Worker", "Manager", "", "Service"}) {
            assertThat(NationalReport.signedOffAsRequired(role)).as(role).isFalse();
        }
        assertThat(NationalReport.signedOffAsRequired(null)).isFalse();
    }

    @Test
    void percentShouldBeAWholeNumberRoundedHalfUp() {
        assertThat(NationalReport.percent(22, 111)).isEqualTo(20);
        assertThat(NationalReport.percent(74, 80)).isEqualTo(93);
        assertThat(NationalReport.percent(5, 111)).isEqualTo(5);
        assertThat(NationalReport.percent(1, 111)).isEqualTo(1);
        assertThat(NationalReport.percent(0, 0)).isZero();
    }
}
