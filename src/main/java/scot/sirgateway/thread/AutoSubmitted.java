package scot.sirgateway.thread;

import java.util.Locale;
import java.util.Set;

import scot.sirgateway.storage.MessageHeaders;

/**
 * Whether a mail was sent by a machine on a person's behalf (an out-of-office reply, a delivery report):
 * {@code Auto-Submitted} other than {@code no}, {@code X-Autoreply}, {@code X-Autorespond}, {@code
 * Precedence: auto_reply|bulk|junk|list}, a {@code multipart/report}, or a subject that starts
 * "Automatic reply:" or "Out of office". Such mail threaded to a notification is kept on its timeline
 * and does nothing else.
 */
public final class AutoSubmitted {

    private static final Set<String> PRECEDENCE = Set.of("auto_reply", "bulk", "junk", "list");

    private AutoSubmitted() {
    }

    public static boolean is(MessageHeaders headers, String subject) {
        String autoSubmitted = headers.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (headers.header("X-Autoreply") != null || headers.header("X-Autorespond") != null) {
            return true;
        }
        String precedence = headers.header("Precedence");
        if (precedence != null && PRECEDENCE.contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String contentType = headers.header("Content-Type");
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return true;
        }
        String s = subject == null ? "" : subject.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("automatic reply:") || s.startsWith("out of office");
    }
}
