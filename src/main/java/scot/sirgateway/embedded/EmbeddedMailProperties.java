package scot.sirgateway.embedded;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.embedded-mail.*}: the embedded mail server (true only in embedded mode), bound to
 * loopback, and its mailboxes.
 */
@ConfigurationProperties("gateway.embedded-mail")
public record EmbeddedMailProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("3025") int smtpPort,
        @DefaultValue("3143") int imapPort,
        @DefaultValue List<Mailbox> mailboxes) {

    /** A mailbox: its address is also its login. */
    public record Mailbox(String address, String password, String description) {
    }
}
