package scot.sirgateway.operator;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.review.Review;
import scot.sirgateway.review.ReviewComments;
import scot.sirgateway.review.ReviewIntake;
import scot.sirgateway.review.ReviewRelease;
import scot.sirgateway.review.Reviews;

/**
 * The reviews of a notification: {@code POST /api/notifications/{reference}/reviews} (an operator enters a
 * review received otherwise: the review keys, optional {@code received_on}, optional {@code document} in
 * base64 with its {@code document_name}; 201 with the review), {@code POST .../reviews/{id}/release} (an
 * operator confirms a review in triage, with corrected keys) and {@code POST .../reviews/{id}/comment} (the
 * inspector's comment with its findings). {@code {id}} is the review's number within the notification (r2: 2).
 */
@RestController
@RequestMapping("/api/notifications/{reference}/reviews")
class ReviewApi {

    private static final Set<String> ENTRY_EXTRAS = Set.of("received_on", "document", "document_name");

    private final ReviewIntake intake;
    private final ReviewRelease release;
    private final ReviewComments comments;

    private final CouncilNotificationApi councilApi;
    private final CouncilCallers callers;

    ReviewApi(ReviewIntake intake, ReviewRelease release, ReviewComments comments, CouncilNotificationApi councilApi,
            CouncilCallers callers) {
        this.councilApi = councilApi;
        this.callers = callers;
        this.intake = intake;
        this.release = release;
        this.comments = comments;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> enter(@PathVariable String reference,
            @RequestBody(required = false) Map<String, Object> body, Principal operator,
            @org.springframework.web.bind.annotation.RequestHeader(name = CouncilNotificationApi.IDEMPOTENCY_KEY,
                    required = false) String idempotencyKey) {
        if (operator instanceof org.springframework.security.core.Authentication caller && CouncilCallers.isCouncil(caller)) {
            // a council's own review: through the form submissions, for its own notifications only
            return councilApi.review(reference, body, idempotencyKey, callers.of(caller).orElseThrow(() ->
                    new org.springframework.web.server.ResponseStatusException(HttpStatus.FORBIDDEN,
                            "This council account or token names no council: ask the SIR Gateway team.")));
        }
        Map<String, Object> request = body == null ? Map.of() : body;
        Map<String, String> keys = new LinkedHashMap<>();
        request.forEach((key, value) -> {
            if (!ENTRY_EXTRAS.contains(key)) {
                keys.put(key, text(key, value));
            }
        });
        LocalDate receivedOn = null;
        if (request.get("received_on") != null) {
            try {
                receivedOn = LocalDate.parse(text("received_on", request.get("received_on")));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("received_on is not a date (yyyy-mm-dd)");
            }
        }
        byte[] document = null;
        if (request.get("document") != null) {
            try {
                document = Base64.getMimeDecoder().decode(text("document", request.get("document")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("document is not base64");
            }
        }
        String documentName = request.get("document_name") == null ? null : text("document_name", request.get("document_name"));
        Review review = intake.enter(reference, keys, receivedOn, document, documentName, operator.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(json(review));
    }

    @PostMapping("/{id}/release")
    Map<String, Object> release(@PathVariable String reference, @PathVariable int id,
            @RequestBody(required = false) Map<String, Object> body, Principal operator) {
        Map<String, String> corrections = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((key, value) -> corrections.put(key, value == null ? null : text(key, value)));
        }
        return json(release.release(reference, id, corrections, operator.getName()));
    }

    /** The body of the comment call: the text and the findings of DOMAIN.md. */
    record CommentRequest(String text, Boolean risk_assessment_evident, Boolean risk_assessment_up_to_date,
            Boolean lscmi_used, Boolean rmp_referred, Boolean order_reviews_referred, Boolean iar_sufficient,
            Boolean additional_information_requested) {
    }

    @PostMapping("/{id}/comment")
    Map<String, Object> comment(@PathVariable String reference, @PathVariable int id,
            @RequestBody(required = false) CommentRequest body, Principal inspector) {
        CommentRequest c = body == null ? new CommentRequest(null, null, null, null, null, null, null, null) : body;
        return json(comments.comment(reference, id, new Reviews.Comment(c.text(), c.risk_assessment_evident(),
                c.risk_assessment_up_to_date(), c.lscmi_used(), c.rmp_referred(), c.order_reviews_referred(),
                c.iar_sufficient(), c.additional_information_requested()), inspector.getName()));
    }

    /** A value of the body as text; objects and lists are not values. */
    private static String text(String key, Object value) {
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            throw new IllegalArgumentException(key + " must be a single value, not an object or a list");
        }
        return value == null ? null : value.toString();
    }

    /** A review as the API shows it (CONTRACT.md): codes by name, dates ISO, times with the UK offset. */
    static Map<String, Object> json(Review review) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", review.seq());
        json.put("review_type", review.reviewType() == null ? null : review.reviewType().name());
        json.put("status", review.status().name());
        json.put("received_at", NotificationJson.time(review.receivedAt()));
        json.put("reviewer_role", review.reviewerRole());
        json.put("signoff_role", review.signoffRole() == null ? null : review.signoffRole().name());
        json.put("signoff_date", review.signoffDate() == null ? null : review.signoffDate().toString());
        json.put("comment_due", review.commentDue().toString());
        json.put("commented_at", NotificationJson.time(review.commentedAt()));
        Map<String, Object> fields = new LinkedHashMap<>();
        review.fields().forEach((key, value) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("source", value.source().name());
            field.put("confidence", value.confidence());
            fields.put(key.key(), field);
        });
        json.put("fields", fields);
        return json;
    }
}
