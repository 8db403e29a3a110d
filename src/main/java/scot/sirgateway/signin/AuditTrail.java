package scot.sirgateway.signin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code audit_event} table: who did what to an account, a token, a notification or a quarantine entry,
 * and when, so an admin can answer "who signed in", "was this account attacked" and "who saw or changed this
 * notification" afterwards. The caller names the actor (a username, or {@code token:<id>}), the action (a
 * word like {@code SIGN_IN} or {@code NOTIFICATION_VIEWED}), a short detail, and for a notification its
 * reference (for a quarantine entry its id); never a password, a code, a token, an address or a form value.
 */
@Component
public class AuditTrail {

    /** An audit row as an admin reads it; reference and quarantine id are null when it concerns neither. */
    public record Event(OffsetDateTime at, String actor, String action, String detail, String reference,
            Long quarantineId) {
    }

    private static final String COLUMNS = "SELECT at, actor, action, detail, reference, quarantine_id FROM audit_event ";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String detail) {
        record(actor, action, detail, null, null);
    }

    /** An event about one notification (by reference) or one quarantine entry (by id); either may be null. */
    public void record(String actor, String action, String detail, String reference, Long quarantineId) {
        jdbc.sql("INSERT INTO audit_event (at, actor, action, detail, reference, quarantine_id) VALUES (?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(clock), cut(actor == null ? "unknown" : actor, 120), cut(action, 40),
                        detail == null ? null : cut(detail, 300), reference == null ? null : cut(reference, 40),
                        quarantineId)
                .update();
    }

    /** How many events of this action an actor had at or after {@code since}. */
    public long count(String actor, String action, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE at >= ? AND actor = ? AND action = ?")
                .params(since, actor, action).query(Long.class).single();
    }

    /** Every event about one notification, oldest first. */
    public List<Event> ofReference(String reference) {
        return jdbc.sql(COLUMNS + "WHERE reference = ? ORDER BY id").param(reference).query(this::event).list();
    }

    /** The newest events about one notification, newest first. */
    public List<Event> ofReference(String reference, int limit) {
        return jdbc.sql(COLUMNS + "WHERE reference = ? ORDER BY id DESC LIMIT ?").params(reference, limit)
                .query(this::event).list();
    }

    /** Every event at or after {@code from} and before {@code to}, oldest first, for the export. */
    public void between(OffsetDateTime from, OffsetDateTime to, java.util.function.Consumer<Event> each) {
        jdbc.sql(COLUMNS + "WHERE at >= ? AND at < ? ORDER BY at, id").params(from, to)
                .query(rs -> {
                    each.accept(event(rs, 0));
                });
    }

    private Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Number quarantineId = (Number) rs.getObject("quarantine_id");
        return new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("action"),
                rs.getString("detail"), rs.getString("reference"), quarantineId == null ? null : quarantineId.longValue());
    }

    /** The newest events of an actor, newest first. */
    public List<Event> of(String actor, int limit) {
        return jdbc.sql(COLUMNS + "WHERE actor = ? ORDER BY id DESC LIMIT ?").params(actor, limit)
                .query(this::event).list();
    }

    /** The newest events of everyone, newest first. */
    public List<Event> recent(int limit) {
        return jdbc.sql(COLUMNS + "ORDER BY id DESC LIMIT ?").param(limit).query(this::event).list();
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** When each actor last had an event of this action (e.g. {@code SIGN_IN}), by actor. */
    public java.util.Map<String, OffsetDateTime> lastOf(String action) {
        java.util.Map<String, OffsetDateTime> last = new java.util.HashMap<>();
        jdbc.sql("SELECT actor, MAX(at) AS last_at FROM audit_event WHERE action = ? GROUP BY actor").param(action)
                .query(rs -> {
                    last.put(rs.getString("actor"), rs.getObject("last_at", OffsetDateTime.class));
                });
        return last;
    }

    /** Every event about one quarantine entry, oldest first. */
    public List<Event> ofQuarantine(long quarantineId) {
        return jdbc.sql(COLUMNS + "WHERE quarantine_id = ? ORDER BY id").param(quarantineId).query(this::event).list();
    }
}
