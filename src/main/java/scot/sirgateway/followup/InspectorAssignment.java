package scot.sirgateway.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.register.Timeline;

/**
 * The strategic inspector assigned to a notification ({@code notification.inspector}, an account's
 * username): whose comment clock starts with each review, and whom its reminders chase. The caller has
 * checked that the account is an inspector with an address; the timeline names the username, never the
 * address.
 */
@Component
public class InspectorAssignment {

    private static final Logger log = LoggerFactory.getLogger(InspectorAssignment.class);

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Clock clock;

    public InspectorAssignment(JdbcClient jdbc, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Assigns the inspector; NoSuchElementException when no notification has the reference. */
    @Transactional
    public void assign(String reference, String inspector, String operator) {
        var current = jdbc.sql("SELECT id, inspector FROM notification WHERE reference = ? FOR UPDATE").param(reference)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("inspector")}).optional()
                .orElseThrow(() -> new NoSuchElementException("no notification has the reference " + reference));
        long id = (Long) current[0];
        String before = (String) current[1];
        if (inspector.equals(before)) {
            return;
        }
        jdbc.sql("UPDATE notification SET inspector = ? WHERE id = ?").params(inspector, id).update();
        timeline.append(id, OffsetDateTime.now(clock), "INSPECTOR_ASSIGNED", "strategic inspector: " + inspector
                + (before == null ? "" : " (was " + before + ")"), operator);
        log.info("{}: inspector {} assigned by {}", reference, inspector, operator);
    }
}
