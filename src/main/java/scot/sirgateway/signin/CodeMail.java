package scot.sirgateway.signin;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.SmtpRelay;

/**
 * Mails a sign-in code to the account's own address at once, straight through the relay and not through the
 * outbox: a code is useless after ten minutes, so a mail that cannot go now is never retried (the person asks
 * for a new code), and the code never rests in the outbox. Neither the code nor the address is logged.
 */
@Component
public class CodeMail {

    static final String SUBJECT = "SIR Gateway sign-in code";
    private static final Logger log = LoggerFactory.getLogger(CodeMail.class);

    private final SmtpRelay relay;
    private final MailComposer composer;
    private final Clock clock;

    public CodeMail(SmtpRelay relay, MailComposer composer, Clock clock) {
        this.relay = relay;
        this.composer = composer;
        this.clock = clock;
    }

    /** Sends the code; answers false when it could not be sent (or had expired before it could). */
    public boolean send(String address, SignInCodes.Issued code) {
        if (!code.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            return false;
        }
        String text = "Your SIR Gateway sign-in code is:\n\n" + code.code() + "\n\n"
                + "It works once, for 10 minutes. If you did not try to sign in just now, someone may know your "
                + "password: tell the SIR Gateway team.\n";
        String messageId = composer.messageId("sign-in." + java.util.UUID.randomUUID());
        try (Transport transport = relay.connect()) {
            MimeMessage message = new MimeMessage(relay.session(),
                    new ByteArrayInputStream(composer.compose(messageId, address, SUBJECT, text, null, "auto-generated")));
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(address)});
            return true;
        } catch (Exception e) {
            log.warn("a sign-in code could not be mailed: {}", e.getClass().getSimpleName());
            return false;
        }
    }
}
