package scot.sirgateway.intake;

import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.sirgateway.MailTls;

/**
 * Jakarta Mail settings of the intake mailbox's sessions ({@link MailPoller}, {@link IdleWatcher},
 * {@link ImapHealthIndicator}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeMailSession {

    /**
     * A message is fetched in one piece: the default 16 KB partial fetches make a 25 MB message take
     * some 1,600 round trips, and some servers rebuild the whole message for each of them. TLS as
     * {@link MailTls} sets it; IMAP with {@code starttls} refuses a server that does not offer STARTTLS
     * rather than signing in in clear.
     */
    @Bean
    Properties intakeMailProperties(IntakeProperties intake, MailTls tls) {
        return properties(intake, tls);
    }

    static Properties properties(IntakeProperties intake, MailTls tls) {
        Properties properties = new Properties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            properties.put("mail." + protocol + ".partialfetch", "false");
            properties.put("mail." + protocol + ".connectiontimeout", "10000");
            properties.put("mail." + protocol + ".timeout", "60000");
            tls.apply(properties, protocol);
        }
        if ("imap".equals(intake.protocol()) && intake.starttls()) {
            properties.put("mail.imap.starttls.enable", "true");
            properties.put("mail.imap.starttls.required", "true");
        }
        MailTls.warnIfInClear("the intake mailbox", intake.host(), intake.tls());
        return properties;
    }
}
