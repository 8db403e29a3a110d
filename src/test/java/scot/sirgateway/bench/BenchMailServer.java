package scot.sirgateway.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The benchmark's mail server: GreenMail with SMTP and IMAP on free loopback ports, a raw SMTP client that
 * hands a message over byte for byte and answers when the server accepted it, and a look into a mailbox
 * that gives each message with the moment the server stored it.
 */
final class BenchMailServer implements AutoCloseable {

    /** A message as the server stored it: when, and its headers. */
    record Received(long atMillis, String messageId, String inReplyTo, String subject) {
    }

    private final GreenMail greenMail;
    /** The messages already read, by mailbox and UID: a stored message does not change. */
    private final Map<String, Map<Long, Received>> seen = new ConcurrentHashMap<>();

    BenchMailServer() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                ServerSetupTest.SMTP.createCopy("127.0.0.1"), ServerSetupTest.IMAP.createCopy("127.0.0.1")}));
        greenMail.start();
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    void mailbox(String address, String password) {
        greenMail.setUser(address, address, password);
    }

    /**
     * Sends the bytes through SMTP as they are (each line ended by CRLF, dot-stuffed); answers the moment the
     * server accepted the message (its 250 after the data).
     */
    long send(String from, String to, byte[] raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", smtpPort())) {
            socket.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO bench.local", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            writeDotStuffed(raw, out);
            command(out, in, ".", "250");
            long accepted = System.currentTimeMillis();
            command(out, in, "QUIT", "221");
            return accepted;
        }
    }

    /**
     * Every message in the INBOX of the address, in order of arrival (none when the mailbox does not exist yet).
     * The server takes mail while this reads: it reads the list of UIDs (a copy), then each message once.
     */
    List<Received> inbox(String address) {
        List<Received> result = new ArrayList<>();
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return result;
        }
        try {
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            Map<Long, Received> known = seen.computeIfAbsent(address, a -> new ConcurrentHashMap<>());
            for (long uid : inbox.getMessageUids()) {
                Received received = known.get(uid);
                if (received == null) {
                    StoredMessage stored = inbox.getMessage(uid);
                    if (stored == null) {
                        continue;
                    }
                    MimeMessage message = stored.getMimeMessage();
                    received = new Received(stored.getReceivedDate().getTime(), message.getMessageID(),
                            message.getHeader("In-Reply-To", null), message.getSubject());
                    known.put(uid, received);
                }
                result.add(received);
            }
        } catch (FolderException | MessagingException e) {
            throw new IllegalStateException("cannot read the mailbox of " + address, e);
        }
        return result;
    }

    /** How many messages a folder of the mailbox holds (0 when either does not exist). */
    int count(String address, String folder) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return 0;
        }
        MailFolder found = greenMail.getManagers().getImapHostManager().getFolder(user, folder);
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static void writeDotStuffed(byte[] raw, OutputStream socket) throws IOException {
        OutputStream out = new BufferedOutputStream(socket, 64 * 1024);
        boolean lineStart = true;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n' || b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
                if (b == '\r') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        out.write('\r');
        out.write('\n');
        out.flush();
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
