package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

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
 * With {@code gateway.mail.intake.idle} false no connection waits in IDLE: the {@code intake-mail} timer
 * alone takes the mail, and it still goes through. A gateway of its own (database and intake mailbox).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-polled;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-polled@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-polled@sir-gateway.test",
        "gateway.mail.intake.idle=false"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = PolledIntakeTest.OwnMailbox.class)
class PolledIntakeTest extends GatewayClient {

    static final String INTAKE = "polled-intake@sir-gateway.test";

    /** This gateway's intake mailbox on the shared mail server. */
    static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("polled-gateway-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    private IdleWatcher idleWatcher;

    @Test
    void mailShouldBeTakenByTheTimerWhenIdleIsOff() {
        assertThat(idleWatcher.isRunning()).isFalse();
        assertThat(idleWatcher.watching()).isFalse();

        String sender = "polled@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("polled")));

        String reference = awaitReference(messageId);
        assertThat(awaitOutboxDone(reference, "ACKNOWLEDGEMENT")).isEqualTo(1);
        assertThat(idleWatcher.watching()).isFalse();
    }
}
