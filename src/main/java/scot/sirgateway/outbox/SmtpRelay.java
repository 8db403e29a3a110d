package scot.sirgateway.outbox;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.springframework.stereotype.Component;

/** Connections to the SMTP relay of {@code gateway.mail.outbound}. */
@Component
public class SmtpRelay {

    private final OutboundMailProperties properties;
    private final Session session;

    public SmtpRelay(OutboundMailProperties properties) {
        this.properties = properties;
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        props.put("mail.smtp.starttls.enable", Boolean.toString(properties.starttls()));
        props.put("mail.smtp.auth", Boolean.toString(properties.username() != null && !properties.username().isBlank()));
        this.session = Session.getInstance(props);
    }

    public Session session() {
        return session;
    }

    /** A connected transport; the caller closes it. */
    public Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect(properties.host(), properties.port(), blankToNull(properties.username()),
                blankToNull(properties.password()));
        return transport;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
