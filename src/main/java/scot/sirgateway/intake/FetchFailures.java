package scot.sirgateway.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code intake_fetch_failure} table: how often the server failed to hand over a message of the
 * intake mailbox (keyed by folder, UIDVALIDITY and UID), and the quarantine entry once there is one.
 * Counted in the database, so a restart does not start the count again.
 */
@Repository
public class FetchFailures {

    /** One mailbox message, as IMAP names it for good. */
    public record Uid(String folder, long uidValidity, long uid) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public FetchFailures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one more failure (named by its exception class); answers the failures so far. */
    @Transactional
    public int record(Uid message, String failure) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String kind = failure.length() > 200 ? failure.substring(0, 200) : failure;
        int updated = jdbc.sql("UPDATE intake_fetch_failure SET attempts = attempts + 1, last_failure = ?, "
                        + "last_failed_at = ? WHERE folder = ? AND uid_validity = ? AND uid = ?")
                .params(kind, now, message.folder(), message.uidValidity(), message.uid()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO intake_fetch_failure (folder, uid_validity, uid, attempts, last_failure, "
                            + "first_failed_at, last_failed_at) VALUES (?, ?, ?, 1, ?, ?, ?)")
                    .params(message.folder(), message.uidValidity(), message.uid(), kind, now, now).update();
        }
        return jdbc.sql("SELECT attempts FROM intake_fetch_failure WHERE folder = ? AND uid_validity = ? AND uid = ?")
                .params(message.folder(), message.uidValidity(), message.uid()).query(Integer.class).single();
    }

    /** The quarantine entry made for this message, if one was made. */
    public Optional<Long> quarantineOf(Uid message) {
        return jdbc.sql("SELECT quarantine_id FROM intake_fetch_failure WHERE folder = ? AND uid_validity = ? "
                        + "AND uid = ? AND quarantine_id IS NOT NULL")
                .params(message.folder(), message.uidValidity(), message.uid()).query(Long.class).optional();
    }

    public void markQuarantined(Uid message, long quarantineId) {
        jdbc.sql("UPDATE intake_fetch_failure SET quarantine_id = ? WHERE folder = ? AND uid_validity = ? AND uid = ?")
                .params(quarantineId, message.folder(), message.uidValidity(), message.uid()).update();
    }
}
