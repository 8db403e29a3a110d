package scot.sirgateway.intake;

import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jakarta Mail settings of the intake mailbox's session ({@link MailPoller}). */
@Configuration(proxyBeanMethods = false)
class IntakeMailSession {

    /**
     * A message is fetched in one piece: the default 16 KB partial fetches make a 25 MB message take
     * some 1,600 round trips, and some servers rebuild the whole message for each of them.
     */
    @Bean
    Properties intakeMailProperties() {
        Properties properties = new Properties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            properties.put("mail." + protocol + ".partialfetch", "false");
            properties.put("mail." + protocol + ".connectiontimeout", "10000");
            properties.put("mail." + protocol + ".timeout", "60000");
        }
        return properties;
    }
}
