package scot.sirgateway.quarantine;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.storage.StorageCipher;

/**
 * The {@code quarantine} table. The sender's address and the reason (which may describe what the
 * message held) are personal data: sealed by the storage cipher, bound to the entry's id and column.
 */
@Repository
public class QuarantineEntries {

    public enum State { OPEN, RELEASED, DISCARDED }

    public record Entry(long id, Long storedMessageId, OffsetDateTime receivedAt, String messageId, String sender,
            String stage, ReasonCode reasonCode, String reason, State state, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Clock clock;

    public QuarantineEntries(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Transactional
    public long add(Long storedMessageId, OffsetDateTime receivedAt, String messageId, String sender, String stage,
            ReasonCode reasonCode, String reason) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO quarantine (stored_message_id, received_at, message_id, stage, reason_code, "
                        + "state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(storedMessageId, receivedAt, messageId, stage, reasonCode.name(), State.OPEN.name(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        String shortReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        jdbc.sql("UPDATE quarantine SET sender = ?, reason = ? WHERE id = ?")
                .params(cipher.encryptValue(sender, aad(id, "sender")), cipher.encryptValue(shortReason, aad(id, "reason")), id)
                .update();
        return id;
    }

    private static final String COLUMNS = "id, stored_message_id, received_at, message_id, sender, stage, reason_code, "
            + "reason, state, created_at";

    private Entry read(java.sql.ResultSet rs, int rowNumber) throws java.sql.SQLException {
        long id = rs.getLong("id");
        return new Entry(id, (Long) rs.getObject("stored_message_id", Long.class),
                rs.getObject("received_at", OffsetDateTime.class), rs.getString("message_id"),
                cipher.decryptValue(rs.getBytes("sender"), aad(id, "sender")), rs.getString("stage"),
                ReasonCode.valueOf(rs.getString("reason_code")), cipher.decryptValue(rs.getBytes("reason"), aad(id, "reason")),
                State.valueOf(rs.getString("state")), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static String aad(long id, String column) {
        return StorageCipher.associatedData("quarantine", id, column);
    }

    public List<Entry> open() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quarantine WHERE state = ? ORDER BY id")
                .param(State.OPEN.name()).query(this::read).list();
    }

    public java.util.Optional<Entry> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quarantine WHERE id = ?").param(id).query(this::read).optional();
    }

    /** The latest entry of a stored message, if it was quarantined (a form post answers its caller with it). */
    public java.util.Optional<Entry> latestFor(long storedMessageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quarantine WHERE stored_message_id = ? ORDER BY id DESC")
                .param(storedMessageId).query(this::read).list().stream().findFirst();
    }

    /** Closes an open entry; answers false when it was not open any more. */
    public boolean resolve(long id, State state, String by) {
        return jdbc.sql("UPDATE quarantine SET state = ?, resolved_at = ?, resolved_by = ? WHERE id = ? AND state = ?")
                .params(state.name(), OffsetDateTime.now(clock), by, id, State.OPEN.name()).update() == 1;
    }

    /** Records whether a reply went to the sender and, if not, why (shown with the entry). */
    public void recordReply(long id, String reply) {
        jdbc.sql("UPDATE quarantine SET reply = ? WHERE id = ?")
                .params(reply.length() > 200 ? reply.substring(0, 200) : reply, id).update();
    }

    /** Whether a reply went to the sender and, if not, why; empty for entries from before this was kept. */
    public java.util.Optional<String> reply(long id) {
        return jdbc.sql("SELECT reply FROM quarantine WHERE id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).optional().flatMap(r -> r);
    }

    /** Records the fingerprint of what the stopping stage depended on when the entry was made. */
    public void recordCause(long id, String fingerprint) {
        jdbc.sql("UPDATE quarantine SET cause_fingerprint = ? WHERE id = ?").params(fingerprint, id).update();
    }

    /** The fingerprint recorded with the entry; empty for entries from before it was kept. */
    public java.util.Optional<String> cause(long id) {
        return jdbc.sql("SELECT cause_fingerprint FROM quarantine WHERE id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).optional().flatMap(r -> r);
    }

    /** Closes an open entry with the operator's reason; answers false when it was not open any more. */
    public boolean dismiss(long id, String by, String reason) {
        return jdbc.sql("UPDATE quarantine SET state = ?, resolved_at = ?, resolved_by = ?, resolution = ? "
                        + "WHERE id = ? AND state = ?")
                .params(State.DISCARDED.name(), OffsetDateTime.now(clock), by,
                        cipher.encryptValue(reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                                aad(id, "resolution")), id, State.OPEN.name())
                .update() == 1;
    }

    /** The reason an operator gave when dismissing the entry; empty while it was not dismissed. */
    public java.util.Optional<String> resolution(long id) {
        return jdbc.sql("SELECT resolution FROM quarantine WHERE id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(cipher.decryptValue(rs.getBytes(1), aad(id, "resolution"))))
                .optional().flatMap(r -> r);
    }
    /** How a closed entry was closed: when, by whom and, for a dismissed one, the operator's reason. */
    public record Resolved(OffsetDateTime at, String by, String reason) {
    }

    /** A closed entry (released or dismissed) with how it was closed, for the console's list of closed ones. */
    public record ClosedEntry(Entry entry, Resolved resolved) {
    }

    /** The newest closed entries (released or dismissed), the latest closed first, at most {@code limit}. */
    public List<ClosedEntry> closed(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", resolved_at, resolved_by, resolution FROM quarantine WHERE state <> ? "
                        + "ORDER BY resolved_at DESC, id DESC LIMIT ?")
                .params(State.OPEN.name(), limit)
                .query((rs, n) -> new ClosedEntry(read(rs, n), resolved(rs))).list();
    }

    /** How the entry was closed; empty while it is open. */
    public java.util.Optional<Resolved> resolved(long id) {
        return jdbc.sql("SELECT id, resolved_at, resolved_by, resolution FROM quarantine WHERE id = ? AND state <> ?")
                .params(id, State.OPEN.name()).query((rs, n) -> resolved(rs)).optional();
    }

    private Resolved resolved(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("id");
        return new Resolved(rs.getObject("resolved_at", OffsetDateTime.class), rs.getString("resolved_by"),
                cipher.decryptValue(rs.getBytes("resolution"), aad(id, "resolution")));
    }

    /** Every entry of one stored message, oldest first: a message quarantined again after a reprocess has several. */
    public List<Entry> ofStoredMessage(long storedMessageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quarantine WHERE stored_message_id = ? ORDER BY id")
                .param(storedMessageId).query(this::read).list();
    }
}
