package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMessages;

/**
 * With every timer an hour apart, a notification is still taken, run through the stages and acknowledged:
 * IMAP IDLE takes it as it arrives, the hand-off after its commit starts its stages, and the outbox sends
 * once the registration commits. A gateway of its own (database and intake mailbox).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-idle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-idle@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-idle@sir-gateway.test",
        "gateway.mail.intake.poll-delay=1h",
        "gateway.processing.poll-delay=1h",
        "gateway.mail.outbound.poll-delay=1h"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = IdleIntakeTest.OwnMailbox.class)
class IdleIntakeTest extends GatewayClient {

    static final String INTAKE = "idle-intake@sir-gateway.test";

    /** This gateway's intake mailbox on the shared mail server. */
    static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("idle-gateway-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    private IdleWatcher idleWatcher;

    @Autowired
    private CamelContext camel;

    @Test
    void mailShouldBeTakenAndAcknowledgedAsItArrivesWithTheTimersAnHourApart() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(idleWatcher::watching);
        // the timers' first runs (a second after their start) are over: from here on only IDLE and the
        // hand-offs can take the mail before an hour has passed
        for (String timer : new String[] {"intake-mail", "intake-waiting", "outbox-send"}) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> camel.getRoute(timer).getUptimeMillis() > 5000);
            assertThat(camel.getInflightRepository().size(timer)).isZero();
        }

        String sender = "idle@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("idle")));

        String reference = awaitReference(messageId);
        assertThat(reference).matches("SIR-\\d{4}-0001");
        assertThat(awaitOutboxDone(reference, "ACKNOWLEDGEMENT")).isEqualTo(1);
        assertThat(awaitReceived(sender, m -> subject(m).contains(reference))).isNotNull();
        assertThat(mail.count(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD, "INBOX")).isZero();
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
