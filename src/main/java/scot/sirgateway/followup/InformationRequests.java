package scot.sirgateway.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.CouncilAddresses;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.thread.ThreadedMailReceived;

/**
 * An inspector's requests to a council for additional information ({@code information_request}: i1, i2, ...
 * per notification, optionally about one review, the question sealed) and their answers. A request is
 * mailed through the outbox in the transaction that records it, to the notifier with the CSWO copied
 * ({@link CouncilAddresses}: only at the council's registered domains, never a placeholder); an address
 * that is missing raises an operator alert naming the council, and with none at all the request is still
 * recorded, not mailed. A mail threaded to the notification that is not auto-submitted answers the open
 * request it replies to, or, naming none of its requests, every open one: that stops its clock.
 */
@Component
public class InformationRequests {

    static final int MAX_QUESTION = 20_000;

    private static final Logger log = LoggerFactory.getLogger(InformationRequests.class);
    private static final Pattern REVIEW_ID = Pattern.compile("r?(\\d{1,6})", Pattern.CASE_INSENSITIVE);

    /** A request as recorded: {@code mailedTo} how many people the mail went to (0: not mailed). */
    public record Requested(int seq, Integer reviewSeq, OffsetDateTime requestedAt, LocalDate due, int mailedTo,
            OffsetDateTime answeredAt) {
    }

    private record Target(long id, String reference, NotificationStatus status) {
    }

    /** A request of the notification, answered or not. */
    private record Request(long id, int seq, boolean open) {
    }

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Timeline timeline;
    private final CouncilAddresses addresses;
    private final CouncilRegistry councils;
    private final InformationRequestMail mail;
    private final Outbox outbox;
    private final OperatorAlerts alerts;
    private final Clock clock;

    public InformationRequests(JdbcClient jdbc, StorageCipher cipher, Timeline timeline, CouncilAddresses addresses,
            CouncilRegistry councils, InformationRequestMail mail, Outbox outbox, OperatorAlerts alerts, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.timeline = timeline;
        this.addresses = addresses;
        this.councils = councils;
        this.mail = mail;
        this.outbox = outbox;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Records the request and queues its mail. IllegalArgumentException for a due date not after today, an
     * empty or too long question, or a review the notification does not have; NoSuchElementException for an
     * unknown reference; ReleaseRefusedException (409) for a WITHDRAWN notification.
     */
    @Transactional
    public Requested request(String reference, LocalDate due, String question, String reviewId, String inspector) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (due == null) {
            throw new IllegalArgumentException("due is required: the date (yyyy-mm-dd) the council should answer by");
        }
        if (!due.isAfter(now.toLocalDate())) {
            throw new IllegalArgumentException("due must be after today (" + now.toLocalDate() + ")");
        }
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question is required: what the council is asked");
        }
        if (question.length() > MAX_QUESTION) {
            throw new IllegalArgumentException("question is at most " + MAX_QUESTION + " characters");
        }
        Target target = jdbc.sql("SELECT id, reference, status FROM notification WHERE reference = ? FOR UPDATE")
                .param(reference)
                .query((rs, n) -> new Target(rs.getLong("id"), rs.getString("reference"),
                        NotificationStatus.valueOf(rs.getString("status"))))
                .optional().orElseThrow(() -> new NoSuchElementException("no notification has the reference " + reference));
        if (target.status() == NotificationStatus.WITHDRAWN) {
            throw new ReleaseRefusedException(reference + " is WITHDRAWN: it has no clocks and the council is not asked");
        }
        Integer reviewSeq = null;
        Long reviewRowId = null;
        if (reviewId != null && !reviewId.isBlank()) {
            Matcher m = REVIEW_ID.matcher(reviewId.trim());
            reviewSeq = m.matches() ? Integer.valueOf(m.group(1)) : null;
            Integer seq = reviewSeq;
            reviewRowId = seq == null ? null : jdbc.sql("SELECT id FROM review WHERE notification_id = ? AND seq = ?")
                    .params(target.id(), seq).query(Long.class).optional().orElse(null);
            if (reviewRowId == null) {
                throw new IllegalArgumentException("review_id '" + reviewId + "' is not a review of " + reference
                        + " (reviews are r1, r2, ... as its JSON lists them)");
            }
        }
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM information_request WHERE notification_id = ?")
                .param(target.id()).query(Integer.class).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO information_request (notification_id, seq, review_id, requested_at, requested_by, due, "
                        + "question) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(target.id(), seq, reviewRowId, now, inspector, due,
                        cipher.encryptValue(question.trim(), questionAad(reference, seq)))
                .update(keys, "id");

        int mailedTo = mail(target, seq, due, question.trim());
        timeline.append(target.id(), now, "INFORMATION_REQUESTED", "i" + seq
                + (reviewSeq == null ? "" : " about r" + reviewSeq) + ", due " + due + ", "
                + (mailedTo == 0 ? "not mailed: the council has no address the gateway may write to"
                        : "mailed to " + mailedTo + (mailedTo == 1 ? " person" : " people") + " at the council"),
                inspector);
        log.info("{}: information request i{} by {}, mailed to {}", reference, seq, inspector, mailedTo);
        return new Requested(seq, reviewSeq, now, due, mailedTo, null);
    }

    /** Queues the request's mail; answers to how many people it goes (0 when nobody may be written to). */
    private int mail(Target target, int seq, LocalDate due, String question) {
        CouncilAddresses.Addresses found = addresses.of(target.reference());
        String council = found.council() == null ? "an unknown council" : found.council();
        if (found.notifier().isEmpty()) {
            addressMissing(target, council, "notifier", "Requests for information cannot reach the notifier at " + council,
                    found.notifierMissing());
        }
        if (found.cswo().isEmpty()) {
            addressMissing(target, council, "cswo", "Requests for information cannot reach the CSWO of " + council,
                    found.cswoMissing());
        }
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        found.notifier().ifPresent(to::add);
        found.cswo().ifPresent(cswo -> (to.isEmpty() ? to : cc).add(cswo));
        cc.removeAll(to);
        if (to.isEmpty()) {
            return 0;
        }
        List<java.security.cert.X509Certificate> certificates = Optional.ofNullable(found.council())
                .flatMap(councils::byName).map(Council::certificates).orElse(List.of());
        InformationRequestMail.Composed composed = mail.compose(target.reference(), seq, due, question, to, cc,
                certificates == null ? List.of() : certificates);
        outbox.queue(Outbox.Purpose.INFORMATION_REQUEST, composed.messageId(), composed.recipients(), composed.mime(),
                target.id(), null);
        return composed.recipients().size();
    }

    /** One alert per council and cause (the reminders raise the same); it names the council, never an address. */
    private void addressMissing(Target target, String council, String cause, String subject, String why) {
        alerts.addressMissing(council, cause, subject, subject + ": " + why + ". The request for information about "
                + target.reference() + " went to whoever else could be mailed, or, with nobody, was recorded but not mailed.",
                target.id());
    }

    /**
     * A mail threaded to a notification answers its open requests: the ones whose request mail it replies to,
     * or, when it replies to none of the notification's requests, every open one. An automatic reply answers
     * nothing, and so does mail that no signature verified (it stays on the timeline as
     * {@code INFORMATION_ANSWER_UNVERIFIED}; the request and its reminders run on until a signed answer comes,
     * or an operator pauses the reminders). Runs in the transaction that records the threaded mail.
     */
    @EventListener
    public void onThreadedMail(ThreadedMailReceived threaded) {
        if (threaded.autoSubmitted() || threaded.kind() == ThreadedMailReceived.Kind.AUTO_REPLY) {
            return;
        }
        Set<String> repliesTo = threaded.repliesTo() == null ? Set.of()
                : threaded.repliesTo().stream().map(InformationRequests::bare).collect(Collectors.toSet());
        List<Request> all = jdbc.sql("SELECT id, seq, answered_at FROM information_request WHERE notification_id = ? "
                        + "ORDER BY seq")
                .param(threaded.notificationId())
                .query((rs, n) -> new Request(rs.getLong("id"), rs.getInt("seq"), rs.getObject("answered_at") == null))
                .list();
        // a reply to one request (even one answered before) answers that one only
        List<Request> named = all.stream()
                .filter(r -> repliesTo.contains(bare(mail.messageId(threaded.reference(), r.seq())))).toList();
        List<Request> answered = (named.isEmpty() ? all : named).stream().filter(Request::open).toList();
        if (!threaded.verified()) {
            // anyone can forge a council's From: unsigned mail is kept (and alerted) but answers no request
            for (Request request : answered) {
                timeline.append(threaded.notificationId(), threaded.at(), "INFORMATION_ANSWER_UNVERIFIED", "i"
                        + request.seq() + " stays open: the mail threaded to the notification (stored message "
                        + threaded.storedMessageId() + ") is not signed; ask the council to answer signed",
                        Timeline.SYSTEM);
            }
            return;
        }
        for (Request request : answered) {
            if (jdbc.sql("UPDATE information_request SET answered_at = ?, answer_message_id = ? "
                            + "WHERE id = ? AND answered_at IS NULL")
                    .params(threaded.at(), threaded.storedMessageId(), request.id()).update() == 1) {
                timeline.append(threaded.notificationId(), threaded.at(), "INFORMATION_ANSWERED", "i" + request.seq()
                        + " answered by mail threaded to the notification (stored message " + threaded.storedMessageId()
                        + ")", Timeline.SYSTEM);
                log.info("{}: information request i{} answered", threaded.reference(), request.seq());
            }
        }
    }

    /** The associated data a request's question is sealed with: its notification's reference and its number. */
    static String questionAad(String reference, int seq) {
        return StorageCipher.associatedData("information_request", reference + ".i" + seq, "question");
    }

    private static String bare(String messageId) {
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }
}
