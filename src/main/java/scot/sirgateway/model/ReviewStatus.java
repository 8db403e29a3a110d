package scot.sirgateway.model;

/** Where a notification stands after notification (CONTRACT.md). */
public enum ReviewStatus {
    /** no review yet, and the review is not yet due */
    AWAITING_REVIEW,
    /** no review, and its due date has passed */
    REVIEW_OVERDUE,
    /** a review came in and waits for the inspectorate's comment */
    REVIEW_RECEIVED,
    /** every review received has its comment */
    COMMENTED
}
