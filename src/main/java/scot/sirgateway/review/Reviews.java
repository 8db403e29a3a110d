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
}
