package scot.sirgateway.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import scot.sirgateway.MailTls;

/** Health component {@code smtp}: can the gateway reach its relay right now (over its TLS), and if not, why. */
@Component("smtpHealthIndicator")
class SmtpHealthIndicator implements HealthIndicator {

    private final SmtpRelay relay;
    private final OutboundMailProperties properties;

    SmtpHealthIndicator(SmtpRelay relay, OutboundMailProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public Health health() {
        try (Transport transport = relay.connect()) {
            return Health.up().withDetail("relay", properties.host() + ":" + properties.port())
                    .withDetail("tls", properties.tls()).build();
        } catch (MessagingException e) {
            return Health.down().withDetail("relay", properties.host() + ":" + properties.port())
                    .withDetail("error", e.getClass().getSimpleName()).withDetail("reason", MailTls.reason(e)).build();
        }
    }
}
