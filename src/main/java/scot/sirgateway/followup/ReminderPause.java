package scot.sirgateway.followup;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.register.Timeline;

/**
 * An operator pauses or resumes every reminder of a notification ({@code notification.reminders_paused}),
 * with a reason that the timeline records with the operator's name. The reminders check the flag before
 * each mail; nothing else changes, and the clocks keep running.
 */
@Component
public class ReminderPause {

    static final int MAX_REASON = 500;

    private static final Logger log = LoggerFactory.getLogger(ReminderPause.class);

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Clock clock;

    public ReminderPause(JdbcClient jdbc, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Pauses; ReleaseRefusedException (409) when they are paused already. */
    @Transactional
    public void pause(String reference, String reason, String operator) {
        change(reference, true, reason, operator);
    }

    /** Resumes; ReleaseRefusedException (409) when they are not paused. */
    @Transactional
    public void resume(String reference, String reason, String operator) {
        change(reference, false, reason, operator);
    }

    private void change(String reference, boolean paused, String reason, String operator) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("give a reason for " + (paused ? "pausing" : "resuming")
                    + " the reminders (\"reason\")");
        }
        String trimmed = reason.trim();
        if (trimmed.length() > MAX_REASON) {
            throw new IllegalArgumentException("the reason is at most " + MAX_REASON + " characters");
        }
        long id = jdbc.sql("SELECT id FROM notification WHERE reference = ?").param(reference).query(Long.class)
                .optional().orElseThrow(() -> new NoSuchElementException("no notification has the reference " + reference));
        if (jdbc.sql("UPDATE notification SET reminders_paused = ? WHERE id = ? AND reminders_paused = ?")
                .params(paused, id, !paused).update() == 0) {
            throw new ReleaseRefusedException("the reminders of " + reference + " are already "
                    + (paused ? "paused" : "running (not paused)"));
        }
        timeline.append(id, OffsetDateTime.now(clock), paused ? "REMINDERS_PAUSED" : "REMINDERS_RESUMED", trimmed,
                operator);
        log.info("{}: reminders {} by {}", reference, paused ? "paused" : "resumed", operator);
    }
}
