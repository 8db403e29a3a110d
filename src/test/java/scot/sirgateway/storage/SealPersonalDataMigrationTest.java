package scot.sirgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.model.FormField;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;

/**
 * Personal data stored in clear before version 5 is sealed by the migration, with the associated data
 * the repositories read it back with, and no clear copy stays behind.
 */
class SealPersonalDataMigrationTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void clearValuesOfVersion4ShouldBeReadableThroughTheRepositoriesAndGoneFromTheTables() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:seal-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        StorageCipher cipher = new StorageCipher(new StorageProperties(KEY, "k1", Map.of(), null));
        Flyway.configure().dataSource(dataSource).target("4").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("INSERT INTO stored_message (id, source, sender, size_bytes, received_at, state) VALUES (7, 'MAIL', "
                + "'old-sender@demo-council.test', 10, ?, 'PROCESSED')").param(now).update();
        jdbc.sql("INSERT INTO notification (id, reference, stored_message_id, status, source, received_at, sender, signer, "
                + "signature_verified, decrypted, signoff_role, layers, created_at) VALUES (3, 'SIR-2026-0001', 7, "
                + "'REGISTERED', 'MAIL', ?, 'old-sender@demo-council.test', 'old-signer@demo-council.test', TRUE, FALSE, "
                + "'Old Service Manager', ?, ?)")
                .params(now, "[{\"kind\":\"SIGNED_DETACHED\",\"algorithm\":\"SHA256withRSA\",\"key\":null,"
                        + "\"signer\":\"old-signer@demo-council.test\",\"verified\":true,\"reason\":null}]", now).update();
        jdbc.sql("INSERT INTO notification_event (id, notification_id, at, type, detail, actor) VALUES "
                + "(11, 3, ?, 'RECEIVED', 'old detail', 'gateway')").param(now).update();
        jdbc.sql("INSERT INTO quarantine (id, stored_message_id, received_at, sender, stage, reason_code, reason, state, "
                + "created_at) VALUES (5, 7, ?, 'old-sender@demo-council.test', 'extract', 'UNREADABLE_DOCUMENT', "
                + "'old reason', 'OPEN', ?)").params(now, now).update();
        jdbc.sql("INSERT INTO blob (id, key_id, iv, ciphertext, created_at) VALUES ('b1', 'k1', X'00', X'00', ?)")
                .param(now).update();
        jdbc.sql("INSERT INTO outbox_mail (id, purpose, message_id, recipient, mime_blob_id, state, next_attempt_at, "
                + "created_at, last_error) VALUES (9, 'REJECTION', '<q5.rejection@sir-gateway.test>', "
                + "'old-sender@demo-council.test', 'b1', 'PENDING', ?, ?, 'old error')").params(now, now).update();

        Flyway.configure().dataSource(dataSource).javaMigrations(new V5_1__SealPersonalData(cipher)).load().migrate();

        Clock clock = Clock.systemUTC();
        BlobStore blobs = new BlobStore(jdbc, cipher, clock);
        assertThat(new StoredMessages(jdbc, blobs, cipher, clock,
                new scot.sirgateway.metrics.GatewayMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())).find(7).orElseThrow().sender())
                .isEqualTo("old-sender@demo-council.test");
        Notifications.Stored notification = new Notifications(jdbc, cipher, blobs, clock)
                .findByReference("SIR-2026-0001").orElseThrow();
        assertThat(notification.envelope().sender()).isEqualTo("old-sender@demo-council.test");
        assertThat(notification.envelope().signer()).isEqualTo("old-signer@demo-council.test");
        assertThat(notification.envelope().layers()).singleElement()
                .satisfies(layer -> assertThat(layer.signer()).isEqualTo("old-signer@demo-council.test"));
        assertThat(notification.values().get(FormField.SIGNOFF_ROLE)).isEqualTo("Old Service Manager");
        assertThat(new Timeline(jdbc, cipher, clock).of(3)).singleElement()
                .satisfies(event -> assertThat(event.detail()).isEqualTo("old detail"));
        QuarantineEntries.Entry entry = new QuarantineEntries(jdbc, cipher, clock).find(5).orElseThrow();
        assertThat(entry.sender()).isEqualTo("old-sender@demo-council.test");
        assertThat(entry.reason()).isEqualTo("old reason");
        Outbox outbox = new Outbox(jdbc, blobs, cipher, clock);
        assertThat(outbox.lastError(9)).isEqualTo("old error");
        assertThat(outbox.countSince(Outbox.Purpose.REJECTION, "old-sender@demo-council.test", now.minusHours(1))).isEqualTo(1);
        assertThat(outbox.claimNext()).hasValueSatisfying(mail -> {
            assertThat(mail.id()).isEqualTo(9);
            assertThat(mail.recipient()).isEqualTo("old-sender@demo-council.test");
        });

        for (String table : List.of("stored_message", "notification", "notification_event", "quarantine", "outbox_mail")) {
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                for (Entry<String, Object> column : row.entrySet()) {
                    Object value = column.getValue();
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : String.valueOf(value);
                    assertThat(text).as(table + "." + column.getKey()).doesNotContain("old-s").doesNotContain("Old Service")
                            .doesNotContain("old detail").doesNotContain("old reason").doesNotContain("old error");
                }
            }
        }
    }
}
