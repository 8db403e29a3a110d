package scot.sirgateway.register;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.storage.StorageCipher;

/**
 * A notification's append-only history. Details describe what happened, never the values received;
 * being free text they are sealed all the same, bound to the event's id.
 */
@Repository
public class Timeline {

    public static final String SYSTEM = "gateway";

    public record Event(OffsetDateTime at, String type, String detail, String actor) {
    }

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Clock clock;

    public Timeline(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    public void append(long notificationId, String type, String detail) {
        append(notificationId, OffsetDateTime.now(clock), type, detail, SYSTEM);
    }

    @Transactional
    public void append(long notificationId, OffsetDateTime at, String type, String detail, String actor) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification_event (notification_id, at, type, actor) VALUES (?, ?, ?, ?)")
                .params(notificationId, at, type, actor)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        String shortDetail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        jdbc.sql("UPDATE notification_event SET detail = ? WHERE id = ?")
                .params(cipher.encryptValue(shortDetail, aad(id)), id).update();
    }

    private static String aad(long eventId) {
        return StorageCipher.associatedData("notification_event", eventId, "detail");
    }

    public List<Event> of(long notificationId) {
        return jdbc.sql("SELECT id, at, type, detail, actor FROM notification_event WHERE notification_id = ? ORDER BY id")
                .param(notificationId)
                .query((rs, n) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("type"),
                        cipher.decryptValue(rs.getBytes("detail"), aad(rs.getLong("id"))), rs.getString("actor")))
                .list();
    }
}
