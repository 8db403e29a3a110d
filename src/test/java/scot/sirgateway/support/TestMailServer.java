package scot.sirgateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 */
public final class TestMailServer {

    public static final String INTAKE_PASSWORD = "intake-test-password";

    private static final TestMailServer SHARED = new TestMailServer();

    private final GreenMail greenMail;

    private TestMailServer() {
        ServerSetup[] setups = ServerSetup.dynamicPort(new ServerSetup[] {
                ServerSetupTest.SMTP.createCopy("127.0.0.1"), ServerSetupTest.IMAP.createCopy("127.0.0.1")});
        greenMail = new GreenMail(setups);
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
    }

    public static TestMailServer shared() {
        return SHARED;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /** Creates the intake mailbox and points the gateway's intake and outbound mail at this server. */
    public void register(DynamicPropertyRegistry registry, String intakeAddress) {
        greenMail.setUser(intakeAddress, intakeAddress, INTAKE_PASSWORD);
        registry.add("gateway.mail.intake.port", this::imapPort);
        registry.add("gateway.mail.intake.username", () -> intakeAddress);
        registry.add("gateway.mail.intake.password", () -> INTAKE_PASSWORD);
        registry.add("gateway.mail.outbound.port", this::smtpPort);
    }

    /** Sends the bytes as they are through SMTP (dot-stuffed, nothing added). */
    public void send(String from, String to, byte[] raw) {
        try (Socket socket = new Socket("127.0.0.1", smtpPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO test.local", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
            StringBuilder stuffed = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
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
        return greenMail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), m -> true).toList();
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

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP connection closed, expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("SMTP answered '" + line + "', expected " + code);
        }
    }
}
