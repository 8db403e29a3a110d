package scot.sirgateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.storage.StorageProperties;
import scot.sirgateway.storage.V5_1__SealPersonalData;

/**
 * The upgrade to the second factor (V12) locks nobody out: an account of version 11 without an address (the
 * first admin of an existing gateway) becomes a service account and keeps calling by HTTP Basic; one with an
 * address becomes a person's, signing in with a mailed code.
 */
class SignInUpgradeMigrationTest {

    @Test
    void accountsWithoutAnAddressShouldBecomeServiceAccounts() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sign-in-upgrade;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        StorageCipher cipher = new StorageCipher(new StorageProperties("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "k1", Map.of(), null));
        Flyway.configure().dataSource(dataSource).javaMigrations(new V5_1__SealPersonalData(cipher)).target("11").load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at) "
                + "VALUES ('old-admin', '{noop}x', 'ADMIN', TRUE, ?)").param(now).update();
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at, email) "
                + "VALUES ('old-inspector', '{noop}x', 'INSPECTOR', TRUE, ?, ?)").params(now, new byte[] {1, 2, 3}).update();

        Flyway.configure().dataSource(dataSource).javaMigrations(new V5_1__SealPersonalData(cipher)).load().migrate();

        assertThat(jdbc.sql("SELECT service_account FROM operator_account WHERE username = 'old-admin'")
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT service_account FROM operator_account WHERE username = 'old-inspector'")
                .query(Boolean.class).single()).isFalse();
    }
}
