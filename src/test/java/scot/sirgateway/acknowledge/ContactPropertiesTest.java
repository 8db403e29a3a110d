package scot.sirgateway.acknowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import scot.sirgateway.council.Council;

/** How a reply says to reach the team, and which council domain an unverified sender counts for. */
class ContactPropertiesTest {

    @Test
    void contactLinesShouldNameTelephoneWithHoursAndEmail() {
        assertThat(new ContactProperties("team@example.test", "0345 600 9527", "weekdays 9 to 5").lines())
                .contains("Telephone: 0345 600 9527 (weekdays 9 to 5)").contains("Email:     team@example.test");
    }

    @Test
    void contactLinesShouldFallBackToAPlainLineWhenNothingIsConfigured() {
        assertThat(new ContactProperties(null, " ", null).lines()).isEqualTo(ContactProperties.FALLBACK);
        assertThat(new ContactProperties("team@example.test", null, "weekdays").lines())
                .doesNotContain("Telephone").contains("team@example.test");
    }

    @Test
    void subdomainShouldCountForItsCouncilsDomain() {
        Council council = new Council("Demo Council", List.of(), List.of("demo-council.test"), true, null, List.of(),
                true, List.of(), List.of(), null);
        assertThat(UnverifiedAcknowledgements.councilDomain("a@cjsw.Demo-Council.test", council)).isEqualTo("demo-council.test");
        assertThat(UnverifiedAcknowledgements.councilDomain("a@demo-council.test", council)).isEqualTo("demo-council.test");
        assertThat(UnverifiedAcknowledgements.councilDomain("a@other.test", null)).isEqualTo("other.test");
    }
}
