package scot.sirgateway.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.storage.StorageCipher;

/**
 * The {@code outbox_mail} table: mails waiting to go out, and those already sent. The recipient and the
 * relay's last error are sealed (bound to the mail's Message-ID); a keyed hash of the recipient stands
 * in for it where mails are counted per address.
 */
@Repository
public class Outbox {

    /** Why a mail is sent. */
    public enum Purpose {
        ACKNOWLEDGEMENT, REJECTION, FORWARD, ALERT,
        /** a review's acknowledgement */
        REVIEW_ACKNOWLEDGEMENT,
        /** a reminder of a clock */
        REMINDER,
        /** an inspector's request for additional information, to the council */
        INFORMATION_REQUEST,
        /** to the people who worked on a web form draft, a week before it is deleted */
        DRAFT_EXPIRY_WARNING
    }

    public enum State { PENDING, SENT, CANCELLED }

    /** A mail of the outbox; {@code recipient} is its one address, or its addresses separated by commas. */
    public record OutboxMail(long id, Purpose purpose, String messageId, String recipient, Long notificationId,
            String mimeBlobId, int attempts) {
    }

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final StorageCipher cipher;
    private final Clock clock;
    private org.springframework.context.ApplicationEventPublisher events;

    public Outbox(JdbcClient jdbc, BlobStore blobs, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Where {@link OutboxMailQueued} goes: the sender wakes up once the queuing transaction commits. */
    @org.springframework.beans.factory.annotation.Autowired
    void setEvents(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    private static String aad(String messageId, String column) {
        return StorageCipher.associatedData("outbox_mail", messageId, column);
    }

    /**
     * Queues a fully rendered mail. A mail with the same Message-ID is never queued twice: answers
     * false when it was already there.
     */
    public boolean queue(Purpose purpose, String messageId, String recipient, byte[] mime, Long notificationId,
            Long quarantineId) {
        return queue(purpose, messageId, List.of(recipient), mime, notificationId, quarantineId);
    }

    /**
     * Queues one mail to several recipients (its To and Cc), sent once to all of them under one Message-ID.
     * The first recipient is the one it is counted against per address. Answers false when a mail with this
     * Message-ID was already queued.
     */
    public boolean queue(Purpose purpose, String messageId, List<String> recipients, byte[] mime, Long notificationId,
            Long quarantineId) {
        return queue(purpose, messageId, recipients, out -> out.write(mime), notificationId, quarantineId);
    }

    /** The same for a mail written straight into its blob as it is composed (a large forward), never held whole. */
    public boolean queue(Purpose purpose, String messageId, String recipient, BlobStore.Content mime,
            Long notificationId, Long quarantineId) {
        return queue(purpose, messageId, List.of(recipient), mime, notificationId, quarantineId);
    }

    private boolean queue(Purpose purpose, String messageId, List<String> recipients, BlobStore.Content mime,
            Long notificationId, Long quarantineId) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a mail needs a recipient: " + messageId);
        }
        String recipient = String.join(", ", recipients);
        boolean known = jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ?").param(messageId)
                .query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO outbox_mail (purpose, message_id, recipient, recipient_hash, notification_id, quarantine_id, "
                        + "mime_blob_id, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(purpose.name(), messageId, cipher.encryptValue(recipient, aad(messageId, "recipient")),
                        cipher.lookupHash(recipients.get(0)), notificationId, quarantineId, blobs.put(mime),
                        State.PENDING.name(), now, now)
                .update();
        if (events != null) {
            events.publishEvent(new OutboxMailQueued(messageId, purpose));
        }
        return true;
    }

    /**
     * Claims the next due mail for sending: {@code SELECT ... FOR UPDATE SKIP LOCKED}, so the row stays
     * locked until the caller's transaction ends and another gateway on the same database passes it by.
     * Must run in a transaction; empty when no due mail is free.
     */
    public java.util.Optional<OutboxMail> claimNext() {
        return jdbc.sql("SELECT id, purpose, message_id, recipient, notification_id, mime_blob_id, attempts "
                        + "FROM outbox_mail WHERE state = ? AND next_attempt_at <= ? ORDER BY id LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED")
                .params(State.PENDING.name(), OffsetDateTime.now(clock))
                .query((rs, n) -> new OutboxMail(rs.getLong("id"), Purpose.valueOf(rs.getString("purpose")),
                        rs.getString("message_id"),
                        cipher.decryptValue(rs.getBytes("recipient"), aad(rs.getString("message_id"), "recipient")),
                        (Long) rs.getObject("notification_id", Long.class), rs.getString("mime_blob_id"),
                        rs.getInt("attempts")))
                .optional();
    }

    public byte[] mimeOf(OutboxMail mail) {
        return blobs.get(mail.mimeBlobId());
    }

    /** The mail as its blob's decrypted chunks, to send as a stream: a large forward is never one array. */
    public scot.sirgateway.storage.StoredBytes openMime(OutboxMail mail) {
        return blobs.open(mail.mimeBlobId());
    }

    public void markSent(long id, OffsetDateTime at) {
        jdbc.sql("UPDATE outbox_mail SET state = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL "
                        + "WHERE id = ? AND state = ?")
                .params(State.SENT.name(), at, id, State.PENDING.name()).update();
    }

    public void markFailed(long id, String error, Duration retryIn) {
        String messageId = jdbc.sql("SELECT message_id FROM outbox_mail WHERE id = ?").param(id).query(String.class).single();
        jdbc.sql("UPDATE outbox_mail SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(cipher.encryptValue(error.length() > 500 ? error.substring(0, 500) : error,
                        aad(messageId, "last_error")), OffsetDateTime.now(clock).plus(retryIn), id)
                .update();
    }

    /** The relay's answer to the last failed attempt; null when there was none. */
    public String lastError(long id) {
        return jdbc.sql("SELECT message_id, last_error FROM outbox_mail WHERE id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(cipher.decryptValue(rs.getBytes("last_error"),
                        aad(rs.getString("message_id"), "last_error"))))
                .single().orElse(null);
    }

    /** How many mails of this purpose were ever queued for this notification. */
    public long countFor(Purpose purpose, long notificationId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = ? AND notification_id = ?")
                .params(purpose.name(), notificationId).query(Long.class).single();
    }

    /** How many mails of this purpose for this notification still wait to go. */
    public long pending(Purpose purpose, long notificationId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = ? AND notification_id = ? AND state = ?")
                .params(purpose.name(), notificationId, State.PENDING.name()).query(Long.class).single();
    }

    /** How many mails of this purpose went, or wait to go, to this address since the given time. */
    public long countSince(Purpose purpose, String recipient, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = ? AND recipient_hash = ? AND created_at >= ?")
                .params(purpose.name(), cipher.lookupHash(recipient), since).query(Long.class).single();
    }

    /**
     * How many replies to quarantined messages with this reason code went, or wait to go, to this
     * address since the given time (the hourly limit is per sender and reason).
     */
    public long rejectionsSince(String recipient, String reasonCode, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail o JOIN quarantine q ON q.id = o.quarantine_id "
                        + "WHERE o.purpose = ? AND o.recipient_hash = ? AND q.reason_code = ? AND o.created_at >= ?")
                .params(Purpose.REJECTION.name(), cipher.lookupHash(recipient), reasonCode, since).query(Long.class).single();
    }

    /** How many mails of this purpose for this notification were queued since the given time. */
    public long countForSince(Purpose purpose, long notificationId, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = ? AND notification_id = ? AND created_at >= ?")
                .params(purpose.name(), notificationId, since).query(Long.class).single();
    }

    /** A mail the gateway queued, as a delivery report about it needs it: its recipients lower-cased. */
    public record Sent(long id, Purpose purpose, String messageId, Long notificationId, List<String> recipients) {
    }

    /** The mail queued under this Message-ID, if the gateway queued one. */
    public java.util.Optional<Sent> sent(String messageId) {
        return jdbc.sql("SELECT id, purpose, message_id, notification_id, recipient FROM outbox_mail WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> new Sent(rs.getLong("id"), Purpose.valueOf(rs.getString("purpose")),
                        rs.getString("message_id"), (Long) rs.getObject("notification_id", Long.class),
                        java.util.Arrays.stream(cipher.decryptValue(rs.getBytes("recipient"),
                                        aad(rs.getString("message_id"), "recipient")).split(","))
                                .map(a -> a.trim().toLowerCase(java.util.Locale.ROOT)).toList()))
                .optional();
    }

    /** Records that a delivery report said the mail did not arrive; answers false when that was recorded before. */
    public boolean markBounced(long id, OffsetDateTime at) {
        return jdbc.sql("UPDATE outbox_mail SET bounced_at = ? WHERE id = ? AND bounced_at IS NULL").params(at, id)
                .update() == 1;
    }

    /** How many mails of this purpose for this notification a delivery report said did not arrive. */
    public long bounced(Purpose purpose, long notificationId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = ? AND notification_id = ? AND bounced_at IS NOT NULL")
                .params(purpose.name(), notificationId).query(Long.class).single();
    }

    /** Cancels the mails of this purpose for this notification that have not gone yet; answers how many. */
    public int cancelPending(Purpose purpose, long notificationId) {
        return jdbc.sql("UPDATE outbox_mail SET state = ? WHERE purpose = ? AND notification_id = ? AND state = ?")
                .params(State.CANCELLED.name(), purpose.name(), notificationId, State.PENDING.name()).update();
    }

    /**
     * One copy of a mail of this purpose for a notification, as the console shows the forward's state: when it was
     * queued, whether it went (and when), whether a delivery report said it bounced.
     */
    public record Copy(OffsetDateTime queuedAt, State state, OffsetDateTime sentAt, OffsetDateTime bouncedAt) {
    }

    /** The copies of this purpose for this notification, oldest first. */
    public List<Copy> copies(Purpose purpose, long notificationId) {
        return jdbc.sql("SELECT created_at, state, sent_at, bounced_at FROM outbox_mail WHERE purpose = ? "
                        + "AND notification_id = ? ORDER BY id")
                .params(purpose.name(), notificationId)
                .query((rs, n) -> new Copy(rs.getObject("created_at", OffsetDateTime.class),
                        State.valueOf(rs.getString("state")), rs.getObject("sent_at", OffsetDateTime.class),
                        rs.getObject("bounced_at", OffsetDateTime.class)))
                .list();
    }
}
