package scot.sirgateway.signin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code audit_event} table: who did what to an account or a token, and when, so an admin can answer
 * "who signed in" and "was this account attacked" afterwards. The caller names the actor (a username, or
 * {@code token:<id>}), the action (a word like {@code SIGN_IN}) and a short detail; never a password, a
 * code, a token or an address.
 */
@Component
public class AuditTrail {

    /** An audit row as an admin reads it. */
    public record Event(OffsetDateTime at, String actor, String action, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String detail) {
        jdbc.sql("INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)")
                .params(OffsetDateTime.now(clock), cut(actor == null ? "unknown" : actor, 120), cut(action, 40),
                        detail == null ? null : cut(detail, 300))
                .update();
    }

    /** The newest events of an actor, newest first. */
    public List<Event> of(String actor, int limit) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit_event WHERE actor = ? ORDER BY id DESC LIMIT ?")
                .params(actor, limit)
                .query((rs, n) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("detail")))
                .list();
    }

    /** The newest events of everyone, newest first. */
    public List<Event> recent(int limit) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit_event ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("detail")))
                .list();
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
