package scot.sirgateway.quarantine;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.metrics.GatewayMetrics;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.storage.StoredMessages.StoredMessage;

/**
 * Puts a stored message in quarantine: an entry with stage, reason code and reason, the message marked
 * {@code QUARANTINED}, and {@link MessageQuarantined} published, on which {@code acknowledge} replies to
 * the sender where the reason calls for it and the reply rules allow, and records whether it did. The
 * stored bytes stay, so the message can be processed again.
 */
@Component("quarantine")
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineEntries entries;
    private final StoredMessages storedMessages;
    private final CauseFingerprint causes;
    private final ApplicationEventPublisher events;
    private final GatewayMetrics metrics;

    public Quarantine(QuarantineEntries entries, StoredMessages storedMessages, CauseFingerprint causes,
            ApplicationEventPublisher events, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.entries = entries;
        this.storedMessages = storedMessages;
        this.causes = causes;
        this.events = events;
    }

    /**
     * The error policy's handler. Reads the caught exception, the stored message id
     * ({@link StoredMessages#EXCHANGE_PROPERTY}) and the route that failed (its id names the stage).
     */
    public void onFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Long storedMessageId = exchange.getProperty(StoredMessages.EXCHANGE_PROPERTY, Long.class);
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
        metrics.quarantined(stage, code);
        log.info("stored message {} quarantined at stage {}: {} (quarantine {})", message.id(), stage, code, id);
        entries.recordCause(id, causes.of(stage, message.id()));
        events.publishEvent(new MessageQuarantined(id, message.id(), stage, code));
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
