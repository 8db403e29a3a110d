package scot.sirgateway.intake;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code imap}: can the gateway sign in to the intake mailbox right now. */
@Component("imapHealthIndicator")
class ImapHealthIndicator implements HealthIndicator {

    private final IntakeProperties properties;
    private final Session session;

    ImapHealthIndicator(IntakeProperties properties) {
        this.properties = properties;
        Properties props = new Properties();
        props.put("mail." + properties.protocol() + ".connectiontimeout", "5000");
        props.put("mail." + properties.protocol() + ".timeout", "5000");
        this.session = Session.getInstance(props);
    }

    @Override
    public Health health() {
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            return Health.up().withDetail("mailbox", properties.host() + ":" + properties.port()).build();
        } catch (MessagingException e) {
            return Health.down().withDetail("mailbox", properties.host() + ":" + properties.port())
                    .withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
