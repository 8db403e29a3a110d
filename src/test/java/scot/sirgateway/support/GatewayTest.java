package scot.sirgateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The running gateway on H2 against the shared real mail server: one Spring context for every test
 * class that extends this, so the classes keep to their own senders and Message-IDs. A test class
 * that must extend something else joins the same context with the same three annotations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = GatewayTest.SharedMailServer.class)
public abstract class GatewayTest extends GatewayClient {

    public static final String INTAKE = "intake@sir-gateway.test";

    /** Points the shared gateway's mail at the shared mail server, with {@link #INTAKE} as its intake mailbox. */
    public static final class SharedMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("test-mail-server", mail.properties(INTAKE)));
        }
    }
}
