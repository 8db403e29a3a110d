package scot.sirgateway.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;

/**
 * A review of a notification as stored: {@code seq} is its number within the notification (r1, r2), the
 * {@code id} of the API; {@code fields} where each key's value came from and how sure the gateway is.
 */
public record Review(long id, long notificationId, String reference, int seq, Status status, String source,
        OffsetDateTime receivedAt, String messageId, ReviewType reviewType, String reviewerName, String reviewerRole,
        String signoffName, SignoffRole signoffRole, LocalDate signoffDate, LocalDate commentDue,
        OffsetDateTime commentedAt, String commentedBy, Map<ReviewKey, FieldValue> fields) {

    /** Where a review stands: an operator confirms unsure values of one in TRIAGE. */
    public enum Status {
        RECEIVED, TRIAGE
    }

    /** How the timeline and replies name it: "r2". */
    public String name() {
        return "r" + seq;
    }

    /** The typed value of a key, or null. */
    public Object value(ReviewKey key) {
        return switch (key) {
            case REVIEW_TYPE -> reviewType;
            case REVIEWER_NAME -> reviewerName;
            case REVIEWER_ROLE -> reviewerRole;
            case SIGNOFF_NAME -> signoffName;
            case SIGNOFF_ROLE -> signoffRole;
            case SIGNOFF_DATE -> signoffDate;
        };
    }
}
