package scot.sirgateway.intake;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import scot.sirgateway.MailTls;

/**
 * Health component {@code imap}: can the gateway sign in to the intake mailbox right now, over the intake's own
 * TLS; when it cannot, why ({@link MailTls#reason}).
 */
@Component("imapHealthIndicator")
class ImapHealthIndicator implements HealthIndicator {

    private final IntakeProperties properties;
    private final Session session;

    ImapHealthIndicator(IntakeProperties properties, Properties intakeMailProperties) {
        this.properties = properties;
        Properties props = new Properties();
        props.putAll(intakeMailProperties);
        for (String protocol : new String[] {"imap", "imaps"}) {
            props.put("mail." + protocol + ".connectiontimeout", "5000");
            props.put("mail." + protocol + ".timeout", "5000");
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public Health health() {
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            return Health.up().withDetail("mailbox", properties.host() + ":" + properties.port())
                    .withDetail("tls", properties.tls()).build();
        } catch (MessagingException e) {
            return Health.down().withDetail("mailbox", properties.host() + ":" + properties.port())
                    .withDetail("error", e.getClass().getSimpleName()).withDetail("reason", MailTls.reason(e)).build();
        }
    }
}
