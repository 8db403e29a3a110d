package scot.sirgateway.register;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A notification's append-only history. Details describe what happened, never the values received.
 */
@Repository
public class Timeline {

    public static final String SYSTEM = "gateway";

    public record Event(OffsetDateTime at, String type, String detail, String actor) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public Timeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void append(long notificationId, String type, String detail) {
        append(notificationId, OffsetDateTime.now(clock), type, detail, SYSTEM);
    }

    public void append(long notificationId, OffsetDateTime at, String type, String detail, String actor) {
        jdbc.sql("INSERT INTO notification_event (notification_id, at, type, detail, actor) VALUES (?, ?, ?, ?, ?)")
                .params(notificationId, at, type, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000), actor)
                .update();
    }

    public List<Event> of(long notificationId) {
        return jdbc.sql("SELECT at, type, detail, actor FROM notification_event WHERE notification_id = ? ORDER BY id")
                .param(notificationId)
                .query((rs, n) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("type"),
                        rs.getString("detail"), rs.getString("actor")))
                .list();
    }
}
