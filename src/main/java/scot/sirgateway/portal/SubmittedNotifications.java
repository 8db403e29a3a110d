package scot.sirgateway.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Input;
import scot.sirgateway.model.FormDefinition.Section;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.review.Review;
import scot.sirgateway.review.Reviews;

/**
 * A council's submitted notifications as its pages show them: status and review status in words, its answers
 * by the form definition's labels, its reviews. Only the council's own: another council's reference is
 * answered as a missing one.
 */
@Service
class SubmittedNotifications {

    static final DateTimeFormatter WRITTEN_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mma", Locale.UK);

    /** A row of the council's list. */
    record Row(String reference, String received, String status, String reviewDue, String reviewStatus) {
    }

    /** A notification's page. */
    record View(String reference, String received, String status, String reviewDue, String reviewStatus,
            List<Map<String, Object>> sections, List<Map<String, String>> reviews) {
    }

    private final Notifications notifications;
    private final Reviews reviews;
    private final Clock clock;

    SubmittedNotifications(Notifications notifications, Reviews reviews, Clock clock) {
        this.notifications = notifications;
        this.reviews = reviews;
        this.clock = clock;
    }

    List<Row> list(String council) {
        List<Notifications.Envelope> envelopes = notifications.list(
                new Notifications.Filter(null, null, council, null), 200);
        Map<Long, ReviewStatus> statuses = notifications.reviewStatuses(envelopes.stream().map(Notifications.Envelope::id).toList());
        return envelopes.stream().map(e -> new Row(e.reference(), written(e.receivedAt()), words(e.status()),
                written(e.reviewDue()), words(statuses.get(e.id())))).toList();
    }

    Optional<View> find(String reference, String council) {
        return notifications.findByReference(reference)
                .filter(stored -> council.equals(String.valueOf(stored.values().get(FormField.LOCAL_AUTHORITY))))
                .map(stored -> {
                    Notifications.Envelope e = stored.envelope();
                    Map<String, String> values = new LinkedHashMap<>();
                    stored.values().forEach((field, value) -> values.put(field.key(), code(value)));
                    List<Map<String, Object>> sections = new ArrayList<>();
                    for (Section section : FormDefinition.notification().sections()) {
                        List<Map<String, String>> rows = new ArrayList<>();
                        for (Field field : section.fields()) {
                            String words = field.input() == Input.COUNCIL ? council : FieldView.words(field, values.get(field.key()));
                            if (words != null) {
                                rows.add(Map.of("label", field.label(), "value", words));
                            }
                        }
                        sections.add(Map.of("title", section.title(), "rows", rows));
                    }
                    List<Map<String, String>> reviewRows = new ArrayList<>();
                    for (Review review : reviews.of(e.id())) {
                        Map<String, String> row = new LinkedHashMap<>();
                        row.put("name", review.name());
                        row.put("type", review.reviewType() == null ? "Not known yet"
                                : FormDefinition.review().field("review_type").orElseThrow().words(review.reviewType().name()));
                        row.put("received", written(review.receivedAt()));
                        row.put("status", review.commentedAt() != null ? "Commented on by the Care Inspectorate"
                                : review.status() == Review.Status.TRIAGE ? "Being checked by the Care Inspectorate" : "Received");
                        reviewRows.add(row);
                    }
                    ReviewStatus reviewStatus = notifications.followUp(e.id()).reviewStatus();
                    return new View(e.reference(), written(e.receivedAt()), words(e.status()), written(e.reviewDue()),
                            words(reviewStatus), sections, reviewRows);
                });
    }

    private static String code(Object value) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Enum<?> en) {
            return en.name();
        }
        return value == null ? null : String.valueOf(value);
    }

    private String written(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(clock.getZone()).format(WRITTEN_TIME)
                .replace("AM", "am").replace("PM", "pm");
    }

    private static String written(LocalDate date) {
        return date == null ? "Not set" : date.format(FieldView.WRITTEN_DATE);
    }

    static String words(NotificationStatus status) {
        if (status == null) {
            return "Unknown";
        }
        return switch (status) {
            case TRIAGE -> "Being checked by the Care Inspectorate";
            case REGISTERED -> "Received";
            case FORWARDED -> "Received and sent to Scottish Government";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    static String words(ReviewStatus status) {
        if (status == null) {
            return "Not known";
        }
        return switch (status) {
            case AWAITING_REVIEW -> "Review not yet due";
            case REVIEW_OVERDUE -> "Review overdue";
            case REVIEW_RECEIVED -> "Review received";
            case COMMENTED -> "Review commented on";
        };
    }
}
