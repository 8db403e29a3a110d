package scot.sirgateway.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.intake.Submission;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.register.ReferenceAllocator;

/**
 * The {@code thread-match} step, after the sender is identified: whether a mail is about an existing
 * notification. It is when its Subject quotes a reference ({@code [SIR-2026-0042]}), or, quoting none,
 * when its In-Reply-To or References name a mail the gateway sent about a notification (a Message-ID
 * in the outbox). A quoted reference no notification has is {@code UNKNOWN_REFERENCE}; a notification
 * another council made is {@code REFERENCE_OF_OTHER_COUNCIL} (the reason names the reference, never
 * that council). Writes {@link Submission#threading()}; a mail about no notification goes on unchanged.
 */
@Component("threadMatcher")
public class ThreadMatcher {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,994}>");
    /** How many of the Message-IDs a mail answers are looked up. */
    static final int MAX_REPLIES_TO = 100;

    /** A notification as threading needs it. */
    private record Target(long id, String reference, String council, NotificationStatus status) {
    }

    private final JdbcClient jdbc;

    public ThreadMatcher(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Submission match(Submission submission) {
        if (submission.formPost()) {
            // a new notification from the form: a review from the form never comes this way
            return submission;
        }
        String subject = subjectOf(submission);
        List<String> repliesTo = repliesTo(submission);
        Optional<String> quoted = quotedReference(subject);
        Target target;
        if (quoted.isPresent()) {
            target = byReference(quoted.get()).orElseThrow(() -> new QuarantineException(ReasonCode.UNKNOWN_REFERENCE,
                    "The subject quotes " + quoted.get() + ", which no notification has. Check the reference with "
                            + "the sender; a new notification is sent without one."));
        } else {
            Optional<Target> answered = byGatewayMail(repliesTo);
            if (answered.isEmpty()) {
                return submission;
            }
            target = answered.get();
        }
        if (submission.senderCouncil() == null || !submission.senderCouncil().name().equals(target.council())) {
            throw new QuarantineException(ReasonCode.REFERENCE_OF_OTHER_COUNCIL, "The message is about "
                    + target.reference() + ", a notification made by a council other than the sender's. Check the "
                    + "reference with the sender.");
        }
        submission.threadTo(new Submission.Threading(target.id(), target.reference(),
                target.status() == NotificationStatus.WITHDRAWN, AutoSubmitted.is(submission.headers(), subject), repliesTo));
        return submission;
    }

    /** Whether the mail is about an existing notification (a review, correspondence, an automatic reply). */
    public boolean threaded(Submission submission) {
        return submission.threading() != null;
    }

    /** Whether the threaded mail was sent by a machine (an out-of-office reply): kept, nothing follows. */
    public boolean autoSubmitted(Submission submission) {
        return submission.threading() != null && submission.threading().autoSubmitted();
    }

    /** The first reference a subject quotes, as the gateway writes it. */
    static Optional<String> quotedReference(String subject) {
        return ReferenceAllocator.quotedIn(subject).stream().findFirst();
    }

    private Optional<Target> byReference(String reference) {
        return jdbc.sql("SELECT id, reference, local_authority, status FROM notification WHERE reference = ?")
                .param(reference).query((rs, n) -> new Target(rs.getLong("id"), rs.getString("reference"),
                        rs.getString("local_authority"), NotificationStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** The notification of the latest mail the gateway sent among those the mail answers. */
    private Optional<Target> byGatewayMail(List<String> messageIds) {
        for (int i = messageIds.size() - 1; i >= 0; i--) {
            Optional<String> reference = jdbc.sql("SELECT n.reference FROM outbox_mail o JOIN notification n "
                            + "ON n.id = o.notification_id WHERE o.message_id = ?")
                    .param(messageIds.get(i)).query(String.class).optional();
            if (reference.isPresent()) {
                return byReference(reference.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The Message-IDs References and In-Reply-To name, in their order, each once: the last
     * {@value #MAX_REPLIES_TO} of them, the newest (a long thread's References list the oldest first, and the
     * mail answered is at its end and in In-Reply-To).
     */
    private static List<String> repliesTo(Submission submission) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (String header : new String[] {"References", "In-Reply-To"}) {
            String value = submission.headers().header(header);
            if (value != null) {
                Matcher m = MESSAGE_ID.matcher(value);
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        List<String> all = new ArrayList<>(ids);
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_REPLIES_TO), all.size()));
    }

    /** The decoded Subject of a mail (its raw header when it cannot be decoded); null when it has none. */
    public static String subjectOf(Submission submission) {
        try {
            String subject = submission.mime().getSubject();
            return subject != null ? subject : submission.headers().header("Subject");
        } catch (MessagingException | RuntimeException e) {
            return submission.headers().header("Subject");
        }
    }
}
