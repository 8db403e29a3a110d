package scot.sirgateway.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.register.Timeline;

/**
 * The inspectorate's comment on a review (DOMAIN.md): its text (sealed) and every finding the national
 * report counts, {@code iar_sufficient} for an initial analysis review only. Recording it stops the review's
 * comment clock ({@code commented_at}); once every review of the notification has its comment, the
 * notification's {@code review_status} is {@code COMMENTED}. A review has one comment; one in triage must be
 * confirmed by an operator first.
 */
@Component
public class ReviewComments {

    /** A comment's text is at most this long, as a request for information's question. */
    static final int MAX_TEXT_CHARS = 20_000;

    private static final Logger log = LoggerFactory.getLogger(ReviewComments.class);

    private final Reviews reviews;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ReviewComments(Reviews reviews, Timeline timeline, JdbcClient jdbc, Clock clock) {
        this.reviews = reviews;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Review comment(String reference, int seq, Reviews.Comment comment, String inspector) {
        Review review = reviews.find(reference, seq).orElseThrow(() -> new NoSuchElementException(
                reference + " has no review r" + seq));
        if (review.commentedAt() != null) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " was already commented on");
        }
        if (review.status() == Review.Status.TRIAGE) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " is in TRIAGE: an operator "
                    + "confirms it first (POST .../reviews/" + seq + "/release)");
        }
        List<String> problems = new ArrayList<>();
        if (comment.text() == null || comment.text().isBlank()) {
            problems.add("text is missing");
        } else if (comment.text().length() > MAX_TEXT_CHARS) {
            problems.add("text is " + comment.text().length() + " characters long; at most " + MAX_TEXT_CHARS);
        }
        missing(problems, "risk_assessment_evident", comment.riskAssessmentEvident());
        missing(problems, "risk_assessment_up_to_date", comment.riskAssessmentUpToDate());
        missing(problems, "lscmi_used", comment.lscmiUsed());
        missing(problems, "rmp_referred", comment.rmpReferred());
        missing(problems, "order_reviews_referred", comment.orderReviewsReferred());
        missing(problems, "additional_information_requested", comment.additionalInformationRequested());
        if (review.reviewType() == ReviewType.IAR) {
            missing(problems, "iar_sufficient", comment.iarSufficient());
        } else if (comment.iarSufficient() != null) {
            problems.add("iar_sufficient is for an initial analysis review (IAR) only; r" + seq + " is "
                    + review.reviewType());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!reviews.comment(review, comment, inspector, now)) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " was commented on by someone "
                    + "else just now");
        }
        timeline.append(review.notificationId(), now, "COMMENTED", "review r" + seq + " commented on", inspector);
        if (reviews.uncommented(review.notificationId()) == 0) {
            jdbc.sql("UPDATE notification SET review_status = ? WHERE id = ?")
                    .params(ReviewStatus.COMMENTED.name(), review.notificationId()).update();
        }
        log.info("review r{} of {} commented on", seq, reference);
        return reviews.find(reference, seq).orElseThrow();
    }

    private static void missing(List<String> problems, String finding, Boolean value) {
        if (value == null) {
            problems.add(finding + " is missing (true or false)");
        }
    }
}
