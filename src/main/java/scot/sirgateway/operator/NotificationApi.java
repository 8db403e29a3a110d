package scot.sirgateway.operator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.followup.FollowUpRecords;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;

/**
 * {@code GET /api/notifications} (filtered by period, council, status and review status),
 * {@code GET /api/notifications/{reference}} (with its reviews, requests and reminders), the release from triage,
 * an operator's re-send of the forward and the withdrawal of a forged or withdrawn notification.
 * The operators' view carries {@code audit}: every earlier view of the notification and every change made to it
 * through the API, oldest first ({@link NotificationAudit}); the timeline stays the notification's own history.
 * A council's view has neither.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationApi {

    private static final int MAX_LISTED = 1000;

    private final Notifications notifications;
    private final Timeline timeline;
    private final CouncilRegistry councils;
    private final scot.sirgateway.register.NotificationRelease release;
    private final scot.sirgateway.forward.GovernmentForward forward;
    private final scot.sirgateway.register.NotificationWithdrawal withdrawal;
    private final FollowUpRecords records;
    private final CouncilNotificationApi councilApi;
    private final CouncilCallers callers;

    private final scot.sirgateway.signin.AuditTrail audit;

    NotificationApi(Notifications notifications, Timeline timeline, CouncilRegistry councils,
            scot.sirgateway.register.NotificationRelease release, scot.sirgateway.forward.GovernmentForward forward,
            scot.sirgateway.register.NotificationWithdrawal withdrawal, FollowUpRecords records,
            CouncilNotificationApi councilApi, CouncilCallers callers, scot.sirgateway.signin.AuditTrail audit) {
        this.audit = audit;
        this.councilApi = councilApi;
        this.callers = callers;
        this.records = records;
        this.forward = forward;
        this.withdrawal = withdrawal;
        this.notifications = notifications;
        this.timeline = timeline;
        this.councils = councils;
        this.release = release;
    }

    @GetMapping
    List<Map<String, Object>> list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String council,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(name = "review_status", required = false) String reviewStatus) {
        String councilName = null;
        if (council != null && !council.isBlank()) {
            councilName = councils.byName(council).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "council '" + council + "' is not a council the gateway knows")).name();
        }
        List<Notifications.Envelope> listed = notifications.list(
                new Notifications.Filter(from, to, councilName, status, reviewStatus(reviewStatus)), MAX_LISTED);
        List<Long> ids = listed.stream().map(Notifications.Envelope::id).toList();
        var classification = notifications.classification(ids);
        var reviewStatuses = notifications.reviewStatuses(ids);
        return listed.stream().map(e -> NotificationJson.summary(e, classification.getOrDefault(e.id(), Map.of()),
                reviewStatuses.get(e.id()))).toList();
    }

    /** The review_status filter: null when not given, 400 naming the four values when unreadable. */
    private static ReviewStatus reviewStatus(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ReviewStatus.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'review_status' must be one of "
                    + java.util.Arrays.stream(ReviewStatus.values()).map(Enum::name)
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /**
     * {@code POST /api/notifications/{reference}/release}: the body holds the corrected fields as form
     * keys and values (any may be left out); the notification leaves TRIAGE as REGISTERED.
     */
    @org.springframework.web.bind.annotation.PostMapping("/{reference}/release")
    Map<String, Object> release(@PathVariable String reference,
            @org.springframework.web.bind.annotation.RequestBody(required = false) Map<String, Object> corrections,
            java.security.Principal operator) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        if (corrections != null) {
            corrections.forEach((key, value) -> texts.put(key, value == null ? null
                    : value instanceof Boolean b ? (b ? "yes" : "no") : value.toString()));
        }
        release.release(reference, texts, operator.getName());
        NotificationAudit.detail(texts.isEmpty() ? "released without corrections"
                : "released; corrected fields: " + String.join(", ", texts.keySet()));
        return one(reference);
    }

    /** The body of the withdraw call. */
    record WithdrawRequest(String reason) {
    }

    /**
     * {@code POST /api/notifications/{reference}/withdraw}: an operator rejects the notification (forged,
     * a duplicate, withdrawn by the council) with a reason; it becomes WITHDRAWN, audited on its timeline.
     */
    @org.springframework.web.bind.annotation.PostMapping("/{reference}/withdraw")
    Map<String, Object> withdraw(@PathVariable String reference,
            @org.springframework.web.bind.annotation.RequestBody(required = false) WithdrawRequest request,
            java.security.Principal operator) {
        withdrawal.withdraw(reference, request == null ? null : request.reason(), operator.getName());
        return one(reference);
    }

    /** {@code POST /api/notifications/{reference}/forward}: an operator's deliberate re-send to Scottish Government. */
    @org.springframework.web.bind.annotation.PostMapping("/{reference}/forward")
    org.springframework.http.ResponseEntity<Map<String, Object>> resend(@PathVariable String reference,
            java.security.Principal operator) {
        try {
            forward.resend(reference, operator.getName());
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        return org.springframework.http.ResponseEntity.accepted().body(Map.of("reference", reference, "state", "RESEND_QUEUED"));
    }

    /** One notification: the full view for the inspectorate, the council's own view for a council caller. */
    @GetMapping("/{reference}")
    Map<String, Object> one(@PathVariable String reference, org.springframework.security.core.Authentication caller) {
        if (CouncilCallers.isCouncil(caller)) {
            NotificationAudit.detail("the council's view");
            return councilApi.view(reference, callers.of(caller).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "This council account or token names no council: ask the SIR Gateway team.")));
        }
        return one(reference);
    }

    private Map<String, Object> one(String reference) {
        Notifications.Stored stored = notifications.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no notification has the reference " + (reference.matches("SIR-\\d{4}-\\d{4,}") ? reference
                                : "given (references look like SIR-2026-0042)")));
        long id = stored.envelope().id();
        var followUp = new NotificationJson.FollowUp(notifications.followUp(id), records.reviews(id),
                records.informationRequests(id), records.reminders(id));
        Map<String, Object> json = NotificationJson.detail(stored, followUp, timeline.of(id));
        json.put("audit", NotificationJson.audit(audit.ofReference(stored.envelope().reference())));
        return json;
    }
}
