package scot.sirgateway.register;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.support.GatewayTest;

/**
 * The database contract on H2, the embedded mode's database: on the shared test gateway (the same
 * context as every {@link GatewayTest}), whose H2 database and intake mailbox it uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = GatewayTest.SharedMailServer.class)
class H2DatabaseTest extends DatabaseContract {

    @Override
    String intake() {
        return GatewayTest.INTAKE;
    }
}
