package scot.sirgateway.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Notifications mailed with documents attached, built byte for byte as a council's mail client writes them. */
final class NotificationMails {

    private NotificationMails() {
    }

    /** A document attached: the file name as sent (RFC 2231 encoded), its type and its bytes. */
    record Attached(String fileName, String type, byte[] bytes) {
    }

    static byte[] withDocuments(String from, String messageId, String subject, Map<String, String> form,
            Attached... documents) {
        String boundary = "=_boundary_" + Math.abs(messageId.hashCode());
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(from).append("\r\n");
        mail.append("To: notifications@sir-gateway.test\r\n");
        mail.append("Subject: ").append(subject).append("\r\n");
        mail.append("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n");
        mail.append("Message-ID: ").append(messageId).append("\r\n");
        mail.append("MIME-Version: 1.0\r\n");
        mail.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        mail.append("--").append(boundary).append("\r\n");
        mail.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        mail.append("Please find our notification below.\r\n\r\n");
        form.forEach((key, value) -> mail.append(key).append(": ").append(value).append("\r\n"));
        for (Attached document : documents) {
            mail.append("\r\n--").append(boundary).append("\r\n");
            mail.append("Content-Type: ").append(document.type()).append("\r\n");
            mail.append("Content-Disposition: attachment; filename*=UTF-8''").append(encoded(document.fileName())).append("\r\n");
            mail.append("Content-Transfer-Encoding: base64\r\n\r\n");
            mail.append(Base64.getMimeEncoder().encodeToString(document.bytes())).append("\r\n");
        }
        mail.append("--").append(boundary).append("--\r\n");
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
