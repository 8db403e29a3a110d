package scot.sirgateway.acknowledge;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import scot.sirgateway.quarantine.MessageQuarantined;
import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StoredMessages;

/**
 * Listens for {@link MessageQuarantined}, in the quarantining thread and transaction: where the reason
 * code calls for a reply and the reply rules allow one, queues it, and records on the quarantine entry
 * whether a reply went and, if not, why.
 */
@Component
class QuarantineReplies {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QuarantineReplies.class);

    private final SenderReplies replies;
    private final StoredMessages storedMessages;
    private final QuarantineEntries entries;

    QuarantineReplies(SenderReplies replies, StoredMessages storedMessages, QuarantineEntries entries) {
        this.replies = replies;
        this.storedMessages = storedMessages;
        this.entries = entries;
    }

    @EventListener
    void onQuarantined(MessageQuarantined quarantined) {
        String reply;
        if (quarantined.reasonCode().senderAdvice() == null) {
            reply = "no reply: " + quarantined.reasonCode() + " gets none";
        } else {
            StoredMessages.StoredMessage message = storedMessages.find(quarantined.storedMessageId())
                    .orElseThrow(() -> new IllegalStateException("no stored message " + quarantined.storedMessageId()));
            try {
                reply = replies.queueRejection(quarantined.quarantineId(),
                        MessageHeaders.parse(storedMessages.bytesOf(message)), quarantined.reasonCode().name(),
                        quarantined.reasonCode().senderAdvice()).detail();
            } catch (RuntimeException cannotReply) {
                // a reply must never stop the quarantine, or the message would be taken again and again
                log.warn("quarantine {}: no reply could be composed ({})", quarantined.quarantineId(),
                        cannotReply.getClass().getName());
                reply = "no reply: the reply could not be composed (" + cannotReply.getClass().getSimpleName() + ")";
            }
        }
        entries.recordReply(quarantined.quarantineId(), reply);
    }
}
