package scot.sirgateway.quarantine;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code quarantine} table. */
@Repository
public class QuarantineEntries {

    public enum State { OPEN, RELEASED, DISCARDED }

    public record Entry(long id, Long storedMessageId, OffsetDateTime receivedAt, String messageId, String sender,
            String stage, ReasonCode reasonCode, String reason, State state, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public QuarantineEntries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long add(Long storedMessageId, OffsetDateTime receivedAt, String messageId, String sender, String stage,
            ReasonCode reasonCode, String reason) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO quarantine (stored_message_id, received_at, message_id, sender, stage, reason_code, "
                        + "reason, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(storedMessageId, receivedAt, messageId, sender, stage, reasonCode.name(),
                        reason.length() > 1000 ? reason.substring(0, 1000) : reason, State.OPEN.name(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<Entry> open() {
        return jdbc.sql("SELECT id, stored_message_id, received_at, message_id, sender, stage, reason_code, reason, "
                        + "state, created_at FROM quarantine WHERE state = ? ORDER BY id")
                .param(State.OPEN.name())
                .query((rs, n) -> new Entry(rs.getLong("id"), (Long) rs.getObject("stored_message_id", Long.class),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("message_id"),
                        rs.getString("sender"), rs.getString("stage"), ReasonCode.valueOf(rs.getString("reason_code")),
                        rs.getString("reason"), State.valueOf(rs.getString("state")),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }
}
