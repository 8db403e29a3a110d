package scot.sirgateway.acknowledge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.Outbox;

/**
 * Replies to a mail that could not be accepted, saying what to do and how to reach the team, and
 * nothing of its content: only to a registered council's domain, at most one per sender and reason
 * code per hour (so a second, different failure is still explained), and never where the reply rules
 * forbid it. Also tells the sender of a replayed notification its existing reference. Each answers
 * what became of the reply, for the quarantine entry or the timeline.
 */
@Component
public class SenderReplies {

    private static final Logger log = LoggerFactory.getLogger(SenderReplies.class);

    static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);

    /** What became of a reply: sent (queued in the outbox) or not, and why not, for an operator to read. */
    public record Outcome(boolean queued, String detail) {
        static Outcome sent() {
            return new Outcome(true, "reply queued to the sender");
        }

        static Outcome not(String why) {
            return new Outcome(false, "no reply: " + why);
        }
    }

    private final CouncilRegistry councils;
    private final ReplyRules rules;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final Outbox outbox;
    private final Clock clock;
    private final ContactProperties contact;

    public SenderReplies(CouncilRegistry councils, ReplyRules rules, MailTemplates templates, MailComposer composer,
            Outbox outbox, Clock clock, ContactProperties contact) {
        this.councils = councils;
        this.rules = rules;
        this.templates = templates;
        this.composer = composer;
        this.outbox = outbox;
        this.clock = clock;
        this.contact = contact;
    }

    /** The reply to a quarantined message, with the advice of its reason code. */
    public Outcome queueRejection(long quarantineId, MessageHeaders headers, String reasonCode, String advice) {
        String to = headers.fromAddress();
        Optional<String> refused = refuse(headers, to);
        if (refused.isPresent()) {
            return Outcome.not(refused.get());
        }
        if (outbox.rejectionsSince(to, reasonCode, OffsetDateTime.now(clock).minusHours(1)) > 0) {
            log.info("quarantine {}: a reply for {} went to this sender within the hour; no other", quarantineId, reasonCode);
            return Outcome.not("a reply for " + reasonCode + " went to this sender within the last hour");
        }
        String text = templates.render("rejection", Map.of("advice", advice, "contact", contact.lines()));
        String messageId = composer.messageId("quarantine-" + quarantineId + ".reply");
        byte[] mime = composer.compose(messageId, to, "Your message to the Care Inspectorate could not be accepted",
                text, headers.messageId(), "auto-replied");
        return outbox.queue(Outbox.Purpose.REJECTION, messageId, to, mime, null, quarantineId) ? Outcome.sent()
                : Outcome.not("a reply for this entry was queued before");
    }

    /**
     * The reply to a replayed notification: it quotes the reference the first copy registered. One per
     * replayed stored message (fixed Message-ID), under the same rules as every reply.
     */
    public Outcome queueReplayReply(long notificationId, String reference, OffsetDateTime firstReceivedAt,
            long storedMessageId, OffsetDateTime receivedAt, MessageHeaders headers) {
        String to = headers.fromAddress();
        Optional<String> refused = refuse(headers, to);
        if (refused.isPresent()) {
            return Outcome.not(refused.get());
        }
        // a replay is its own reason: one reply an hour about this notification, whatever else the sender was told
        if (outbox.countForSince(Outbox.Purpose.REJECTION, notificationId, OffsetDateTime.now(clock).minusHours(1)) > 0) {
            return Outcome.not("a reply about this replayed notification went within the last hour");
        }
        String text = templates.render("replay", Map.of("reference", reference,
                "firstReceivedAt", firstReceivedAt.atZoneSameInstant(GatewayClock.ZONE).format(WRITTEN),
                "receivedAt", receivedAt.atZoneSameInstant(GatewayClock.ZONE).format(WRITTEN),
                "contact", contact.lines()));
        String messageId = composer.messageId(reference + ".replay-" + storedMessageId);
        byte[] mime = composer.compose(messageId, to, "[" + reference + "] Serious incident notification already received",
                text, headers.messageId(), "auto-replied");
        return outbox.queue(Outbox.Purpose.REJECTION, messageId, to, mime, notificationId, null) ? Outcome.sent()
                : Outcome.not("a reply for this message was queued before");
    }

    private Optional<String> refuse(MessageHeaders headers, String to) {
        if (to == null) {
            return Optional.of("no readable From address");
        }
        if (councils.byAddress(to).isEmpty()) {
            return Optional.of("the sender's domain is no registered council's");
        }
        return rules.reasonNotToReply(headers, to);
    }
}
