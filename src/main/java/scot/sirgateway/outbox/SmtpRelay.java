package scot.sirgateway.outbox;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import scot.sirgateway.MailTls;

/**
 * Connections to the SMTP relay of {@code gateway.mail.outbound}: SMTP with STARTTLS (required: a relay that does
 * not offer it is refused before any credential is sent), SMTPS, or plain SMTP on this machine; TLS as
 * {@link MailTls} sets it.
 */
@Component
public class SmtpRelay {

    private final OutboundMailProperties properties;
    private final Session session;

    /** With the JVM's default trust store. */
    public SmtpRelay(OutboundMailProperties properties) {
        this(properties, MailTls.jvmDefault());
    }

    @Autowired
    public SmtpRelay(OutboundMailProperties properties, MailTls tls) {
        this.properties = properties;
        String protocol = properties.protocol();
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "connectiontimeout", "5000");
        props.put(prefix + "timeout", "20000");
        props.put(prefix + "writetimeout", "20000");
        if ("smtp".equals(protocol)) {
            props.put("mail.smtp.starttls.enable", Boolean.toString(properties.starttls()));
            props.put("mail.smtp.starttls.required", Boolean.toString(properties.starttls()));
        }
        props.put(prefix + "auth", Boolean.toString(properties.username() != null && !properties.username().isBlank()));
        tls.apply(props, protocol);
        MailTls.warnIfInClear("the SMTP relay", properties.host(), properties.tls());
        this.session = Session.getInstance(props);
    }

    public Session session() {
        return session;
    }

    /** A connected transport; the caller closes it. */
    public Transport connect() throws MessagingException {
        Transport transport = session.getTransport(properties.protocol());
        transport.connect(properties.host(), properties.port(), blankToNull(properties.username()),
                blankToNull(properties.password()));
        return transport;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
