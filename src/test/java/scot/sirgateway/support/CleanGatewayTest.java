package scot.sirgateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A running gateway of its own on an empty H2 database, with its own intake mailbox and recipients on the shared
 * mail server: for tests that look at everything the gateway holds (the dashboard lists what waits, oldest
 * first), where the notifications and quarantine entries other test classes leave in the shared gateway would
 * crowd the page. One Spring context for every class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-clean;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=" + CleanGatewayTest.GOVERNMENT,
        "gateway.alerts.recipients[0]=alerts-clean@sir-gateway.test"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = CleanGatewayTest.OwnMailbox.class)
public abstract class CleanGatewayTest extends GatewayClient {

    public static final String INTAKE = "clean-intake@sir-gateway.test";
    public static final String GOVERNMENT = "sir-clean@gov-scot.test";

    /** Points this gateway's mail at the shared mail server, with {@link #INTAKE} as its intake mailbox. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("clean-gateway-mail", mail.properties(INTAKE)));
        }
    }
}
