package scot.sirgateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real GreenMail server (SMTP and IMAP on free loopback ports) for the whole test run, with a
 * raw SMTP client that sends bytes exactly as given, and an IMAP client acting as a mailbox operator.
 *
 * <p>With {@code -Dsir.test.mail-server=process} (the hostile-documents fork) the server runs in a
 * JVM of its own, as a council's mail server would: the gateway's small heap then holds the gateway
 * alone, not also a mail server's copies of a 20 MB message. Mailboxes are then made at first login.
 */
public final class TestMailServer {

    public static final String INTAKE_PASSWORD = "intake-test-password";

    private static final TestMailServer SHARED = new TestMailServer();

    /** The in-JVM server; null when it runs in a process of its own. */
    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private TestMailServer() {
        if ("process".equals(System.getProperty("sir.test.mail-server"))) {
            greenMail = null;
            smtpPort = freePort();
            imapPort = freePort();
            startProcess(smtpPort, imapPort);
            return;
        }
        ServerSetup[] setups = ServerSetup.dynamicPort(new ServerSetup[] {
                ServerSetupTest.SMTP.createCopy("127.0.0.1"), ServerSetupTest.IMAP.createCopy("127.0.0.1")});
        greenMail = new GreenMail(setups);
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        smtpPort = greenMail.getSmtp().getPort();
        imapPort = greenMail.getImap().getPort();
    }

    /** The server alone, in its own process: {@code TestMailServer <smtp port> <imap port>}; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Integer.parseInt(args[1]), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                        .withDisabledAuthentication());
        server.start();
        Thread.currentThread().join();
    }

    private static void startProcess(int smtp, int imap) {
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), TestMailServer.class.getName(),
                    String.valueOf(smtp), String.valueOf(imap))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!listening(smtp) || !listening(imap)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the mail server process did not start");
                }
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the mail server process cannot be started", e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestMailServer shared() {
        return SHARED;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public GreenMail greenMail() {
        if (greenMail == null) {
            throw new IllegalStateException("the mail server runs in a process of its own: use SMTP and IMAP");
        }
        return greenMail;
    }

    /** Creates the intake mailbox and points the gateway's intake and outbound mail at this server. */
    public void register(DynamicPropertyRegistry registry, String intakeAddress) {
        properties(intakeAddress).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Creates the intake mailbox; answers the properties that point a gateway's mail at this server. */
    public Map<String, Object> properties(String intakeAddress) {
        if (greenMail != null) {
            greenMail.setUser(intakeAddress, intakeAddress, INTAKE_PASSWORD);
        }
        return Map.of("gateway.mail.intake.port", imapPort(), "gateway.mail.intake.username", intakeAddress,
                "gateway.mail.intake.password", INTAKE_PASSWORD, "gateway.mail.outbound.port", smtpPort());
    }

    /** Sends the bytes as they are through SMTP (dot-stuffed, nothing added). */
    public void send(String from, String to, byte[] raw) {
        send(from, to, new java.io.ByteArrayInputStream(raw));
    }

    /** The same for a message in a file, read as it is sent: a 25 MB message never in the test's heap. */
    public void send(String from, String to, java.nio.file.Path raw) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(raw)) {
            send(from, to, in);
        } catch (IOException e) {
            throw new IllegalStateException("SMTP send failed", e);
        }
    }

    private void send(String from, String to, java.io.InputStream raw) {
        try {
            // a 25 MB message takes the server a while to accept
            SmtpSubmission.send(smtpPort(), "test.local", from, to, raw, 60_000);
        } catch (IOException e) {
            throw new IllegalStateException("SMTP send failed", e);
        }
    }

    /** Puts a message straight into a mailbox folder with IMAP APPEND, flagged as already read. */
    public void appendAsRead(String address, String password, byte[] raw) {
        try (Store store = imapStore(address, password)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw));
            message.setFlag(Flags.Flag.SEEN, true);
            inbox.appendMessages(new MimeMessage[] {message});
            inbox.close(false);
        } catch (Exception e) {
            throw new IllegalStateException("IMAP append failed", e);
        }
    }

    /** The messages GreenMail delivered to this address, in order of arrival. */
    public List<MimeMessage> received(String address) {
        return greenMail().findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), m -> true).toList();
    }

    /** How many messages are in a folder of a mailbox, seen over IMAP. */
    public int count(String address, String password, String folder) {
        try (Store store = imapStore(address, password)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            int n = f.getMessageCount();
            f.close(false);
            return n;
        } catch (Exception e) {
            throw new IllegalStateException("IMAP count failed", e);
        }
    }

    private Store imapStore(String address, String password) throws jakarta.mail.MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort(), address, password);
        return store;
    }
}
