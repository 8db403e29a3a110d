package scot.sirgateway.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.classify.FormValues;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.register.Timeline;

/**
 * An operator confirms a review in {@code TRIAGE}, as a notification is released: corrects what needs
 * correcting (each correction on the timeline with who and when, never the value) and releases it as
 * {@code RECEIVED}. A review still without its type is not released. A review mailed by an unverified
 * sender becomes the council's review (its {@code review_status}, its clocks) only here. Also reads an operator's value of a
 * review key, for every call that takes one.
 */
@Component
public class ReviewRelease {

    /** Names and roles are at most this long, as on the notification form. */
    static final int MAX_TEXT_CHARS = 200;

    private final Reviews reviews;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ReviewRelease(Reviews reviews, Timeline timeline, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Transactional
    public Review release(String reference, int seq, Map<String, String> corrections, String operator) {
        Review review = reviews.find(reference, seq).orElseThrow(() -> new NoSuchElementException(
                reference + " has no review r" + seq));
        if (review.status() != Review.Status.TRIAGE) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " is " + review.status()
                    + ", not in TRIAGE");
        }
        Map<ReviewKey, Object> corrected = operatorValues(corrections);
        if (review.reviewType() == null && !corrected.containsKey(ReviewKey.REVIEW_TYPE)) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " still misses review_type: "
                    + "supply it in the release (IAR or COMPREHENSIVE)");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        corrected.forEach((key, value) -> {
            Object before = review.value(key);
            reviews.correct(review, key, value);
            // the old and the new value, sealed on the timeline like every detail
            timeline.append(review.notificationId(), now, "CORRECTED", "review r" + seq + ": " + key.key()
                    + " corrected: " + written(before) + " -> " + written(value), operator);
        });
        if (!reviews.changeStatus(review.id(), Review.Status.TRIAGE, Review.Status.RECEIVED)) {
            throw new ReleaseRefusedException("review r" + seq + " of " + reference + " was released by someone else just now");
        }
        boolean unverified = reviews.unverifiedSender(review.id());
        if (unverified) {
            // held back at intake: only now is it the council's review, stopping their review clock
            jdbc.sql("UPDATE notification SET review_status = ? WHERE id = ?")
                    .params(ReviewStatus.REVIEW_RECEIVED.name(), review.notificationId()).update();
        }
        timeline.append(review.notificationId(), now, "REVIEW_RELEASED", "review r" + seq + " confirmed and released "
                + "from triage" + (unverified ? " (its sender was unverified: the review clock stops now)" : ""), operator);
        return reviews.find(reference, seq).orElseThrow();
    }

    /**
     * An operator's values of review keys, typed; an unknown key, an empty or too long value, or one the
     * gateway cannot read is an {@link IllegalArgumentException} naming every such key.
     */
    public static Map<ReviewKey, Object> operatorValues(Map<String, String> written) {
        Map<ReviewKey, Object> values = new EnumMap<>(ReviewKey.class);
        List<String> problems = new ArrayList<>();
        written.forEach((name, text) -> {
            Optional<ReviewKey> key = ReviewKey.byKey(name);
            if (key.isEmpty()) {
                problems.add("'" + name + "' is not a review key (review_type, reviewer_name, reviewer_role, "
                        + "signoff_name, signoff_role, signoff_date)");
            } else if (text == null || text.isBlank()) {
                problems.add(name + " is empty");
            } else if (text.length() > MAX_TEXT_CHARS) {
                problems.add(name + " is " + text.length() + " characters long; at most " + MAX_TEXT_CHARS);
            } else {
                Optional<?> value = switch (key.get()) {
                    case REVIEW_TYPE -> ReviewReader.reviewType(text);
                    case SIGNOFF_ROLE -> Optional.of(ReviewReader.signoffRole(text));
                    case SIGNOFF_DATE -> FormValues.date(text);
                    default -> Optional.of(text.trim());
                };
                value.ifPresentOrElse(v -> values.put(key.get(), v), () -> problems.add(name + " has a value the gateway "
                        + "cannot read" + switch (key.get()) {
                            case REVIEW_TYPE -> " (IAR or COMPREHENSIVE)";
                            case SIGNOFF_DATE -> " (a date, yyyy-mm-dd)";
                            default -> "";
                        }));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return values;
    }

    private static String written(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        String text = value instanceof Enum<?> code ? code.name() : value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
