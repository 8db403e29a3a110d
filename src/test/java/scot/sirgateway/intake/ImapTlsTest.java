package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;

import scot.sirgateway.MailTls;
import scot.sirgateway.MailTrustStoreProperties;
import scot.sirgateway.support.RecordingRelay;
import scot.sirgateway.support.TlsMailServer;

/**
 * The intake's sessions ({@link IntakeMailSession}, shared by the poller, IDLE and the health check) against
 * {@link TlsMailServer}: IMAP with STARTTLS refuses a server that does not offer it before signing in (GreenMail's
 * IMAP offers none), and IMAPS checks the server's name against its certificate.
 */
class ImapTlsTest {

    private static final String MAILBOX = "imap-tls@sir-gateway.test";
    private static final String PASSWORD = "imap-tls-secret-5c2e";

    private final TlsMailServer tls = TlsMailServer.shared();
    private final MailTls trusting = new MailTls(new MailTrustStoreProperties("file:" + TlsMailServer.CA_TRUST_STORE,
            TlsMailServer.PASSWORD, "PKCS12"));

    @Test
    void imapWithStartTlsShouldRefuseAServerWithoutItBeforeSigningIn() throws Exception {
        tls.greenMail().setUser(MAILBOX, MAILBOX, PASSWORD);
        try (RecordingRelay plain = new RecordingRelay("127.0.0.1", tls.imapPort())) {
            IntakeProperties intake = intake("imap", "127.0.0.1", plain.port(), true);
            Throwable refused = catchThrowable(() -> connect(intake).close());
            assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
            assertThat(MailTls.reason(refused)).contains("STARTTLS");
            String sent = new String(plain.fromClients(), StandardCharsets.ISO_8859_1);
            assertThat(sent).as("the client asked what the server offers").contains("CAPABILITY")
                    .doesNotContain("LOGIN").doesNotContain("AUTHENTICATE").doesNotContain(PASSWORD);
        }
        // the same mailbox without STARTTLS is reached: the refusal above was STARTTLS's
        connect(intake("imap", "127.0.0.1", tls.imapPort(), false)).close();
    }

    @Test
    void imapsShouldCheckTheServersName() throws Exception {
        tls.greenMail().setUser(MAILBOX, MAILBOX, PASSWORD);
        connect(intake("imaps", "localhost", tls.imapsPort(), false)).close();
        // the certificate names localhost and 127.0.0.1: the same server as 127.0.0.2 is refused
        try (RecordingRelay elsewhere = new RecordingRelay("127.0.0.2", tls.imapsPort())) {
            assertThatThrownBy(() -> connect(intake("imaps", "127.0.0.2", elsewhere.port(), false)).close())
                    .isInstanceOf(MessagingException.class);
            assertThat(elsewhere.connections()).isPositive();
            assertThat(new String(elsewhere.fromClients(), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        }
    }

    private Store connect(IntakeProperties intake) throws MessagingException {
        Store store = Session.getInstance(IntakeMailSession.properties(intake, trusting)).getStore(intake.protocol());
        store.connect(intake.host(), intake.port(), intake.username(), intake.password());
        return store;
    }

    private static IntakeProperties intake(String protocol, String host, int port, boolean starttls) {
        return new IntakeProperties(protocol, host, port, MAILBOX, PASSWORD, "INBOX", "Processed", "Quarantine", 1_000_000,
                Duration.ofSeconds(10), 50, 20, 262_144, 3, true, true, starttls);
    }
}
