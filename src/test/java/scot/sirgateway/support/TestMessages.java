package scot.sirgateway.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Mails as councils' clients write them, built byte for byte. */
public final class TestMessages {

    private TestMessages() {
    }

    public static String newMessageId(String domain) {
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    /** A complete set of form values, each made unique by {@code marker} so a test can look for it. */
    public static Map<String, String> completeForm(String marker) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("local_authority", "Demo Council");
        form.put("notifier_name", "Notifier " + marker);
        form.put("notifier_role", "Team Leader");
        form.put("notifier_email", "notifier@demo-council.test");
        form.put("signoff_name", "Signoff " + marker);
        form.put("signoff_role", "Service Manager");
        form.put("incident_date", "20/11/2026");
        form.put("aware_date", "2026-11-23");
        form.put("incident_category", "1");
        form.put("incident_type", "SERIOUS_ASSAULT");
        form.put("offender_ref", "REF-" + marker);
        form.put("offender_initials", "Q.Z.");
        form.put("order_type", "CPO");
        form.put("mappa", "no");
        form.put("description", "Description " + marker + " of an invented incident.");
        return form;
    }

    public static byte[] plainNotification(String from, String messageId, Map<String, String> form) {
        return plain(from, messageId, "Serious incident notification",
                "Please find our notification below.\r\n\r\n" + formLines(form), Map.of());
    }

    /** The form's values as {@code key: value} lines, as a council writes them into a mail. */
    public static String formLines(Map<String, String> form) {
        StringBuilder lines = new StringBuilder();
        form.forEach((key, value) -> lines.append(key).append(": ").append(value).append("\r\n"));
        return lines.toString();
    }

    public static byte[] plain(String from, String messageId, String subject, String body, Map<String, String> extraHeaders) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(from).append("\r\n");
        mail.append("To: notifications@sir-gateway.test\r\n");
        mail.append("Subject: ").append(subject).append("\r\n");
        mail.append("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n");
        mail.append("Message-ID: ").append(messageId).append("\r\n");
        extraHeaders.forEach((k, v) -> mail.append(k).append(": ").append(v).append("\r\n"));
        mail.append("MIME-Version: 1.0\r\n");
        mail.append("Content-Type: text/plain; charset=UTF-8\r\n");
        mail.append("\r\n");
        mail.append(body);
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A delivery status notification (RFC 3464) as a mail server writes it: the human part, the
     * {@code message/delivery-status} part with the action for the recipient, and the returned headers of the
     * mail it is about.
     */
    public static byte[] deliveryReport(String from, String messageId, String aboutMessageId, String action,
            String recipient) {
        String boundary = "report-" + UUID.randomUUID();
        String mail = "From: Mail Delivery System <" + from + ">\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system. Your message could not be delivered.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.test\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: " + action + "\r\n"
                + "Status: " + (action.equals("failed") ? "5.1.1" : "4.4.1") + "\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + "From: SIR Gateway <notifications@sir-gateway.test>\r\n"
                + "To: " + recipient + "\r\n"
                + "Subject: returned\r\n"
                + "Message-ID: " + aboutMessageId + "\r\n"
                + "\r\n"
                + "--" + boundary + "--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    /** A multipart mail whose boundary never appears: no MIME parser can find its parts. */
    public static byte[] brokenMultipart(String from, String messageId) {
        String mail = "From: " + from + "\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: broken\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-there\"\r\n"
                + "\r\n"
                + "this body has no parts at all\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }
}
