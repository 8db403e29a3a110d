package scot.sirgateway.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What operators count: messages taken in, notifications registered, messages quarantined, outbox mails
 * sent and failed, and the time from intake to the acknowledgement leaving. Tags carry only enumerated
 * codes (a source, a status, a stage, a reason code, a purpose), never a value from a message. A count
 * made inside a transaction goes up when the transaction commits, so a rolled-back step (run again
 * later) is counted once.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Timer acknowledgementLatency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acknowledgementLatency = Timer.builder("sir.acknowledgement.latency")
                .description("Time from a message's intake to its acknowledgement accepted by the relay")
                .register(registry);
    }

    /** A message taken in (stored, or counted again as a repeated delivery); {@code source} is MAIL or FORM. */
    public void messageTaken(String source) {
        count(Counter.builder("sir.messages.taken").description("Messages taken in, by source")
                .tag("source", source));
    }

    /** A notification registered, in the status it was registered in. */
    public void notificationRegistered(Enum<?> status) {
        count(Counter.builder("sir.notifications.registered").description("Notifications registered, by status")
                .tag("status", status.name()));
    }

    /** A message quarantined; {@code stage} is the stage's package name (intake, unwrap, ...). */
    public void quarantined(String stage, Enum<?> reasonCode) {
        count(Counter.builder("sir.quarantined").description("Messages quarantined, by stage and reason code")
                .tag("stage", stage).tag("reason_code", reasonCode.name()));
    }

    /** An outbox mail the relay accepted. */
    public void outboxSent(Enum<?> purpose) {
        count(Counter.builder("sir.outbox.sent").description("Outbox mails accepted by the relay, by purpose")
                .tag("purpose", purpose.name()));
    }

    /** An attempt to send an outbox mail that failed (the mail waits for the next attempt). */
    public void outboxFailed(Enum<?> purpose) {
        count(Counter.builder("sir.outbox.failed").description("Failed attempts to send an outbox mail, by purpose")
                .tag("purpose", purpose.name()));
    }

    /** A notification's acknowledgement accepted by the relay, this long after the message was received. */
    public void acknowledged(Duration sinceReceived) {
        if (!sinceReceived.isNegative()) {
            acknowledgementLatency.record(sinceReceived);
        }
    }

    private void count(Counter.Builder counter) {
        Counter registered = counter.register(registry);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    registered.increment();
                }
            });
        } else {
            registered.increment();
        }
    }
}
