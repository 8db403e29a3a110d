package scot.sirgateway.review;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.calendar.NotificationClocks;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.extract.DocumentText;
import scot.sirgateway.extract.ExtractProperties;
import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.register.Timeline;

/**
 * The one way a review enters the gateway, whoever brings it (a council's mail, an operator, and next a
 * council's own API or form): in the caller's transaction it locks the notification, numbers the review
 * (r1, r2, ... per notification; a comprehensive review after an initial one is its own entry), stores it
 * with its keys' provenance and its document, sets its comment clock (one calendar month after the day
 * of receipt, the same day number or the month's last day, moved to the next working day when it is not
 * one), puts the notification's {@code review_status} to {@code REVIEW_RECEIVED} and writes
 * {@code REVIEW_RECEIVED} on the timeline. A review with an unsure or unreadable value, or without its
 * type, waits in {@code TRIAGE} for an operator. So does a review mailed by a sender no signature verified:
 * it leaves {@code review_status} as it was, counts for no clock ({@link Reviews#COUNTS_FOR_CLOCKS}) and
 * alerts the operators, until an operator releases it.
 */
@Component
public class ReviewIntake {

    private static final Logger log = LoggerFactory.getLogger(ReviewIntake.class);

    /**
     * A review as its bringer has it: {@code source} {@code MAIL} or {@code OPERATOR} (how the timeline names
     * it: "by mail", "entered by an operator"); the stored message and Message-ID of a mailed one; the
     * document kept with it (a mail's content, or the document entered) and its name; {@code actor} who
     * brought it (for the timeline); {@code unverifiedSender} when it came by mail that no signature verified
     * (then it waits in TRIAGE and counts for no clock until an operator releases it).
     */
    public record Submitted(long notificationId, String reference, String source, OffsetDateTime receivedAt,
            Long storedMessageId, String messageId, String sender, Map<ReviewKey, FieldValue> values,
            Set<ReviewKey> unreadable, byte[] document, String documentName, String actor, boolean unverifiedSender) {
    }

    /** The alert kind of a review mailed by an unverified sender; one per notification and hour. */
    public static final String UNVERIFIED_REVIEW_ALERT = "REVIEW_UNVERIFIED";
    private static final java.time.Duration ALERT_WINDOW = java.time.Duration.ofHours(1);

    private final Reviews reviews;
    private final Timeline timeline;
    private final OperatorAlerts alerts;
    private final NotificationClocks clocks;
    private final JdbcClient jdbc;
    private final ExtractProperties extractLimits;
    private final IntakeProperties intakeLimits;
    private final Clock clock;

    public ReviewIntake(Reviews reviews, Timeline timeline, NotificationClocks clocks, JdbcClient jdbc,
            ExtractProperties extractLimits, IntakeProperties intakeLimits, OperatorAlerts alerts, Clock clock) {
        this.intakeLimits = intakeLimits;
        this.alerts = alerts;
        this.extractLimits = extractLimits;
        this.reviews = reviews;
        this.timeline = timeline;
        this.clocks = clocks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes the review in, in the caller's transaction; answers it as stored. */
    public Review receive(Submitted submitted) {
        String status = jdbc.sql("SELECT status FROM notification WHERE id = ? FOR UPDATE").param(submitted.notificationId())
                .query(String.class).single();
        if ("WITHDRAWN".equals(status)) {
            throw new ReleaseRefusedException(submitted.reference() + " is WITHDRAWN: it takes no reviews");
        }
        int seq = reviews.nextSeq(submitted.notificationId());
        boolean triage = submitted.unverifiedSender() || !submitted.unreadable().isEmpty() || !submitted.values().containsKey(ReviewKey.REVIEW_TYPE)
                || submitted.values().values().stream().anyMatch(v -> v.confidence() < 1.0);
        Review.Status reviewStatus = triage ? Review.Status.TRIAGE : Review.Status.RECEIVED;
        LocalDate commentDue = clocks.commentDue(submitted.receivedAt());
        reviews.insert(new Reviews.NewReview(submitted.notificationId(), submitted.reference(), seq, reviewStatus,
                submitted.source(), submitted.receivedAt(), submitted.storedMessageId(), submitted.messageId(),
                submitted.sender(), reviews.keep(submitted.document()), submitted.documentName(), submitted.values(),
                commentDue, OffsetDateTime.now(clock), submitted.unverifiedSender()));
        if (submitted.unverifiedSender()) {
            // anyone can forge a council's From: the council's word only once an operator has confirmed it
            alerts.raise(UNVERIFIED_REVIEW_ALERT, "unverified-review:" + submitted.reference(), ALERT_WINDOW,
                    "Unverified review of " + submitted.reference(),
                    "A review of " + submitted.reference() + " came by mail that no signature verifies. It waits in "
                            + "triage and does not stop the council's reminders until an operator has checked with the "
                            + "council that it is theirs and released it (POST /api/notifications/"
                            + submitted.reference() + "/reviews/" + seq + "/release).",
                    submitted.notificationId());
        } else {
            jdbc.sql("UPDATE notification SET review_status = ? WHERE id = ?")
                    .params(ReviewStatus.REVIEW_RECEIVED.name(), submitted.notificationId()).update();
        }
        Object type = submitted.values().containsKey(ReviewKey.REVIEW_TYPE)
                ? submitted.values().get(ReviewKey.REVIEW_TYPE).value() : null;
        String how = "MAIL".equals(submitted.source()) ? "received by mail (stored message " + submitted.storedMessageId() + ")"
                : "FORM".equals(submitted.source()) ? "submitted by " + submitted.actor() + " through a form post (stored message "
                        + submitted.storedMessageId() + ")"
                : "entered by an operator";
        timeline.append(submitted.notificationId(), OffsetDateTime.now(clock), "REVIEW_RECEIVED", "review r" + seq + " ("
                + (type instanceof ReviewType t ? t.name() : "type not known") + ") " + how + "; comment due " + commentDue
                + (triage ? "; in triage: " + triageReasons(submitted) : ""), submitted.actor());
        log.info("review r{} of {} received ({}, {})", seq, submitted.reference(), submitted.source(), reviewStatus);
        return reviews.find(submitted.reference(), seq).orElseThrow();
    }

    /**
     * A review an operator enters (received otherwise: by post, by hand): the keys' values are the operator's,
     * certain; {@code receivedOn} the day it was received (today when null; never in the future, nor before
     * the notification); the document, when given, kept with its name. Unknown reference: {@link
     * NoSuchElementException}; a bad value: {@link IllegalArgumentException} naming the key.
     */
    @Transactional
    public Review enter(String reference, Map<String, String> written, LocalDate receivedOn, byte[] document,
            String documentName, String operator) {
        record Target(long id, OffsetDateTime receivedAt) {
        }
        Target notification = jdbc.sql("SELECT id, received_at FROM notification WHERE reference = ?").param(reference)
                .query((rs, n) -> new Target(rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class)))
                .optional().orElseThrow(() -> new NoSuchElementException("no notification has the reference " + reference));
        Map<ReviewKey, FieldValue> values = new EnumMap<>(ReviewKey.class);
        ReviewRelease.operatorValues(written).forEach((key, value) ->
                values.put(key, new FieldValue(value, FieldSource.OPERATOR, 1.0)));
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(GatewayClock.ZONE).toLocalDate();
        OffsetDateTime receivedAt = now;
        if (receivedOn != null && receivedOn.isAfter(today)) {
            throw new IllegalArgumentException("received_on is after today");
        }
        if (receivedOn != null && receivedOn.isBefore(notification.receivedAt().atZoneSameInstant(GatewayClock.ZONE)
                .toLocalDate())) {
            throw new IllegalArgumentException("received_on is before the notification was received");
        }
        if (receivedOn != null && !receivedOn.equals(today)) {
            receivedAt = receivedOn.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        }
        if (document != null) {
            if (documentName == null || documentName.isBlank()) {
                throw new IllegalArgumentException("document_name is needed with the document (e.g. review.pdf)");
            }
            if (documentName.length() > ReviewRelease.MAX_TEXT_CHARS) {
                throw new IllegalArgumentException("document_name is " + documentName.length() + " characters long; at most "
                        + ReviewRelease.MAX_TEXT_CHARS);
            }
            if (document.length > intakeLimits.maxMessageBytes()) {
                throw new IllegalArgumentException("document is " + document.length + " bytes, over the limit of "
                        + intakeLimits.maxMessageBytes() + " (gateway.mail.intake.max-message-bytes), as a mailed review's");
            }
            if (DocumentText.declared(null, documentName) == null) {
                throw new IllegalArgumentException("document_name does not name a document the gateway reads "
                        + "(PDF, Word, ODT, RTF, HTML or text)");
            }
            if (document.length > extractLimits.maxDocumentBytes()) {
                throw new IllegalArgumentException("document is " + document.length + " bytes, over the limit of "
                        + extractLimits.maxDocumentBytes() + " (gateway.extract.max-document-bytes)");
            }
        }
        return receive(new Submitted(notification.id(), reference, "OPERATOR", receivedAt, null, null, null, values,
                Set.of(), document, document == null ? null : documentName, operator, false));
    }

    /** What an operator must confirm, by key names only. */
    private static String triageReasons(Submitted submitted) {
        StringBuilder reasons = new StringBuilder(submitted.unverifiedSender() ? "unverified sender" : "");
        if (!submitted.values().containsKey(ReviewKey.REVIEW_TYPE)) {
            reasons.append(reasons.isEmpty() ? "" : "; ").append("review_type missing");
        }
        String unsure = submitted.values().entrySet().stream().filter(e -> e.getValue().confidence() < 1.0)
                .map(e -> e.getKey().key()).collect(Collectors.joining(", "));
        if (!unsure.isEmpty()) {
            reasons.append(reasons.isEmpty() ? "" : "; ").append("unsure: ").append(unsure);
        }
        String unreadable = submitted.unreadable().stream().map(ReviewKey::key).collect(Collectors.joining(", "));
        if (!unreadable.isEmpty()) {
            reasons.append(reasons.isEmpty() ? "" : "; ").append("unreadable: ").append(unreadable);
        }
        return reasons.toString();
    }
}
