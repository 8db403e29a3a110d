package scot.sirgateway.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.storage.StorageCipher;

/**
 * What follows a notification, as its JSON shows it: its reviews (r1, r2, ...), the requests for
 * information (i1, i2, ...) and every reminder sent or waiting to go. Read from the {@code review},
 * {@code information_request} and {@code reminder} tables (written by the reviews, this package and the
 * reminders) and the outbox's record of when each reminder went; a reminder's recipients are unsealed.
 */
@Component
public class FollowUpRecords {

    /** The inspectorate's findings on a review, in the order of DOMAIN.md. */
    public static final List<String> FINDINGS = List.of("risk_assessment_evident", "risk_assessment_up_to_date",
            "lscmi_used", "rmp_referred", "order_reviews_referred", "iar_sufficient", "additional_information_requested");

    /** A review; {@code findings} empty until it is commented. */
    public record ReviewEntry(int seq, String reviewType, String status, OffsetDateTime receivedAt, String source,
            String signoffRole, LocalDate signoffDate, LocalDate commentDue, OffsetDateTime commentedAt,
            String commentedBy, Map<String, Boolean> findings) {
    }

    /** A request for information; {@code reviewSeq} null when it is about no one review. */
    public record RequestEntry(int seq, Integer reviewSeq, OffsetDateTime requestedAt, LocalDate due,
            OffsetDateTime answeredAt) {
    }

    /**
     * A reminder: {@code at} when it went (or was queued, while it waits), its clock, its step as its Message-ID
     * names it ({@code review-28d}, {@code r2.comment-due}, {@code i1.information-overdue-2}), who it is to,
     * whether it went, and whether it was delivered (false only once a delivery report said it bounced).
     */
    public record ReminderEntry(OffsetDateTime at, String clock, String step, List<String> to, boolean sent,
            boolean delivered) {
    }

    private final JdbcClient jdbc;
    private final StorageCipher cipher;

    public FollowUpRecords(JdbcClient jdbc, StorageCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public List<ReviewEntry> reviews(long notificationId) {
        return jdbc.sql("SELECT * FROM review WHERE notification_id = ? ORDER BY seq").param(notificationId)
                .query((rs, n) -> {
                    Map<String, Boolean> findings = new LinkedHashMap<>();
                    OffsetDateTime commentedAt = rs.getObject("commented_at", OffsetDateTime.class);
                    if (commentedAt != null) {
                        for (String finding : FINDINGS) {
                            findings.put(finding, (Boolean) rs.getObject(finding, Boolean.class));
                        }
                    }
                    return new ReviewEntry(rs.getInt("seq"), rs.getString("review_type"), rs.getString("status"),
                            rs.getObject("received_at", OffsetDateTime.class), rs.getString("source"),
                            rs.getString("signoff_role"), rs.getObject("signoff_date", LocalDate.class),
                            rs.getObject("comment_due", LocalDate.class), commentedAt, rs.getString("commented_by"),
                            findings);
                })
                .list();
    }

    public List<RequestEntry> informationRequests(long notificationId) {
        return jdbc.sql("SELECT i.seq, r.seq AS review_seq, i.requested_at, i.due, i.answered_at FROM information_request i "
                        + "LEFT JOIN review r ON r.id = i.review_id WHERE i.notification_id = ? ORDER BY i.seq")
                .param(notificationId)
                .query((rs, n) -> new RequestEntry(rs.getInt("seq"), (Integer) rs.getObject("review_seq", Integer.class),
                        rs.getObject("requested_at", OffsetDateTime.class), rs.getObject("due", LocalDate.class),
                        rs.getObject("answered_at", OffsetDateTime.class)))
                .list();
    }

    /** Every reminder sent or waiting, oldest first; those nobody could be mailed ({@code NOT_SENT}) are not. */
    public List<ReminderEntry> reminders(long notificationId) {
        return jdbc.sql("SELECT m.clock, m.step, m.step_count, m.message_id, m.recipients, m.delivered, "
                        + "COALESCE(o.sent_at, m.queued_at, m.scheduled_at) AS at, o.sent_at, o.bounced_at, "
                        + "r.seq AS review_seq, i.seq AS request_seq FROM reminder m "
                        + "LEFT JOIN outbox_mail o ON o.message_id = m.message_id "
                        + "LEFT JOIN review r ON m.clock = 'COMMENT' AND r.id = m.subject_id "
                        + "LEFT JOIN information_request i ON m.clock = 'INFORMATION' AND i.id = m.subject_id "
                        + "WHERE m.notification_id = ? AND m.state <> 'NOT_SENT' ORDER BY at, m.id")
                .param(notificationId)
                .query((rs, n) -> {
                    String clock = rs.getString("clock");
                    String name = stepName(rs);
                    String recipients = cipher.decryptValue(rs.getBytes("recipients"),
                            StorageCipher.associatedData("reminder", rs.getString("message_id"), "recipients"));
                    List<String> to = recipients == null ? List.of()
                            : Arrays.stream(recipients.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
                    boolean bounced = Boolean.FALSE.equals(rs.getObject("delivered", Boolean.class))
                            || rs.getObject("bounced_at") != null;
                    return new ReminderEntry(rs.getObject("at", OffsetDateTime.class), clock, name, to,
                            rs.getObject("sent_at") != null, !bounced);
                })
                .list();
    }

    /** A reminder a delivery report said did not arrive, with its notification's reference. */
    public record UndeliveredReminder(String reference, String council, OffsetDateTime at, String clock, String step) {
    }

    /**
     * The reminders that bounced (a delivery report said so), newest first, of notifications not withdrawn: nobody
     * was chased by them.
     */
    public List<UndeliveredReminder> undeliveredReminders(int limit) {
        return jdbc.sql("SELECT n.reference, n.local_authority, m.clock, m.step, m.step_count, "
                        + "COALESCE(o.sent_at, m.queued_at, m.scheduled_at) AS at, r.seq AS review_seq, i.seq AS request_seq "
                        + "FROM reminder m JOIN notification n ON n.id = m.notification_id "
                        + "LEFT JOIN outbox_mail o ON o.message_id = m.message_id "
                        + "LEFT JOIN review r ON m.clock = 'COMMENT' AND r.id = m.subject_id "
                        + "LEFT JOIN information_request i ON m.clock = 'INFORMATION' AND i.id = m.subject_id "
                        + "WHERE n.status <> 'WITHDRAWN' AND m.state <> 'NOT_SENT' "
                        + "AND (m.delivered = FALSE OR o.bounced_at IS NOT NULL) ORDER BY at DESC, m.id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new UndeliveredReminder(rs.getString("reference"), rs.getString("local_authority"),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("clock"), stepName(rs)))
                .list();
    }

    /** A reminder's step as its Message-ID names it ({@code review-28d}, {@code r2.comment-due}, ...). */
    private static String stepName(java.sql.ResultSet rs) throws java.sql.SQLException {
        String step = rs.getString("step");
        String stepName = "overdue".equals(step) ? step + "-" + rs.getInt("step_count") : step;
        return switch (rs.getString("clock")) {
            case "COMMENT" -> "r" + rs.getInt("review_seq") + ".comment-" + stepName;
            case "INFORMATION" -> "i" + rs.getInt("request_seq") + ".information-" + stepName;
            default -> "review-" + stepName;
        };
    }
}
