package scot.sirgateway.deadline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.support.TestSmime;

/** What the reminder tests put in place: signed notifications, notifications written straight to the table, reviews, requests, accounts. */
final class ReminderFixtures {

    private ReminderFixtures() {
    }

    /** A complete notification of the demo council, signed with its certificate (so it is registered, not in triage). */
    static byte[] signedNotification(String sender, String messageId, Map<String, String> form) throws Exception {
        StringBuilder text = new StringBuilder();
        form.forEach((k, v) -> text.append(k).append(": ").append(v).append("\r\n"));
        return TestSmime.signedMail(sender, TestSmime.demoCouncil(), text.toString(), Map.of("Message-ID", messageId));
    }

    /** A notification written straight to the table (no mail, no events): only its clocks matter. */
    static long insertNotification(Notifications notifications, String reference, NotificationStatus status,
            OffsetDateTime receivedAt, LocalDate reviewDue, OffsetDateTime forwardDue, String council, String notifierEmail) {
        Map<FormField, FieldValue> fields = new EnumMap<>(FormField.class);
        if (council != null) {
            fields.put(FormField.LOCAL_AUTHORITY, new FieldValue(council, FieldSource.FORM_FIELD, 1.0));
        }
        if (notifierEmail != null) {
            fields.put(FormField.NOTIFIER_EMAIL, new FieldValue(notifierEmail, FieldSource.FORM_FIELD, 1.0));
        }
        return notifications.insert(new Notifications.Envelope(0, reference, status, "MAIL", receivedAt, null, null, null,
                true, false, null, null, null, null, null, null, forwardDue,
                status == NotificationStatus.FORWARDED ? receivedAt : null, reviewDue, null, List.of()), fields);
    }

    /** A review of the notification (seq), received at the time given, its comment due on the day given; answers its id. */
    static long insertReview(JdbcClient jdbc, long notificationId, int seq, OffsetDateTime receivedAt, LocalDate commentDue) {
        jdbc.sql("INSERT INTO review (notification_id, seq, status, source, received_at, comment_due, created_at) "
                        + "VALUES (?, ?, 'RECEIVED', 'MAIL', ?, ?, ?)")
                .params(notificationId, seq, receivedAt, commentDue, receivedAt).update();
        return jdbc.sql("SELECT id FROM review WHERE notification_id = ? AND seq = ?").params(notificationId, seq)
                .query(Long.class).single();
    }

    /** A request for information (seq) made at the time given, due on the day given; answers its id. */
    static long insertRequest(JdbcClient jdbc, long notificationId, int seq, OffsetDateTime requestedAt, LocalDate due) {
        jdbc.sql("INSERT INTO information_request (notification_id, seq, requested_at, requested_by, due) "
                        + "VALUES (?, ?, ?, 'operator', ?)")
                .params(notificationId, seq, requestedAt, due).update();
        return jdbc.sql("SELECT id FROM information_request WHERE notification_id = ? AND seq = ?")
                .params(notificationId, seq).query(Long.class).single();
    }

    /** An inspector account with the address its reminders go to (sealed as shared11.md says). */
    static void insertInspector(JdbcClient jdbc, StorageCipher cipher, String username, String email) {
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at, email) "
                        + "VALUES (?, 'x', 'INSPECTOR', TRUE, ?, ?)")
                .params(username, OffsetDateTime.now(), email == null ? null : cipher.encryptValue(email,
                        StorageCipher.associatedData("operator_account", username, "email")))
                .update();
    }
}
