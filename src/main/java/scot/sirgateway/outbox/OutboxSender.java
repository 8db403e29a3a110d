package scot.sirgateway.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.metrics.GatewayMetrics;

/**
 * The {@code outbox-send} step: sends the due mails over one relay connection, exactly as they were
 * rendered (the fixed Message-ID stays). Each mail is claimed ({@code SELECT ... FOR UPDATE SKIP LOCKED})
 * in a transaction held through the SMTP send and the record of it: two gateways on one database never
 * send one mail twice, and a gateway that dies mid-send leaves the mail to be sent again, with the same
 * Message-ID (at least once, never lost). While the relay is down every due mail waits, with a back-off
 * doubling up to {@code retry-max}.
 */
@Component("outboxSender")
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    /** What became of one claimed mail. */
    private record Outcome(Outbox.OutboxMail mail, boolean sent, OffsetDateTime at) {
    }

    private final Outbox outbox;
    private final SmtpRelay relay;
    private final OutboundMailProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final TransactionTemplate transactions;

    public OutboxSender(Outbox outbox, SmtpRelay relay, OutboundMailProperties properties,
            ApplicationEventPublisher events, Clock clock, GatewayMetrics metrics, TransactionTemplate transactions) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Sends what is due (at most a batch); answers how many mails went. */
    public int sendDue() {
        Connection connection = new Connection();
        int sent = 0;
        try {
            for (int i = 0; i < BATCH; i++) {
                Outcome outcome;
                try {
                    outcome = transactions.execute(status -> sendNext(connection));
                } catch (RuntimeException e) {
                    // the claim is rolled back: the mail stays due for the next run
                    log.warn("outbox send interrupted ({}); the mail stays due", e.getClass().getSimpleName());
                    break;
                }
                if (outcome == null) {
                    break;
                }
                if (outcome.sent()) {
                    // after the commit: what listens to it sees the mail recorded as sent
                    events.publishEvent(new OutboxMailSent(outcome.mail().id(), outcome.mail().purpose(),
                            outcome.mail().notificationId(), outcome.mail().recipient(), outcome.at()));
                    metrics.outboxSent(outcome.mail().purpose());
                    log.info("outbox mail {} ({}) sent", outcome.mail().id(), outcome.mail().purpose());
                    sent++;
                } else {
                    metrics.outboxFailed(outcome.mail().purpose());
                }
            }
        } finally {
            connection.close();
        }
        if (connection.unreachable != null && connection.waiting > 0) {
            log.warn("SMTP relay unreachable ({}); {} mail(s) wait", connection.unreachable, connection.waiting);
        }
        return sent;
    }

    /** In the claiming transaction: the next due mail, sent and recorded; null when none is free. */
    private Outcome sendNext(Connection connection) {
        Optional<Outbox.OutboxMail> claimed = outbox.claimNext();
        if (claimed.isEmpty()) {
            return null;
        }
        Outbox.OutboxMail mail = claimed.get();
        Transport transport = connection.transport();
        if (transport == null) {
            connection.waiting++;
            outbox.markFailed(mail.id(), "relay unreachable: " + connection.unreachable, backOff(mail.attempts()));
            return new Outcome(mail, false, null);
        }
        try {
            MimeMessage message = new MimeMessage(relay.session(), outbox.openMime(mail).stream());
            transport.sendMessage(message, InternetAddress.parse(mail.recipient(), true));
        } catch (MessagingException e) {
            log.warn("outbox mail {} refused by the relay ({}); will retry", mail.id(), e.getClass().getSimpleName());
            outbox.markFailed(mail.id(), "relay refused: " + e.getClass().getSimpleName(), backOff(mail.attempts()));
            return new Outcome(mail, false, null);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        outbox.markSent(mail.id(), now);
        return new Outcome(mail, true, now);
    }

    /** The run's relay connection, opened when the first mail is claimed. */
    private final class Connection {
        private Transport transport;
        private String unreachable;
        private int waiting;

        Transport transport() {
            if (transport == null && unreachable == null) {
                try {
                    transport = relay.connect();
                } catch (MessagingException e) {
                    unreachable = e.getClass().getSimpleName();
                }
            }
            return transport;
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.warn("closing the SMTP connection failed ({})", e.getClass().getSimpleName());
                }
            }
        }
    }

    Duration backOff(int attemptsSoFar) {
        Duration delay = properties.retryInitial().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
    }
}
