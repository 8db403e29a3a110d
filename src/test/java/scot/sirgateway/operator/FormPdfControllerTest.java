package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import scot.sirgateway.acknowledge.ContactProperties;

/** The form's instruction says where to send it and whom to ask, from the gateway's settings. */
class FormPdfControllerTest {

    @Test
    void instructionsShouldNameTheIntakeAddressAndTheTeam() {
        String text = String.join("\n", FormPdfController.instructions("notifications@example.test",
                new ContactProperties("team@example.test", "0100 000 0000", "9 to 5")));
        assertThat(text).contains("email it as an attachment to notifications@example.test")
                .contains("encrypted to the gateway's certificate").contains("Put nothing else in the email")
                .contains("team@example.test").contains("telephone 0100 000 0000 (9 to 5)");
    }

    @Test
    void anIntakeUserThatIsNoAddressShouldNotBePrintedAsOne() {
        String text = String.join("\n", FormPdfController.instructions("intake-user", new ContactProperties(null, null, null)));
        assertThat(text).contains("the Care Inspectorate's serious incident notifications mailbox")
                .doesNotContain("intake-user").doesNotContain("Questions");
    }
}
