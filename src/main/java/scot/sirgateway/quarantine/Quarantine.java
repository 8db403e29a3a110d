package scot.sirgateway.quarantine;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.acknowledge.SenderReplies;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.storage.StoredMessages.StoredMessage;
import scot.sirgateway.intake.Submission;

/**
 * Puts a stored message in quarantine: an entry with stage, reason code and reason, the message marked
 * {@code QUARANTINED}, and, where the reason calls for it and the reply rules allow, a reply telling the
 * sender what to do. The stored bytes stay, so the message can be processed again.
 */
@Component("quarantine")
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineEntries entries;
    private final StoredMessages storedMessages;
    private final SenderReplies replies;
    private final CauseFingerprint causes;

    public Quarantine(QuarantineEntries entries, StoredMessages storedMessages, SenderReplies replies,
            CauseFingerprint causes) {
        this.entries = entries;
        this.storedMessages = storedMessages;
        this.replies = replies;
        this.causes = causes;
    }

    /**
     * The error policy's handler. Reads the caught exception, the stored message id
     * ({@link Submission#STORED_MESSAGE_ID}) and the route that failed (its id names the stage).
     */
    public void onFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Long storedMessageId = exchange.getProperty(Submission.STORED_MESSAGE_ID, Long.class);
        String stage = stageOf(exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class));
        if (storedMessageId == null) {
            log.error("stage {} failed outside any stored message: {}", stage, failure == null ? "?" : failure.getClass().getName());
            return;
        }
        if (failure instanceof QuarantineException q) {
            quarantine(storedMessageId, stage, q.reasonCode(), q.reason());
        } else {
            String kind = failure == null ? "unknown error" : failure.getClass().getSimpleName();
            log.error("stage {} kept failing on stored message {}: {}", stage, storedMessageId, FailureSummary.of(failure));
            quarantine(storedMessageId, stage, ReasonCode.RETRIES_EXHAUSTED, "The " + stage
                    + " stage failed on every attempt (" + kind + "). Fix the cause, then reprocess the message.");
        }
    }

    @Transactional
    public long quarantine(long storedMessageId, String stage, ReasonCode code, String reason) {
        StoredMessage message = storedMessages.find(storedMessageId)
                .orElseThrow(() -> new IllegalStateException("no stored message " + storedMessageId));
        long id = entries.add(message.id(), message.receivedAt(), message.messageId(), message.sender(), stage, code, reason);
        storedMessages.markState(message.id(), StoredMessages.State.QUARANTINED);
        log.info("stored message {} quarantined at stage {}: {} (quarantine {})", message.id(), stage, code, id);
        entries.recordCause(id, causes.of(stage, message.id()));
        String reply;
        if (code.senderAdvice() == null) {
            reply = "no reply: " + code + " gets none";
        } else {
            reply = replies.queueRejection(id, MessageHeaders.parse(storedMessages.bytesOf(message)), code.name(),
                    code.senderAdvice()).detail();
        }
        entries.recordReply(id, reply);
        return id;
    }

    /** Route ids are {@code <stage>-<action>}: the stage is the first word. */
    static String stageOf(String routeId) {
        if (routeId == null || routeId.isBlank()) {
            return "intake";
        }
        int dash = routeId.indexOf('-');
        return (dash < 0 ? routeId : routeId.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
