package scot.sirgateway.submit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_key} table: per council and key, the SHA-256 of the first post's content and, once it
 * is done, its answer (status, reference, notification status). The row is inserted before the post is run,
 * each statement committed on its own (no transaction around it), so of two concurrent posts with one key the
 * second finds the row taken. Rows older than {@code gateway.forms.idempotency-keys-kept} are deleted as new
 * keys come.
 */
@Repository
class IdempotencyKeys {

    /** What a key holds: the content's hash and, when the first post is done, its answer. */
    record Entry(String requestSha256, Integer status, String reference, String body) {
        boolean done() {
            return status != null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration kept;

    IdempotencyKeys(JdbcClient jdbc, Clock clock, FormProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.kept = properties.idempotencyKeysKept();
    }

    /** Takes the key for this content; answers the entry already there when someone took it first. */
    Optional<Entry> claim(String council, String key, String requestSha256) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?").param(now.minus(kept)).update();
        try {
            jdbc.sql("INSERT INTO idempotency_key (council, idempotency, request_sha256, created_at) VALUES (?, ?, ?, ?)")
                    .params(council, key, requestSha256, now).update();
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            return find(council, key);
        }
    }

    Optional<Entry> find(String council, String key) {
        return jdbc.sql("SELECT request_sha256, status, reference, body FROM idempotency_key WHERE council = ? AND idempotency = ?")
                .params(council, key)
                .query((rs, n) -> new Entry(rs.getString("request_sha256"), (Integer) rs.getObject("status", Integer.class),
                        rs.getString("reference"), rs.getString("body")))
                .optional();
    }

    /** The first post's answer, kept for its retries. */
    void answer(String council, String key, int status, String reference, String body) {
        jdbc.sql("UPDATE idempotency_key SET status = ?, reference = ?, body = ? WHERE council = ? AND idempotency = ?")
                .params(status, reference, body, council, key).update();
    }

    /** Lets the key go: the post was refused as it was, nothing of it kept, so it may be sent again corrected. */
    void release(String council, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE council = ? AND idempotency = ? AND status IS NULL")
                .params(council, key).update();
    }
}
