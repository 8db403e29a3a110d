package scot.sirgateway.register;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.support.TestMailServer;

/** The database contract on H2, the embedded mode's database, with a gateway and mailbox of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class H2DatabaseTest extends DatabaseContract {

    static final String H2_INTAKE = "h2-intake@sir-gateway.test";

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sir-contract;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        TestMailServer.shared().register(registry, H2_INTAKE);
    }

    @Override
    String intake() {
        return H2_INTAKE;
    }
}
