package scot.sirgateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running gateway on H2 against the shared real mail server: one Spring context for every test
 * class that extends this, so the classes keep to their own senders and Message-IDs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class GatewayTest extends GatewayClient {

    public static final String INTAKE = "intake@sir-gateway.test";

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        mail.register(registry, INTAKE);
    }
}
