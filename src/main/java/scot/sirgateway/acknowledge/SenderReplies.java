package scot.sirgateway.acknowledge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.intake.MessageHeaders;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.Outbox;

/**
 * Replies to a mail that could not be accepted, saying what to do and nothing of its content: only
 * to a registered council's domain, at most one per sender per hour, and never where the reply rules
 * forbid it.
 */
@Component
public class SenderReplies {

    private static final Logger log = LoggerFactory.getLogger(SenderReplies.class);

    private final CouncilRegistry councils;
    private final ReplyRules rules;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final Outbox outbox;
    private final Clock clock;

    public SenderReplies(CouncilRegistry councils, ReplyRules rules, MailTemplates templates, MailComposer composer,
            Outbox outbox, Clock clock) {
        this.councils = councils;
        this.rules = rules;
        this.templates = templates;
        this.composer = composer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Answers whether a reply was queued. */
    public boolean queueRejection(long quarantineId, MessageHeaders headers, String advice) {
        String to = headers.fromAddress();
        if (to == null || councils.byAddress(to).isEmpty()) {
            return false;
        }
        if (rules.reasonNotToReply(headers, to).isPresent()) {
            return false;
        }
        if (outbox.countSince(Outbox.Purpose.REJECTION, to, OffsetDateTime.now(clock).minusHours(1)) > 0) {
            log.info("quarantine {}: a reply went to this sender within the hour; no other", quarantineId);
            return false;
        }
        String text = templates.render("rejection", Map.of("advice", advice));
        String messageId = composer.messageId("quarantine-" + quarantineId + ".reply");
        byte[] mime = composer.compose(messageId, to, "Your message to the Care Inspectorate could not be accepted",
                text, headers.messageId(), "auto-replied");
        return outbox.queue(Outbox.Purpose.REJECTION, messageId, to, mime, null, quarantineId);
    }
}
