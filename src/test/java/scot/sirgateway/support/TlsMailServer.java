package scot.sirgateway.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A GreenMail server of its own for the TLS tests (not the shared {@link TestMailServer}): IMAPS and SMTPS serving
 * the test-only certificate for localhost/127.0.0.1 of {@code certs-example/tls} (issued by the test-only TLS CA),
 * and plain IMAP and SMTP beside them. GreenMail 2.1.11 offers no STARTTLS on SMTP (nor on IMAP): TLS is SMTPS and
 * IMAPS only.
 *
 * <p>GreenMail reads its keystore from the system properties {@code greenmail.tls.keystore.file} and
 * {@code .password} once per JVM, when its TLS server socket factory is first made (a singleton). They are set
 * here only for that moment and then restored, so no other test in the JVM sees them; that the servers do serve
 * the test certificate is checked with a handshake that trusts the test CA alone.
 */
public final class TlsMailServer {

    public static final Path CA_TRUST_STORE = Path.of("certs-example/tls/tls-ca.p12");
    public static final Path SERVER_KEYSTORE = Path.of("certs-example/tls/localhost.p12");
    public static final String PASSWORD = "changeit";

    private static TlsMailServer shared;

    private final GreenMail greenMail;

    private TlsMailServer() {
        serveTestCertificate();
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                ServerSetupTest.SMTPS.createCopy("127.0.0.1"), ServerSetupTest.IMAPS.createCopy("127.0.0.1"),
                ServerSetupTest.SMTP.createCopy("127.0.0.1"), ServerSetupTest.IMAP.createCopy("127.0.0.1")}));
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        checkServedCertificate(greenMail.getImaps().getPort());
    }

    public static synchronized TlsMailServer shared() {
        if (shared == null) {
            shared = new TlsMailServer();
        }
        return shared;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int imapsPort() {
        return greenMail.getImaps().getPort();
    }

    public int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** An SSL context that trusts the test TLS CA and nothing else. */
    public static SSLContext trustingTestCa() {
        try (InputStream in = Files.newInputStream(CA_TRUST_STORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("the test CA's trust store cannot be read", e);
        }
    }

    private static void serveTestCertificate() {
        String file = DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY;
        String password = DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY;
        String oldFile = System.getProperty(file);
        String oldPassword = System.getProperty(password);
        System.setProperty(file, SERVER_KEYSTORE.toAbsolutePath().toString());
        System.setProperty(password, PASSWORD);
        try {
            DummySSLServerSocketFactory.getDefault();
        } finally {
            restore(file, oldFile);
            restore(password, oldPassword);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static void checkServedCertificate(int port) {
        try (SSLSocket socket = (SSLSocket) trustingTestCa().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        } catch (Exception e) {
            throw new IllegalStateException("GreenMail's IMAPS does not serve certs-example/tls/localhost.p12: its TLS "
                    + "keystore was fixed earlier in this JVM by another GreenMail with TLS", e);
        }
    }
}
