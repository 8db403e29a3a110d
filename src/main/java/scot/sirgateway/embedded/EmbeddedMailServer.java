package scot.sirgateway.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts GreenMail (SMTP and IMAP, loopback only) with the embedded mode's mailboxes, before the
 * intake route connects to it. Messages live in memory: what the gateway took in is in its database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gateway.embedded-mail.enabled")
class EmbeddedMailServer {

    @Bean(destroyMethod = "stop")
    GreenMail embeddedGreenMail(EmbeddedMailProperties properties) {
        requireFree(properties.bindAddress(), properties.smtpPort(), "gateway.embedded-mail.smtp-port", "the embedded SMTP server");
        requireFree(properties.bindAddress(), properties.imapPort(), "gateway.embedded-mail.imap-port", "the embedded IMAP server");
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(properties.smtpPort(), properties.bindAddress(), ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(properties.imapPort(), properties.bindAddress(), ServerSetup.PROTOCOL_IMAP)});
        for (EmbeddedMailProperties.Mailbox mailbox : properties.mailboxes()) {
            greenMail.setUser(mailbox.address(), mailbox.address(), mailbox.password());
        }
        greenMail.start();
        return greenMail;
    }

    /** A busy port stops start-up naming the port and the property that moves it. */
    private static void requireFree(String address, int port, String property, String whose) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(address, port));
        } catch (java.io.IOException taken) {
            throw new scot.sirgateway.PortTakenException(port, property, whose, taken);
        }
    }
}
