package scot.sirgateway.outbox;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import scot.sirgateway.metrics.GatewayMetrics;

/**
 * The {@code outbox-send} step: sends the due mails over one relay connection, exactly as they were
 * rendered (the fixed Message-ID stays), and records each as sent the moment the relay accepts it.
 * While the relay is down every due mail waits, with a back-off doubling up to {@code retry-max}.
 */
@Component("outboxSender")
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final SmtpRelay relay;
    private final OutboundMailProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final GatewayMetrics metrics;

    public OutboxSender(Outbox outbox, SmtpRelay relay, OutboundMailProperties properties,
            ApplicationEventPublisher events, Clock clock, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Sends what is due; answers how many mails went. */
    public int sendDue() {
        List<Outbox.OutboxMail> due = outbox.due(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        int sent = 0;
        Transport transport;
        try {
            transport = relay.connect();
        } catch (MessagingException e) {
            log.warn("SMTP relay unreachable ({}); {} mail(s) wait", e.getClass().getSimpleName(), due.size());
            due.forEach(mail -> {
                outbox.markFailed(mail.id(), "relay unreachable: " + e.getClass().getSimpleName(), backOff(mail.attempts()));
                metrics.outboxFailed(mail.purpose());
            });
            return 0;
        }
        try (transport) {
            for (Outbox.OutboxMail mail : due) {
                try {
                    MimeMessage message = new MimeMessage(relay.session(), new ByteArrayInputStream(outbox.mimeOf(mail)));
                    transport.sendMessage(message, InternetAddress.parse(mail.recipient(), true));
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    outbox.markSent(mail.id(), now);
                    events.publishEvent(new OutboxMailSent(mail.id(), mail.purpose(), mail.notificationId(),
                            mail.recipient(), now));
                    metrics.outboxSent(mail.purpose());
                    log.info("outbox mail {} ({}) sent", mail.id(), mail.purpose());
                    sent++;
                } catch (MessagingException e) {
                    log.warn("outbox mail {} refused by the relay ({}); will retry", mail.id(), e.getClass().getSimpleName());
                    outbox.markFailed(mail.id(), "relay refused: " + e.getClass().getSimpleName(), backOff(mail.attempts()));
                    metrics.outboxFailed(mail.purpose());
                }
            }
        } catch (MessagingException e) {
            log.warn("closing the SMTP connection failed ({})", e.getClass().getSimpleName());
        }
        return sent;
    }

    Duration backOff(int attemptsSoFar) {
        Duration delay = properties.retryInitial().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
    }
}
