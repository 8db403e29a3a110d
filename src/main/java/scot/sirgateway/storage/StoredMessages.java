package scot.sirgateway.storage;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.metrics.GatewayMetrics;
import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.storage.StorageCipher;

/**
 * The {@code stored_message} table: every message taken in, its bytes encrypted in the blob store,
 * and where it stands ({@link State}). A row is written before anything else looks at the message.
 */
@Repository
public class StoredMessages {

    /** Exchange property holding the stored message id, set before any stage runs. */
    public static final String EXCHANGE_PROPERTY = "sirStoredMessageId";

    public enum State {
        /** stored, waiting for (or in) the stages */
        RECEIVED,
        /** became a notification */
        PROCESSED,
        /** stopped by a stage, with a quarantine entry */
        QUARANTINED
    }

    public record StoredMessage(long id, String source, String messageId, String sender, String contentSha256,
            long sizeBytes, String rawBlobId, String headersBlobId, OffsetDateTime receivedAt, State state,
            int deliveryCount) {
    }

    /** What {@link #store} did: a new row, or a count added to the row of the same message. */
    public record Stored(long id, boolean duplicate) {
    }

    private static final String COLUMNS = "id, source, message_id, sender, content_sha256, size_bytes, raw_blob_id, "
            + "headers_blob_id, received_at, state, delivery_count";

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final StorageCipher cipher;
    private final Clock clock;
    private final GatewayMetrics metrics;

    /** The sender's address is personal data: sealed, bound to the row (its id in the associated data). */
    private final RowMapper<StoredMessage> row = (rs, n) -> {
        long id = rs.getLong("id");
        return new StoredMessage(id, rs.getString("source"), rs.getString("message_id"),
                openSender(id, rs.getBytes("sender")), rs.getString("content_sha256"), rs.getLong("size_bytes"),
                rs.getString("raw_blob_id"), rs.getString("headers_blob_id"),
                rs.getObject("received_at", OffsetDateTime.class), State.valueOf(rs.getString("state")),
                rs.getInt("delivery_count"));
    };

    public StoredMessages(JdbcClient jdbc, BlobStore blobs, StorageCipher cipher, Clock clock,
            GatewayMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Stores the raw bytes of a message, unless the same message (same Message-ID, same bytes after
     * the trace headers) is already stored: then only its delivery count goes up.
     */
    @Transactional
    public Stored store(byte[] raw, String source) {
        MessageHeaders headers = MessageHeaders.parse(raw);
        metrics.messageTaken(source);
        String contentSha256 = TraceHeaders.sha256(raw, TraceHeaders.endOfLeadingTraceHeaders(raw));
        Optional<Long> same = jdbc.sql("SELECT id FROM stored_message WHERE content_sha256 = ? AND "
                        + "(message_id = ? OR (message_id IS NULL AND ? IS NULL)) ORDER BY id")
                .params(contentSha256, headers.messageId(), headers.messageId())
                .query(Long.class).list().stream().findFirst();
        if (same.isPresent()) {
            jdbc.sql("UPDATE stored_message SET delivery_count = delivery_count + 1 WHERE id = ?")
                    .param(same.get()).update();
            return new Stored(same.get(), true);
        }
        String blobId = blobs.put(raw);
        long id = insert(source, headers.messageId(), headers.fromAddress(), TraceHeaders.sha256(raw, 0),
                contentSha256, raw.length, blobId, null, State.RECEIVED);
        return new Stored(id, false);
    }

    /**
     * Stores a message the gateway made itself from a form post (source {@code FORM}, a Message-ID of its own,
     * so never a duplicate), claimed until {@code claimedUntil}: the request that posted it runs it through the
     * stages at once, and the {@code intake-waiting} timer leaves it alone until the claim runs out (after a
     * crash mid-request it takes it then, so the message goes through the stages once either way).
     */
    @Transactional
    public long storeClaimed(byte[] raw, String source, OffsetDateTime claimedUntil) {
        MessageHeaders headers = MessageHeaders.parse(raw);
        metrics.messageTaken(source);
        String blobId = blobs.put(raw);
        long id = insert(source, headers.messageId(), headers.fromAddress(), TraceHeaders.sha256(raw, 0),
                TraceHeaders.sha256(raw, TraceHeaders.endOfLeadingTraceHeaders(raw)), raw.length, blobId, null,
                State.RECEIVED);
        jdbc.sql("UPDATE stored_message SET claimed_until = ? WHERE id = ?").params(claimedUntil, id).update();
        return id;
    }

    /**
     * Records a message whose bytes are not kept (too large, unreadable on the server): its headers
     * alone, so an operator can still see it and tell the sender.
     */
    @Transactional
    public long storeHeadersOnly(String headerText, long sizeBytes, String source) {
        metrics.messageTaken(source);
        byte[] headerBytes = headerText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MessageHeaders headers = MessageHeaders.parse(headerBytes);
        String blobId = blobs.put(headerBytes);
        return insert(source, headers.messageId(), headers.fromAddress(), null, null, sizeBytes, null, blobId,
                State.QUARANTINED);
    }

    private long insert(String source, String messageId, String sender, String rawSha256, String contentSha256,
            long size, String rawBlobId, String headersBlobId, State state) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stored_message (source, message_id, raw_sha256, content_sha256, size_bytes, "
                        + "raw_blob_id, headers_blob_id, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(source, messageId, rawSha256, contentSha256, size, rawBlobId, headersBlobId,
                        OffsetDateTime.now(clock), state.name())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("UPDATE stored_message SET sender = ? WHERE id = ?")
                .params(cipher.encryptValue(sender, StorageCipher.associatedData("stored_message", id, "sender")), id)
                .update();
        return id;
    }

    private String openSender(long id, byte[] sealed) {
        return cipher.decryptValue(sealed, StorageCipher.associatedData("stored_message", id, "sender"));
    }

    public Optional<StoredMessage> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stored_message WHERE id = ?").param(id).query(row).optional();
    }

    /** The decrypted bytes as they arrived (or the headers, for a message whose bytes were not kept). */
    public byte[] bytesOf(StoredMessage message) {
        return blobs.get(message.rawBlobId() != null ? message.rawBlobId() : message.headersBlobId());
    }

    /**
     * The same as {@link #bytesOf}, held in the blob's chunks and read as a stream Jakarta Mail shares: a 25 MB
     * message parsed from it is views on those chunks, never one array of its size.
     */
    public StoredBytes openBytes(StoredMessage message) {
        return blobs.open(message.rawBlobId() != null ? message.rawBlobId() : message.headersBlobId());
    }

    /**
     * Ids of messages still waiting for the stages, oldest first; not those a request is running through the
     * stages itself (a form post, claimed until its claim runs out).
     */
    public List<Long> waiting(int max) {
        return jdbc.sql("SELECT id FROM stored_message WHERE state = ? AND (claimed_until IS NULL OR claimed_until < ?) "
                        + "ORDER BY id LIMIT ?")
                .params(State.RECEIVED.name(), OffsetDateTime.now(clock), max).query(Long.class).list();
    }

    /**
     * Claims a waiting message for one worker until {@code until}: true when this call got it, false when it
     * is not waiting any more or another worker (a timer's, a hand-off's, another gateway's) holds an unexpired
     * claim. One atomic update, so of two claims at once exactly one wins.
     */
    public boolean claim(long id, OffsetDateTime until) {
        return jdbc.sql("UPDATE stored_message SET claimed_until = ? WHERE id = ? AND state = ? "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")
                .params(until, id, State.RECEIVED.name(), OffsetDateTime.now(clock)).update() == 1;
    }

    /** Extends a claim this worker holds (its end still {@code until}) to {@code renewed}; false when it is not held. */
    public boolean renewClaim(long id, OffsetDateTime until, OffsetDateTime renewed) {
        return jdbc.sql("UPDATE stored_message SET claimed_until = ? WHERE id = ? AND claimed_until = ?")
                .params(renewed, id, until).update() == 1;
    }

    /**
     * Gives up the claim {@link #claim} made (the stages have run): a message an operator releases from the
     * quarantine later is taken again at once, not when the old claim runs out.
     */
    public void releaseClaim(long id, OffsetDateTime until) {
        jdbc.sql("UPDATE stored_message SET claimed_until = NULL WHERE id = ? AND claimed_until = ?")
                .params(id, until).update();
    }

    /** An earlier message with the same Message-ID but other content, if any. */
    public Optional<Long> earlierWithSameMessageIdAndOtherContent(StoredMessage message) {
        if (message.messageId() == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM stored_message WHERE message_id = ? AND id < ? AND content_sha256 <> ? ORDER BY id")
                .params(message.messageId(), message.id(), message.contentSha256())
                .query(Long.class).list().stream().findFirst();
    }

    /** Keeps a PDF password an operator supplied for this message, encrypted like everything at rest. */
    public void setPdfPassword(long id, String password) {
        jdbc.sql("UPDATE stored_message SET pdf_password = ? WHERE id = ?")
                .params(cipher.encryptValue(password, "stored_message:" + id + ":pdf_password"), id).update();
    }

    /** The PDF password an operator supplied for this message, if any. */
    public Optional<String> pdfPassword(long id) {
        byte[] sealed = jdbc.sql("SELECT pdf_password FROM stored_message WHERE id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional().orElse(null);
        return Optional.ofNullable(cipher.decryptValue(sealed, "stored_message:" + id + ":pdf_password"));
    }

    public void markState(long id, State state) {
        jdbc.sql("UPDATE stored_message SET state = ?, processed_at = ? WHERE id = ?")
                .params(state.name(), OffsetDateTime.now(clock), id).update();
    }
}
