package scot.sirgateway.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;
import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.storage.StorageCipher;

/**
 * The {@code review} and {@code review_field} tables. Names, roles, the sender, the document's name and
 * the comment's text are sealed, bound to the review ({@code SIR-2026-0042.r2}) and the column, so a
 * value cannot be moved to another review or column; the type, the sign-off role's code and dates are
 * kept in clear for the national figures.
 */
@Repository
public class Reviews {

    /** A new review's row. */
    record NewReview(long notificationId, String reference, int seq, Review.Status status, String source,
            OffsetDateTime receivedAt, Long storedMessageId, String messageId, String sender, String documentBlobId,
            String documentName, Map<ReviewKey, FieldValue> values, LocalDate commentDue, OffsetDateTime createdAt,
            boolean unverifiedSender) {
    }

    /** The inspectorate's comment with its findings. */
    public record Comment(String text, Boolean riskAssessmentEvident, Boolean riskAssessmentUpToDate, Boolean lscmiUsed,
            Boolean rmpReferred, Boolean orderReviewsReferred, Boolean iarSufficient,
            Boolean additionalInformationRequested) {
    }

    /**
     * The SQL condition (on a {@code review} aliased {@code r}) under which a review counts for the clocks: it
     * stops the notification's review clock and runs its own comment clock. A review mailed by an unverified
     * sender (anyone can forge a council's From) counts only once an operator has released it from TRIAGE,
     * so a forged review cannot silence the council's reminders.
     */
    public static final String COUNTS_FOR_CLOCKS = "NOT (r.status = 'TRIAGE' AND r.unverified_sender)";

    private static final String SELECT = "SELECT r.*, n.reference FROM review r JOIN notification n ON n.id = r.notification_id ";

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final BlobStore blobs;

    public Reviews(JdbcClient jdbc, StorageCipher cipher, BlobStore blobs) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.blobs = blobs;
    }

    /** The next review number of a notification; the caller holds the notification's row lock. */
    int nextSeq(long notificationId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM review WHERE notification_id = ?").param(notificationId)
                .query(Integer.class).single();
    }

    long insert(NewReview r) {
        var keys = new GeneratedKeyHolder();
        String row = r.reference() + ".r" + r.seq();
        Map<ReviewKey, FieldValue> v = r.values();
        jdbc.sql("INSERT INTO review (notification_id, seq, status, source, received_at, stored_message_id, message_id, "
                        + "sender, document_blob_id, document_name, review_type, reviewer_name, reviewer_role, signoff_name, "
                        + "signoff_role, signoff_date, comment_due, created_at, unverified_sender) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.notificationId(), r.seq(), r.status().name(), r.source(), r.receivedAt(), r.storedMessageId(),
                        r.messageId(), seal(row, "sender", r.sender()), r.documentBlobId(),
                        seal(row, "document_name", r.documentName()), code(v.get(ReviewKey.REVIEW_TYPE)),
                        seal(row, ReviewKey.REVIEWER_NAME, v), seal(row, ReviewKey.REVIEWER_ROLE, v),
                        seal(row, ReviewKey.SIGNOFF_NAME, v), code(v.get(ReviewKey.SIGNOFF_ROLE)),
                        v.containsKey(ReviewKey.SIGNOFF_DATE) ? v.get(ReviewKey.SIGNOFF_DATE).value() : null,
                        r.commentDue(), r.createdAt(), r.unverifiedSender())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        v.forEach((key, value) -> recordField(id, key, value));
        return id;
    }

    /** A key's value corrected by an operator: certain, source OPERATOR. */
    void correct(Review review, ReviewKey key, Object value) {
        String row = review.reference() + ".r" + review.seq();
        Object column = key.sealed() ? cipher.encryptValue(value.toString(), aad(row, key.key()))
                : value instanceof Enum<?> code ? code.name() : value;
        jdbc.sql("UPDATE review SET " + key.key() + " = ? WHERE id = ?").params(column, review.id()).update();
        jdbc.sql("DELETE FROM review_field WHERE review_id = ? AND field_key = ?").params(review.id(), key.key()).update();
        recordField(review.id(), key, new FieldValue(value, FieldSource.OPERATOR, 1.0));
    }

    /** Moves a review from one status to another; false when it was not in {@code from} (someone else did it). */
    boolean changeStatus(long id, Review.Status from, Review.Status to) {
        return jdbc.sql("UPDATE review SET status = ? WHERE id = ? AND status = ?").params(to.name(), id, from.name())
                .update() == 1;
    }

    /** Whether the review came by mail from a sender no signature verified. */
    boolean unverifiedSender(long id) {
        return jdbc.sql("SELECT unverified_sender FROM review WHERE id = ?").param(id).query(Boolean.class).single();
    }

    /** Records the comment; false when the review already has one. */
    boolean comment(Review review, Comment comment, String inspector, OffsetDateTime at) {
        String row = review.reference() + ".r" + review.seq();
        return jdbc.sql("UPDATE review SET commented_at = ?, commented_by = ?, comment_text = ?, risk_assessment_evident = ?, "
                        + "risk_assessment_up_to_date = ?, lscmi_used = ?, rmp_referred = ?, order_reviews_referred = ?, "
                        + "iar_sufficient = ?, additional_information_requested = ? WHERE id = ? AND commented_at IS NULL")
                .params(at, inspector, cipher.encryptValue(comment.text(), aad(row, "comment_text")),
                        comment.riskAssessmentEvident(), comment.riskAssessmentUpToDate(), comment.lscmiUsed(),
                        comment.rmpReferred(), comment.orderReviewsReferred(), comment.iarSufficient(),
                        comment.additionalInformationRequested(), review.id())
                .update() == 1;
    }

    /** How many reviews of the notification wait for their comment. */
    long uncommented(long notificationId) {
        return jdbc.sql("SELECT COUNT(*) FROM review WHERE notification_id = ? AND commented_at IS NULL")
                .param(notificationId).query(Long.class).single();
    }

    /** The comment's text, decrypted. */
    public Optional<String> commentText(Review review) {
        return jdbc.sql("SELECT comment_text FROM review WHERE id = ?").param(review.id())
                .query((rs, n) -> Optional.ofNullable(cipher.decryptValue(rs.getBytes(1),
                        aad(review.reference() + ".r" + review.seq(), "comment_text"))))
                .single();
    }

    /** The document kept with the review (a mail's content as a MIME entity, or the document entered), if any. */
    public Optional<byte[]> document(Review review) {
        return jdbc.sql("SELECT document_blob_id FROM review WHERE id = ?").param(review.id())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single().map(blobs::get);
    }

    /** Keeps a document encrypted in the blob store; answers its blob id. */
    String keep(byte[] document) {
        return document == null ? null : blobs.put(document);
    }

    public Optional<Review> find(String reference, int seq) {
        return jdbc.sql(SELECT + "WHERE n.reference = ? AND r.seq = ?").params(reference, seq)
                .query((rs, n) -> read(rs)).optional();
    }

    /** A notification's reviews, r1 first. */
    public List<Review> of(long notificationId) {
        return jdbc.sql(SELECT + "WHERE r.notification_id = ? ORDER BY r.seq").param(notificationId)
                .query((rs, n) -> read(rs)).list();
    }

    private void recordField(long reviewId, ReviewKey key, FieldValue value) {
        jdbc.sql("INSERT INTO review_field (review_id, field_key, source, confidence) VALUES (?, ?, ?, ?)")
                .params(reviewId, key.key(), value.source().name(), value.confidence()).update();
    }

    private Review read(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        int seq = rs.getInt("seq");
        String row = reference + ".r" + seq;
        long id = rs.getLong("id");
        Map<ReviewKey, FieldValue> fields = new EnumMap<>(ReviewKey.class);
        ReviewType type = Optional.ofNullable(rs.getString("review_type")).map(ReviewType::valueOf).orElse(null);
        String reviewerName = open(rs, row, "reviewer_name");
        String reviewerRole = open(rs, row, "reviewer_role");
        String signoffName = open(rs, row, "signoff_name");
        SignoffRole role = Optional.ofNullable(rs.getString("signoff_role")).map(SignoffRole::valueOf).orElse(null);
        LocalDate signoffDate = rs.getObject("signoff_date", LocalDate.class);
        Review review = new Review(id, rs.getLong("notification_id"), reference, seq,
                Review.Status.valueOf(rs.getString("status")), rs.getString("source"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getString("message_id"), type, reviewerName,
                reviewerRole, signoffName, role, signoffDate, rs.getObject("comment_due", LocalDate.class),
                rs.getObject("commented_at", OffsetDateTime.class), rs.getString("commented_by"), fields);
        List<Object[]> provenance = new ArrayList<>();
        jdbc.sql("SELECT field_key, source, confidence FROM review_field WHERE review_id = ?").param(id)
                .query(r -> {
                    provenance.add(new Object[] {r.getString(1), r.getString(2), r.getBigDecimal(3).doubleValue()});
                });
        for (Object[] p : provenance) {
            ReviewKey.byKey((String) p[0]).ifPresent(key -> fields.put(key, new FieldValue(review.value(key),
                    FieldSource.valueOf((String) p[1]), (Double) p[2])));
        }
        return review;
    }

    private byte[] seal(String row, ReviewKey key, Map<ReviewKey, FieldValue> values) {
        FieldValue value = values.get(key);
        return value == null || value.value() == null ? null : seal(row, key.key(), value.value().toString());
    }

    private byte[] seal(String row, String column, String value) {
        return value == null ? null : cipher.encryptValue(value, aad(row, column));
    }

    private String open(ResultSet rs, String row, String column) throws SQLException {
        return cipher.decryptValue(rs.getBytes(column), aad(row, column));
    }

    private static String aad(String row, String column) {
        return StorageCipher.associatedData("review", row, column);
    }

    private static Object code(FieldValue value) {
        return value == null || value.value() == null ? null : ((Enum<?>) value.value()).name();
    }

    /**
     * A review on the inspectors' work list with its notification's council ({@code local_authority}) and strategic
     * inspector (a username, or null).
     */
    public record Listed(String reference, int seq, ReviewType reviewType, Review.Status status, OffsetDateTime receivedAt,
            LocalDate commentDue, String council, String inspector) {
    }

    /**
     * The reviews waiting for the inspectorate's comment (received, not in triage, not commented, their notification
     * not withdrawn), the earliest comment due date first.
     */
    public List<Listed> waitingForComment() {
        return listed("r.commented_at IS NULL AND r.status = 'RECEIVED'", "r.comment_due, n.reference, r.seq");
    }

    /** The reviews waiting in triage for an operator to confirm their unsure values, the oldest first. */
    public List<Listed> inTriage() {
        return listed("r.status = 'TRIAGE'", "r.received_at, n.reference, r.seq");
    }

    private List<Listed> listed(String condition, String order) {
        return jdbc.sql("SELECT n.reference, r.seq, r.review_type, r.status, r.received_at, r.comment_due, "
                        + "n.local_authority, n.inspector FROM review r JOIN notification n ON n.id = r.notification_id "
                        + "WHERE n.status <> 'WITHDRAWN' AND " + condition + " ORDER BY " + order)
                .query((rs, i) -> new Listed(rs.getString(1), rs.getInt(2),
                        Optional.ofNullable(rs.getString(3)).map(ReviewType::valueOf).orElse(null),
                        Review.Status.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class),
                        rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8)))
                .list();
    }

    /** A notification whose council's review is due: its council, due date, strategic inspector and review status. */
    public record ReviewDue(String reference, String council, LocalDate reviewDue, String inspector, String reviewStatus) {
    }

    /**
     * The notifications (not withdrawn) whose review is due on or before {@code until} and that have no review
     * counting for the clocks yet: overdue ones included, the earliest due first.
     */
    public List<ReviewDue> reviewsDueBy(LocalDate until) {
        return jdbc.sql("SELECT n.reference, n.local_authority, n.review_due, n.inspector, n.review_status FROM notification n "
                        + "WHERE n.status <> 'WITHDRAWN' AND n.review_due <= ? AND NOT EXISTS (SELECT 1 FROM review r "
                        + "WHERE r.notification_id = n.id AND " + COUNTS_FOR_CLOCKS + ") ORDER BY n.review_due, n.reference")
                .param(until)
                .query((rs, i) -> new ReviewDue(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The name of the document entered with the review (through the API or the web form), decrypted; empty for a mail's. */
    public Optional<String> documentName(Review review) {
        return jdbc.sql("SELECT document_name FROM review WHERE id = ?").param(review.id())
                .query((rs, n) -> Optional.ofNullable(open(rs, review.reference() + ".r" + review.seq(), "document_name")))
                .single();
    }

    /** The inspectorate's comment on the review with its findings, the text decrypted; empty while it has none. */
    public Optional<Comment> commentOf(Review review) {
        if (review.commentedAt() == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT comment_text, risk_assessment_evident, risk_assessment_up_to_date, lscmi_used, rmp_referred, "
                        + "order_reviews_referred, iar_sufficient, additional_information_requested FROM review WHERE id = ?")
                .param(review.id())
                .query((rs, n) -> new Comment(open(rs, review.reference() + ".r" + review.seq(), "comment_text"),
                        bool(rs, 2), bool(rs, 3), bool(rs, 4), bool(rs, 5), bool(rs, 6), bool(rs, 7), bool(rs, 8)))
                .optional();
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
