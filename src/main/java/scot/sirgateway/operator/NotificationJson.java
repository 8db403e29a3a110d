package scot.sirgateway.operator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.followup.FollowUpRecords;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;

/**
 * The JSON shape of CONTRACT.md: form keys as written there (yes/no as booleans, category as a
 * number, dates as {@code yyyy-mm-dd}), timestamps ISO-8601 with the UK offset.
 */
final class NotificationJson {

    private NotificationJson() {
    }

    static Map<String, Object> summary(Notifications.Envelope e, Map<FormField, Object> classification) {
        return summary(e, classification, null);
    }

    /** A notification in the list: its summary fields, with its review status and when the review is due. */
    static Map<String, Object> summary(Notifications.Envelope e, Map<FormField, Object> classification,
            ReviewStatus reviewStatus) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", e.reference());
        json.put("status", e.status().name());
        json.put("received_at", time(e.receivedAt()));
        json.put("source", e.source());
        json.put("local_authority", classification.get(FormField.LOCAL_AUTHORITY));
        json.put("incident_type", value(classification.get(FormField.INCIDENT_TYPE)));
        json.put("incident_category", classification.get(FormField.INCIDENT_CATEGORY));
        json.put("incident_date", value(classification.get(FormField.INCIDENT_DATE)));
        json.put("order_type", value(classification.get(FormField.ORDER_TYPE)));
        json.put("mappa", classification.get(FormField.MAPPA));
        json.put("group", e.group());
        json.put("signature_verified", e.signatureVerified());
        json.put("acknowledged_at", time(e.acknowledgedAt()));
        json.put("forward_due", time(e.forwardDue()));
        json.put("forwarded_at", time(e.forwardedAt()));
        json.put("review_due", value(e.reviewDue()));
        json.put("review_status", value(reviewStatus));
        return json;
    }

    /** What follows the notification, for its JSON: its state and the rows of its reviews, requests, reminders. */
    record FollowUp(Notifications.FollowUp state, List<FollowUpRecords.ReviewEntry> reviews,
            List<FollowUpRecords.RequestEntry> informationRequests, List<FollowUpRecords.ReminderEntry> reminders) {
    }

    static Map<String, Object> detail(Notifications.Stored n, FollowUp followUp, List<Timeline.Event> events) {
        Notifications.Envelope e = n.envelope();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", e.reference());
        json.put("status", e.status().name());
        for (FormField field : FormField.values()) {
            json.put(field.key(), value(n.values().get(field)));
        }
        json.put("group", e.group());
        json.put("received_at", time(e.receivedAt()));
        json.put("source", e.source());
        json.put("message_id", e.messageId());
        json.put("sender", e.sender());
        json.put("signer", e.signer());
        json.put("signature_verified", e.signatureVerified());
        json.put("decrypted", e.decrypted());
        json.put("layers", e.layers().stream().map(NotificationJson::layer).toList());
        json.put("domestic_abuse", e.domesticAbuse());
        json.put("historical", e.historical());
        json.put("notified_within_5_working_days", e.notifiedWithin5WorkingDays());
        json.put("working_days_late", e.workingDaysLate());
        json.put("acknowledged_at", time(e.acknowledgedAt()));
        json.put("forward_due", time(e.forwardDue()));
        json.put("forwarded_at", time(e.forwardedAt()));
        json.put("review_due", value(e.reviewDue()));
        json.put("review_status", value(followUp.state().reviewStatus()));
        json.put("inspector", followUp.state().inspector());
        json.put("reminders_paused", followUp.state().remindersPaused());
        json.put("linked_reference", followUp.state().linkedReference());
        json.put("reviews", followUp.reviews().stream().map(NotificationJson::review).toList());
        json.put("information_requests", followUp.informationRequests().stream().map(NotificationJson::request).toList());
        json.put("reminders", followUp.reminders().stream().map(NotificationJson::reminder).toList());
        Map<String, Object> fields = new LinkedHashMap<>();
        n.fields().forEach((field, fv) -> fields.put(field.key(), field(fv)));
        json.put("fields", fields);
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Timeline.Event event : events) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", time(event.at()));
            item.put("type", event.type());
            item.put("detail", event.detail());
            item.put("actor", event.actor());
            timeline.add(item);
        }
        json.put("timeline", timeline);
        return json;
    }

    /** The audit trail of a notification as the operators' JSON shows it: {@code at, actor, action, detail}. */
    static List<Map<String, Object>> audit(List<scot.sirgateway.signin.AuditTrail.Event> events) {
        List<Map<String, Object>> audit = new ArrayList<>();
        for (scot.sirgateway.signin.AuditTrail.Event event : events) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", time(event.at()));
            item.put("actor", event.actor());
            item.put("action", event.action());
            item.put("detail", event.detail());
            audit.add(item);
        }
        return audit;
    }

    /**
     * What a council sees of its own notification (CONTRACT.md): the form's values, the status, the clocks, the
     * review status and its reviews. Built from a list of its own, so no operator field (layers, timeline,
     * the fields' sources, sender, signer, Message-ID, the inspector, the reminders' addresses) can slip in.
     */
    static Map<String, Object> councilView(Notifications.Stored n, FollowUp followUp) {
        Notifications.Envelope e = n.envelope();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", e.reference());
        json.put("status", e.status().name());
        for (FormField field : FormField.values()) {
            json.put(field.key(), value(n.values().get(field)));
        }
        json.put("received_at", time(e.receivedAt()));
        json.put("source", e.source());
        json.put("notified_within_5_working_days", e.notifiedWithin5WorkingDays());
        json.put("working_days_late", e.workingDaysLate());
        json.put("acknowledged_at", time(e.acknowledgedAt()));
        json.put("forward_due", time(e.forwardDue()));
        json.put("forwarded_at", time(e.forwardedAt()));
        json.put("review_due", value(e.reviewDue()));
        json.put("review_status", value(followUp.state().reviewStatus()));
        json.put("reviews", followUp.reviews().stream().map(NotificationJson::reviewAsCouncilSeesIt).toList());
        return json;
    }

    /** A review as its council sees it: no inspector's name, no findings. */
    private static Map<String, Object> reviewAsCouncilSeesIt(FollowUpRecords.ReviewEntry r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.seq());
        json.put("review_type", r.reviewType());
        json.put("status", r.status());
        json.put("received_at", time(r.receivedAt()));
        json.put("source", r.source());
        json.put("signoff_role", r.signoffRole());
        json.put("signoff_date", value(r.signoffDate()));
        json.put("comment_due", value(r.commentDue()));
        json.put("commented_at", time(r.commentedAt()));
        return json;
    }

    private static Map<String, Object> review(FollowUpRecords.ReviewEntry r) {
        Map<String, Object> json = reviewAsCouncilSeesIt(r);
        json.put("commented_by", r.commentedBy());
        json.putAll(r.findings());
        return json;
    }

    private static Map<String, Object> request(FollowUpRecords.RequestEntry r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.seq());
        json.put("review_id", r.reviewSeq());
        json.put("requested_at", time(r.requestedAt()));
        json.put("due", value(r.due()));
        json.put("answered_at", time(r.answeredAt()));
        return json;
    }

    private static Map<String, Object> reminder(FollowUpRecords.ReminderEntry r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", time(r.at()));
        json.put("clock", r.clock());
        json.put("step", r.step());
        json.put("to", r.to());
        json.put("sent", r.sent());
        json.put("delivered", r.delivered());
        return json;
    }

    private static Map<String, Object> layer(scot.sirgateway.model.Layer layer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", layer.kind().name());
        json.put("algorithm", layer.algorithm());
        json.put("key", layer.key());
        json.put("signer", layer.signer());
        json.put("verified", layer.verified());
        json.put("reason", layer.reason());
        return json;
    }

    private static Map<String, Object> field(FieldValue fv) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value(fv.value()));
        json.put("source", fv.source().name());
        json.put("confidence", fv.confidence());
        return json;
    }

    /** Codes by name, dates ISO; numbers and booleans as they are. */
    private static Object value(Object value) {
        if (value instanceof Enum<?> code) {
            return code.name();
        }
        if (value instanceof java.time.LocalDate date) {
            return date.toString();
        }
        return value;
    }

    static String time(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(GatewayClock.ZONE).toOffsetDateTime().toString();
    }
}
