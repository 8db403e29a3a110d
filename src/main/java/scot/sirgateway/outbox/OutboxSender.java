package scot.sirgateway.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.metrics.GatewayMetrics;

/**
 * The {@code outbox-send} step: sends the due mails over one relay connection, exactly as they were
 * rendered (the fixed Message-ID stays). Each mail is claimed ({@code SELECT ... FOR UPDATE SKIP LOCKED})
 * in a transaction held through the SMTP send and the record of it: two gateways on one database never
 * send one mail twice, and a gateway that dies mid-send leaves the mail to be sent again, with the same
 * Message-ID (at least once, never lost). While the relay is down every due mail waits, with a back-off
 * doubling up to {@code retry-max}.
 *
 * <p>Runs on the {@code outbox-send} timer and, at once, after every transaction that queued a mail commits
 * ({@link OutboxMailQueued}): those wake-ups are coalesced (one run going, at most one more waiting), and
 * runs in this JVM never overlap. The timer stays as the net (mails due again after a back-off, a wake-up
 * lost to a crash).
 */
@Component("outboxSender")
public class OutboxSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;
    private static final String ROUTE = "outbox-send";

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
    /** One run at a time in this JVM: the timer's and the wake-ups'. */
    private final ReentrantLock sending = new ReentrantLock();
    private org.springframework.beans.factory.ObjectProvider<org.apache.camel.CamelContext> routes;
    /** One wake-up run going and at most one more waiting: requests in between are the same run. */
    private final ThreadPoolExecutor wakeUps = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), work -> {
                Thread thread = new Thread(work, "outbox-wake-up");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

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

    /**
     * The routes, to see whether {@code outbox-send} runs (none in a unit test); looked up when needed, so
     * that nothing here starts the Camel context before its routes are loaded.
     */
    @org.springframework.beans.factory.annotation.Autowired
    void setRoutes(org.springframework.beans.factory.ObjectProvider<org.apache.camel.CamelContext> routes) {
        this.routes = routes;
    }

    /**
     * After the commit of a transaction that queued a mail: sends what is due now, off the committing thread.
     * Only while the {@code outbox-send} route runs: an outbox stopped (by an operator, or on a gateway that
     * is not the one sending) stays stopped.
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void onQueued(OutboxMailQueued queued) {
        org.apache.camel.CamelContext camel = routes == null ? null : routes.getIfAvailable();
        org.apache.camel.ServiceStatus outbox = camel == null ? null : camel.getRouteController().getRouteStatus(ROUTE);
        if (outbox == null || !outbox.isStarted()) {
            return;
        }
        wakeUps.execute(() -> {
            try {
                // a backlog goes batch after batch, without waiting for the timer
                while (sendDue() == BATCH) {
                    log.debug("outbox: a full batch went, sending the next");
                }
            } catch (RuntimeException failed) {
                log.warn("outbox wake-up failed ({}); the timer sends", failed.getClass().getName());
            }
        });
    }

    /** Sends what is due (at most a batch); answers how many mails went. Waits while another run sends. */
    public int sendDue() {
        sending.lock();
        try {
            return sendBatch();
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void destroy() {
        wakeUps.shutdownNow();
    }

    private int sendBatch() {
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
