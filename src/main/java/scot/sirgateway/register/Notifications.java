package scot.sirgateway.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.Layer;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.OrderType;
import scot.sirgateway.model.ReviewStatus;

/**
 * The {@code notification} table and its fields. Identifying fields, and the sender, the signer and
 * the layers (which name signers), are encrypted with the reference and the column as associated
 * data, so a value cannot be moved to another notification or field.
 */
@Repository
public class Notifications {

    /** What the gateway knows of a notification besides its form values. */
    public record Envelope(long id, String reference, NotificationStatus status, String source,
            OffsetDateTime receivedAt, String messageId, String sender, String signer, boolean signatureVerified,
            boolean decrypted, String group, Boolean domesticAbuse, Boolean historical,
            Boolean notifiedWithin5WorkingDays, Integer workingDaysLate, OffsetDateTime acknowledgedAt,
            OffsetDateTime forwardDue, OffsetDateTime forwardedAt, LocalDate reviewDue, Long storedMessageId,
            List<Layer> layers) {
    }

    /** A notification as stored: envelope, typed form values, and per-field provenance. */
    public record Stored(Envelope envelope, Map<FormField, Object> values, Map<FormField, FieldValue> fields) {
    }

    /** Filters of the list call; null means any. */
    public record Filter(LocalDate from, LocalDate to, String council, NotificationStatus status,
            ReviewStatus reviewStatus) {

        public Filter(LocalDate from, LocalDate to, String council, NotificationStatus status) {
            this(from, to, council, status, null);
        }
    }

    /**
     * Where a notification stands after notification: its review status, the strategic inspector assigned
     * (a username), whether its reminders are paused, and the earlier notification it mentions.
     */
    public record FollowUp(ReviewStatus reviewStatus, String inspector, boolean remindersPaused, String linkedReference) {
    }

    private static final String ENVELOPE_COLUMNS = "id, reference, status, source, received_at, message_id, sender, "
            + "signer, signature_verified, decrypted, group_code, domestic_abuse, historical, "
            + "notified_within_5_working_days, working_days_late, acknowledged_at, forward_due, forwarded_at, "
            + "review_due, stored_message_id, layers";

    private static final tools.jackson.databind.json.JsonMapper LAYERS_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final scot.sirgateway.storage.BlobStore blobs;
    private final Clock clock;

    public Notifications(JdbcClient jdbc, StorageCipher cipher, scot.sirgateway.storage.BlobStore blobs, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Inserts the notification with its values and field provenance; answers its id. */
    public long insert(Envelope envelope, Map<FormField, FieldValue> fields) {
        List<String> columns = new ArrayList<>(List.of("reference", "stored_message_id", "status", "source",
                "received_at", "message_id", "sender", "signer", "signature_verified", "decrypted", "group_code",
                "domestic_abuse", "historical", "created_at", "layers", "notified_within_5_working_days",
                "working_days_late", "forward_due", "review_due"));
        List<Object> values = new ArrayList<>(Arrays.asList(envelope.reference(), envelope.storedMessageId(),
                envelope.status().name(), envelope.source(), envelope.receivedAt(), envelope.messageId(),
                seal(envelope.reference(), "sender", envelope.sender()), seal(envelope.reference(), "signer", envelope.signer()),
                envelope.signatureVerified(), envelope.decrypted(),
                envelope.group(), envelope.domesticAbuse(), envelope.historical(), OffsetDateTime.now(clock),
                seal(envelope.reference(), "layers", LAYERS_JSON.writeValueAsString(envelope.layers())),
                envelope.notifiedWithin5WorkingDays(),
                envelope.workingDaysLate(), envelope.forwardDue(), envelope.reviewDue()));
        for (Map.Entry<FormField, FieldValue> entry : fields.entrySet()) {
            if (entry.getValue().value() != null) {
                columns.add(entry.getKey().key());
                values.add(toColumn(envelope.reference(), entry.getKey(), entry.getValue().value()));
            }
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification (" + String.join(", ", columns) + ") VALUES ("
                        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")")
                .params(values).update(keys, "id");
        long id = keys.getKey().longValue();
        if (!fields.isEmpty()) {
            // one statement for every field's provenance: one round trip inside the registering transaction,
            // which holds the year's reference counter, instead of one per field
            List<Object> rows = new java.util.ArrayList<>();
            fields.forEach((field, value) -> rows.addAll(
                    List.of(id, field.key(), value.source().name(), value.confidence())));
            jdbc.sql("INSERT INTO notification_field (notification_id, field_key, source, confidence) VALUES "
                            + String.join(", ", java.util.Collections.nCopies(fields.size(), "(?, ?, ?, ?)")))
                    .params(rows).update();
        }
        return id;
    }

    public Optional<Stored> findByReference(String reference) {
        return jdbc.sql("SELECT * FROM notification WHERE reference = ?").param(reference)
                .query((rs, n) -> read(rs)).optional();
    }

    public List<Envelope> list(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ENVELOPE_COLUMNS + " FROM notification WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        where(filter, sql, params);
        sql.append(" ORDER BY received_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> envelope(rs)).list();
    }

    /** The list's conditions for a filter, appended to a query ending in a WHERE clause. */
    private void where(Filter filter, StringBuilder sql, List<Object> params) {
        if (filter.from() != null) {
            sql.append(" AND received_at >= ?");
            params.add(filter.from().atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (filter.to() != null) {
            sql.append(" AND received_at < ?");
            params.add(filter.to().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (filter.council() != null) {
            sql.append(" AND local_authority = ?");
            params.add(filter.council());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.reviewStatus() != null) {
            sql.append(" AND review_status = ?");
            params.add(filter.reviewStatus().name());
        }
    }

    /** The council and the incident type of each listed notification, for summaries. */
    public Map<Long, Map<FormField, Object>> classification(List<Long> ids) {
        Map<Long, Map<FormField, Object>> result = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT id, local_authority, incident_type, incident_category, incident_date, order_type, mappa "
                        + "FROM notification WHERE id IN (" + ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + ")")
                .params(new ArrayList<Object>(ids))
                .query(rs -> {
                    Map<FormField, Object> values = new EnumMap<>(FormField.class);
                    for (FormField field : List.of(FormField.LOCAL_AUTHORITY, FormField.INCIDENT_TYPE,
                            FormField.INCIDENT_CATEGORY, FormField.INCIDENT_DATE, FormField.ORDER_TYPE, FormField.MAPPA)) {
                        Object value = fromColumn(null, field, rs);
                        if (value != null) {
                            values.put(field, value);
                        }
                    }
                    result.put(rs.getLong("id"), values);
                });
        return result;
    }

    /** The review status of each listed notification, for summaries. */
    public Map<Long, ReviewStatus> reviewStatuses(List<Long> ids) {
        Map<Long, ReviewStatus> result = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT id, review_status FROM notification WHERE id IN ("
                        + ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + ")")
                .params(new ArrayList<Object>(ids))
                .query(rs -> {
                    result.put(rs.getLong("id"), ReviewStatus.valueOf(rs.getString("review_status")));
                });
        return result;
    }

    /** The notification's state after notification (its JSON's {@code review_status}, {@code inspector}, ...). */
    public FollowUp followUp(long id) {
        return jdbc.sql("SELECT n.review_status, n.inspector, n.reminders_paused, l.reference AS linked_reference "
                        + "FROM notification n LEFT JOIN notification l ON l.id = n.linked_notification_id WHERE n.id = ?")
                .param(id)
                .query((rs, n) -> new FollowUp(ReviewStatus.valueOf(rs.getString("review_status")),
                        rs.getString("inspector"), rs.getBoolean("reminders_paused"), rs.getString("linked_reference")))
                .single();
    }

    /** Sets one field's value and provenance (an operator's correction). */
    public void correct(Envelope envelope, FormField field, FieldValue value) {
        jdbc.sql("UPDATE notification SET " + field.key() + " = ? WHERE id = ?")
                .params(toColumn(envelope.reference(), field, value.value()), envelope.id()).update();
        if (field == FormField.INCIDENT_TYPE && value.value() instanceof IncidentType type) {
            jdbc.sql("UPDATE notification SET group_code = ? WHERE id = ?").params(type.group().name(), envelope.id()).update();
        }
        int updated = jdbc.sql("UPDATE notification_field SET source = ?, confidence = ? WHERE notification_id = ? AND field_key = ?")
                .params(value.source().name(), value.confidence(), envelope.id(), field.key()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO notification_field (notification_id, field_key, source, confidence) VALUES (?, ?, ?, ?)")
                    .params(envelope.id(), field.key(), value.source().name(), value.confidence()).update();
        }
    }

    /** The reference of the notification with this id. */
    /** The reference and status of the notification a stored message became, if it became one. */
    public Optional<Map.Entry<String, NotificationStatus>> registeredFrom(long storedMessageId) {
        return jdbc.sql("SELECT reference, status FROM notification WHERE stored_message_id = ?").param(storedMessageId)
                .query((rs, n) -> Map.entry(rs.getString("reference"), NotificationStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    public String referenceOf(long id) {
        return jdbc.sql("SELECT reference FROM notification WHERE id = ?").param(id).query(String.class).single();
    }

    /** The notification's status now, if there is such a notification. */
    public Optional<NotificationStatus> statusOf(long id) {
        return jdbc.sql("SELECT status FROM notification WHERE id = ?").param(id).query(String.class)
                .optional().map(NotificationStatus::valueOf);
    }

    /** Moves a notification from one status to another; answers false when it was not in the first. */
    public boolean changeStatus(long id, NotificationStatus from, NotificationStatus to) {
        return jdbc.sql("UPDATE notification SET status = ? WHERE id = ? AND status = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    /** Keeps the original content (encrypted in the blob store) for the forward. */
    public void keepContent(long id, scot.sirgateway.storage.BlobStore.Content content) {
        jdbc.sql("UPDATE notification SET content_blob_id = ? WHERE id = ?").params(blobs.put(content), id).update();
    }

    /** The original content, if it was kept. */
    public Optional<byte[]> content(long id) {
        return jdbc.sql("SELECT content_blob_id FROM notification WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single().map(blobs::get);
    }

    /** The original content, if it was kept, as its blob's decrypted chunks: the forward reads it as a stream. */
    public Optional<scot.sirgateway.storage.StoredBytes> openContent(long id) {
        return jdbc.sql("SELECT content_blob_id FROM notification WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single().map(blobs::open);
    }

    /**
     * Records the forward; answers false when it was recorded before, or when the notification was withdrawn
     * meanwhile (a withdrawal that lands while its forward is on its way must not be turned back into FORWARDED).
     */
    public boolean markForwarded(long id, OffsetDateTime at) {
        return jdbc.sql("UPDATE notification SET status = ?, forwarded_at = ? WHERE id = ? AND forwarded_at IS NULL "
                        + "AND status <> ?")
                .params(NotificationStatus.FORWARDED.name(), at, id, NotificationStatus.WITHDRAWN.name()).update() == 1;
    }

    /**
     * Puts a forwarded notification back on its forward clock (the forward bounced): REGISTERED again, not
     * forwarded, its forward alert to be raised again. Answers false when it was not FORWARDED.
     */
    public boolean reopenForward(long id) {
        return jdbc.sql("UPDATE notification SET status = ?, forwarded_at = NULL, forward_alerted_at = NULL "
                        + "WHERE id = ? AND status = ?")
                .params(NotificationStatus.REGISTERED.name(), id, NotificationStatus.FORWARDED.name()).update() == 1;
    }

    /** Records the acknowledgement; answers when the notification was received, or empty when recorded before. */
    public Optional<OffsetDateTime> markAcknowledged(long id, OffsetDateTime at) {
        if (jdbc.sql("UPDATE notification SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL")
                .params(at, id).update() == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT received_at FROM notification WHERE id = ?").param(id)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional();
    }

    private Object toColumn(String reference, FormField field, Object value) {
        if (field.identifying()) {
            return cipher.encryptValue(value.toString(), aad(reference, field));
        }
        return value instanceof Enum<?> code ? code.name() : value;
    }

    private Object fromColumn(String reference, FormField field, ResultSet rs) throws SQLException {
        String column = field.key();
        if (field.identifying()) {
            String value = cipher.decryptValue(rs.getBytes(column), aad(reference, field));
            return field.kind() == FormField.Kind.DATE ? isoDateOrAsWritten(value) : value;
        }
        return switch (field.kind()) {
            case DATE -> rs.getObject(column, LocalDate.class);
            case LEVEL -> (Integer) rs.getObject(column, Integer.class);
            case YES_NO -> (Boolean) rs.getObject(column, Boolean.class);
            case INCIDENT_TYPE -> Optional.ofNullable(rs.getString(column)).map(IncidentType::valueOf).orElse(null);
            case ORDER_TYPE -> Optional.ofNullable(rs.getString(column)).map(OrderType::valueOf).orElse(null);
            case TEXT, COUNCIL -> rs.getString(column);
        };
    }

    /** A date kept encrypted (the date of birth) is ISO; one stored before dates of birth were read as dates stays as written. */
    private static Object isoDateOrAsWritten(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return value;
        }
    }

    private static String aad(String reference, FormField field) {
        return StorageCipher.associatedData("notification", reference, field.key());
    }

    private byte[] seal(String reference, String column, String value) {
        return cipher.encryptValue(value, StorageCipher.associatedData("notification", reference, column));
    }

    private String open(ResultSet rs, String column) throws SQLException {
        return cipher.decryptValue(rs.getBytes(column),
                StorageCipher.associatedData("notification", rs.getString("reference"), column));
    }

    private Stored read(ResultSet rs) throws SQLException {
        Envelope envelope = envelope(rs);
        Map<FormField, Object> values = new EnumMap<>(FormField.class);
        for (FormField field : FormField.values()) {
            Object value = fromColumn(envelope.reference(), field, rs);
            if (value != null) {
                values.put(field, value);
            }
        }
        Map<FormField, FieldValue> fields = new EnumMap<>(FormField.class);
        jdbc.sql("SELECT field_key, source, confidence FROM notification_field WHERE notification_id = ?")
                .param(envelope.id())
                .query(r -> {
                    String key = r.getString("field_key");
                    FieldSource source = FieldSource.valueOf(r.getString("source"));
                    double confidence = r.getBigDecimal("confidence").doubleValue();
                    FormField.byLabel(key).ifPresent(field ->
                            fields.put(field, new FieldValue(values.get(field), source, confidence)));
                });
        return new Stored(envelope, values, fields);
    }

    private Envelope envelope(ResultSet rs) throws SQLException {
        return new Envelope(rs.getLong("id"), rs.getString("reference"), NotificationStatus.valueOf(rs.getString("status")),
                rs.getString("source"), rs.getObject("received_at", OffsetDateTime.class), rs.getString("message_id"),
                open(rs, "sender"), open(rs, "signer"), rs.getBoolean("signature_verified"),
                rs.getBoolean("decrypted"), rs.getString("group_code"), (Boolean) rs.getObject("domestic_abuse", Boolean.class),
                (Boolean) rs.getObject("historical", Boolean.class),
                (Boolean) rs.getObject("notified_within_5_working_days", Boolean.class),
                (Integer) rs.getObject("working_days_late", Integer.class),
                rs.getObject("acknowledged_at", OffsetDateTime.class), rs.getObject("forward_due", OffsetDateTime.class),
                rs.getObject("forwarded_at", OffsetDateTime.class), rs.getObject("review_due", LocalDate.class),
                (Long) rs.getObject("stored_message_id", Long.class), layers(open(rs, "layers")));
    }

    private static List<Layer> layers(String json) {
        if (json == null) {
            return List.of();
        }
        return List.of(LAYERS_JSON.readValue(json, Layer[].class));
    }

    /**
     * A search of the list: the API's filter, and besides it the incident type, the source ({@code MAIL} or
     * {@code FORM}) and a reference, exact ({@code SIR-2026-0042}) or a part of one ({@code 0042}); null means any.
     */
    public record Search(Filter filter, IncidentType incidentType, String source, String reference) {
    }

    /** A notification as a list shows it: what the console's tables need, without the envelope's sealed columns. */
    public record Listed(long id, String reference, NotificationStatus status, String source, OffsetDateTime receivedAt,
            String council, IncidentType incidentType, String incidentTypeOther, Integer incidentCategory,
            ReviewStatus reviewStatus, OffsetDateTime acknowledgedAt, OffsetDateTime forwardDue, OffsetDateTime forwardedAt) {
    }

    /** One page of a search and how many notifications the whole search finds. */
    public record Page(List<Listed> rows, long total) {
    }

    /** How many notifications came in from one source with one status now. */
    public record Arrivals(String source, NotificationStatus status, long count) {
    }

    private static final String LISTED_COLUMNS = "id, reference, status, source, received_at, local_authority, "
            + "incident_type, incident_type_other, incident_category, review_status, acknowledged_at, forward_due, forwarded_at";

    /** A page of a search, newest first, with the number found in all. */
    public Page page(Search search, int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM notification WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        where(search.filter(), where, params);
        if (search.incidentType() != null) {
            where.append(" AND incident_type = ?");
            params.add(search.incidentType().name());
        }
        if (search.source() != null) {
            where.append(" AND source = ?");
            params.add(search.source());
        }
        if (search.reference() != null && !search.reference().isBlank()) {
            String reference = search.reference().trim().toUpperCase(java.util.Locale.ROOT);
            if (reference.matches("SIR-[0-9]{4}-[0-9]{4,}")) {
                where.append(" AND reference = ?");
                params.add(reference);
            } else {
                where.append(" AND UPPER(reference) LIKE ? ESCAPE '\\'");
                params.add("%" + reference.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        List<Listed> rows = jdbc.sql("SELECT " + LISTED_COLUMNS + where + " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(paged).query((rs, n) -> listed(rs)).list();
        return new Page(rows, total);
    }

    /** The notifications in this status, oldest first (those waiting longest). */
    public List<Listed> waiting(NotificationStatus status, int limit) {
        return jdbc.sql("SELECT " + LISTED_COLUMNS + " FROM notification WHERE status = ? ORDER BY received_at, id LIMIT ?")
                .params(status.name(), limit).query((rs, n) -> listed(rs)).list();
    }

    /** How many notifications received since this moment there are, by source and status now. */
    public List<Arrivals> arrivedSince(OffsetDateTime since) {
        return jdbc.sql("SELECT source, status, COUNT(*) AS n FROM notification WHERE received_at >= ? "
                        + "GROUP BY source, status ORDER BY source, status")
                .param(since)
                .query((rs, n) -> new Arrivals(rs.getString("source"), NotificationStatus.valueOf(rs.getString("status")),
                        rs.getLong("n")))
                .list();
    }

    private Listed listed(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        return new Listed(rs.getLong("id"), reference, NotificationStatus.valueOf(rs.getString("status")),
                rs.getString("source"), rs.getObject("received_at", OffsetDateTime.class), rs.getString("local_authority"),
                Optional.ofNullable(rs.getString("incident_type")).map(IncidentType::valueOf).orElse(null),
                (String) fromColumn(reference, FormField.INCIDENT_TYPE_OTHER, rs),
                (Integer) rs.getObject("incident_category", Integer.class),
                Optional.ofNullable(rs.getString("review_status")).map(ReviewStatus::valueOf).orElse(null),
                rs.getObject("acknowledged_at", OffsetDateTime.class), rs.getObject("forward_due", OffsetDateTime.class),
                rs.getObject("forwarded_at", OffsetDateTime.class));
    }
}
