package scot.sirgateway.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

import scot.sirgateway.support.SmtpSubmission;
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
        return SmtpSubmission.send(smtpPort(), "bench.local", from, to, new ByteArrayInputStream(raw), 120_000);
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
}
