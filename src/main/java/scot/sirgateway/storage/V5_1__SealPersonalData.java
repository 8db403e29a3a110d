package scot.sirgateway.storage;

import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 5.1 (a Spring bean, so it has the storage key): seals the personal data stored in
 * clear before version 5 (senders, signers, layers, sign-off roles, quarantine reasons, timeline
 * details, outbox recipients and errors) into the sealed columns that V5 added, with the same
 * associated data the repositories use; V5_2 then drops the clear columns.
 */
@Component
public class V5_1__SealPersonalData extends BaseJavaMigration {

    private final StorageCipher cipher;

    public V5_1__SealPersonalData(StorageCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        seal(jdbc, "stored_message", "id", "sender");
        seal(jdbc, "quarantine", "id", "sender");
        seal(jdbc, "quarantine", "id", "reason");
        for (String column : new String[] {"sender", "signer", "layers", "signoff_role"}) {
            seal(jdbc, "notification", "reference", column);
        }
        seal(jdbc, "notification_event", "id", "detail");
        seal(jdbc, "outbox_mail", "message_id", "recipient");
        seal(jdbc, "outbox_mail", "message_id", "last_error");
        for (Map<String, Object> row : jdbc.queryForList("SELECT message_id, recipient FROM outbox_mail")) {
            jdbc.update("UPDATE outbox_mail SET recipient_hash = ? WHERE message_id = ?",
                    cipher.lookupHash((String) row.get("recipient")), row.get("message_id"));
        }
    }

    private void seal(JdbcTemplate jdbc, String table, String rowKey, String column) {
        for (Map<String, Object> row : jdbc.queryForList("SELECT " + rowKey + " AS row_key, " + column
                + " AS clear FROM " + table + " WHERE " + column + " IS NOT NULL")) {
            Object key = row.get("row_key");
            jdbc.update("UPDATE " + table + " SET " + column + "_sealed = ? WHERE " + rowKey + " = ?",
                    cipher.encryptValue(String.valueOf(row.get("clear")),
                            StorageCipher.associatedData(table, key, column)), key);
        }
    }
}
