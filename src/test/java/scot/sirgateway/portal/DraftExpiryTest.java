package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.MutableClock;

/**
 * Drafts' expiry on a clock the test moves, through the real route ({@code portal-draft-expiry}) and outbox: a draft untouched for 23
 * days is warned of once, by mail to each person who worked on it (naming none of its answers); at 30 days
 * it is deleted with its documents; a draft saved in between keeps its time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-draft-expiry;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-draft-expiry@gov-scot.test",
        "gateway.forms.expiry-poll-delay=200ms"})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
@ContextConfiguration(initializers = DraftExpiryTest.OwnMailbox.class)
class DraftExpiryTest extends GatewayClient {

    static final String INTAKE = "draft-expiry-intake@sir-gateway.test";
    static final String FIRST = "draft-expiry-first@demo-council.test";
    static final String SECOND = "draft-expiry-second@demo-council.test";

    /** This gateway's own intake mailbox on the shared mail server. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("draft-expiry-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    Drafts drafts;

    /** Also run by hand where the test must know a run has happened (the route runs it too). */
    @Autowired
    DraftExpiry expiry;

    @Test
    void untouchedDraftShouldBeWarnedOfOnceAtDay23AndDeletedAtDay30() throws Exception {
        clock.set(LocalDateTime.of(2027, 2, 1, 9, 0).atZone(GatewayClock.ZONE).toInstant());
        account("draft-expiry-first", FIRST);
        account("draft-expiry-second", SECOND);
        String idle = drafts.create("Demo Council", "draft-expiry-first", Drafts.Kind.NOTIFICATION, null);
        drafts.save(idle, "Demo Council", "draft-expiry-second", Map.of("notifier_name", "Secret Name"), "notifier");
        drafts.addDocument(idle, "Demo Council", "draft-expiry-first", "chronology.pdf", "%PDF-1.4".getBytes());
        String kept = drafts.create("Demo Council", "draft-expiry-first", Drafts.Kind.NOTIFICATION, null);

        clock.advance(Duration.ofDays(10));
        drafts.save(kept, "Demo Council", "draft-expiry-first", Map.of("notifier_role", "Team Leader"), "notifier");

        // day 22: nothing yet
        clock.advance(Duration.ofDays(12));
        expiry.run();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'DRAFT_EXPIRY_WARNING'")).isZero();

        // day 23: one warning to both people who worked on it, naming no answer
        clock.advance(Duration.ofDays(1));
        MimeMessage warning = awaitReceived(FIRST, 1).get(0);
        assertThat(warning.getSubject()).isEqualTo("Your draft in the SIR Gateway will be deleted on 3 March 2027");
        assertThat(textOf(warning)).contains("will be deleted on 3 March 2027").doesNotContain("Secret Name");
        assertThat(warning.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(awaitReceived(SECOND, 1)).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM form_draft WHERE id = ? AND warned_at IS NOT NULL", idle) == 1);

        // later runs warn no more
        clock.advance(Duration.ofDays(3));
        expiry.run();
        expiry.run();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'DRAFT_EXPIRY_WARNING'")).isEqualTo(1);

        // day 30: deleted with its document; the draft saved on day 10 stays
        clock.advance(Duration.ofDays(4));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM form_draft WHERE id = ?", idle) == 0);
        assertThat(count("SELECT COUNT(*) FROM form_draft_document WHERE draft_id = ?", idle)).isZero();
        assertThat(count("SELECT COUNT(*) FROM form_draft_editor WHERE draft_id = ?", idle)).isZero();
        assertThat(drafts.find(kept, "Demo Council")).isPresent();
        assertThat(mail.received(FIRST)).hasSize(1);
    }

    private void account(String username, String email) {
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"COUNCIL\","
                + "\"council\":\"Demo Council\",\"email\":\"" + email + "\",\"password\":\"draft-expiry-password\"}")
                .statusCode()).isEqualTo(201);
    }
}
