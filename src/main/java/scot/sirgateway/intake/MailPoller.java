package scot.sirgateway.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.intake.IntakeMoments.Moment;
import scot.sirgateway.quarantine.Quarantine;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.storage.StoredMessages;

/**
 * The {@code intake-mail} route's one step: takes every message in the intake folder, read or unread,
 * one at a time. For each it reads the bytes, commits them to the database, makes the commit durable
 * ({@link DurableCommits}), and only then moves the IMAP copy to the processed folder: a crash at any
 * point leaves the message in the inbox, or stored, or both (then the next poll counts a delivery).
 *
 * <p>A message over {@code max-message-bytes} is not read: its headers are recorded, it is quarantined
 * as {@code MESSAGE_TOO_LARGE} and moved to the quarantine folder. A message the server cannot hand
 * over (its size, envelope or bytes cannot be read) stays in the inbox, its failures counted by UID in
 * the database; after {@code max-fetch-attempts} it is quarantined as {@code MALFORMED_MESSAGE} with
 * whatever headers could be read, moved to the quarantine folder and logged once. One bad message
 * never stops the others. A database failure ends the poll (the message stays in the inbox).
 *
 * <p>Called by the {@code intake-mail} timer and, on new mail, by {@link IdleWatcher}; one take runs at a
 * time in this JVM. A newly stored message is handed to {@link IntakeStages} as soon as its IMAP copy is
 * moved, so its stages start at once.
 */
@Component("mailPoller")
public class MailPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);

    private static final int MAX_MESSAGES_PER_POLL = 50;
    /** The longest a stop waits for the take in progress. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(60);
    private static final int MAX_BATCHES_PER_TAKE = 20;

    private final IntakeProperties properties;
    private final StoredMessages storedMessages;
    private final FetchFailures fetchFailures;
    private final Quarantine quarantine;
    private final DurableCommits durableCommits;
    private final TransactionTemplate transactions;
    private final ObjectProvider<IntakeMoments> moments;
    private final Session session;
    /** Folders known to exist on the intake server (processed, quarantine). */
    private final java.util.Set<String> existingFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final IntakeStages intakeStages;
    /** One take at a time: the timer's and the IDLE watcher's never overlap. */
    private final ReentrantLock taking = new ReentrantLock();
    /** The gateway is stopping: no take starts, and one in progress ends after the message in hand. */
    private volatile boolean stopping;
    private volatile boolean running;

    public MailPoller(IntakeProperties properties, StoredMessages storedMessages, FetchFailures fetchFailures,
            Quarantine quarantine, DurableCommits durableCommits, TransactionTemplate transactions,
            ObjectProvider<IntakeMoments> moments, Properties intakeMailProperties, IntakeStages intakeStages) {
        this.properties = properties;
        this.storedMessages = storedMessages;
        this.fetchFailures = fetchFailures;
        this.quarantine = quarantine;
        this.durableCommits = durableCommits;
        this.transactions = transactions;
        this.moments = moments;
        this.session = Session.getInstance(intakeMailProperties);
        this.intakeStages = intakeStages;
    }

    /**
     * Takes what the intake folder holds (at most a batch); waits while another take runs. Once the gateway
     * stops ({@link #stop}) nothing more is taken.
     */
    public void poll() throws MessagingException {
        taking.lock();
        try {
            if (stopping) {
                return;
            }
            // a backlog is taken batch after batch while whole batches go; a batch that moves nothing (the
            // database down, messages the server cannot hand over) ends the take until the next one
            for (int batch = 0; batch < MAX_BATCHES_PER_TAKE; batch++) {
                Batch taken = takeBatch();
                if (taken.found() < MAX_MESSAGES_PER_POLL || taken.moved() == 0) {
                    break;
                }
            }
        } finally {
            taking.unlock();
        }
    }

    /**
     * Takes are allowed (again): at start, and when a stopped context starts again (the test framework stops the
     * contexts it keeps while others run, and starts them when a test needs them).
     */
    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    /**
     * The first thing to stop as the gateway stops (before the Camel routes and before a node gives up its
     * leadership of two): the take in progress finishes the message in hand and ends, and none starts after.
     * Another node takes the mailbox only once this lock is given up, so two nodes never take the same
     * folder at once on a planned stop (the message numbers one node holds would go stale under the other's
     * moves).
     */
    @Override
    public void stop() {
        stopping = true;
        try {
            if (taking.tryLock(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                taking.unlock();
            } else {
                log.warn("a mailbox take was still running {} s after the gateway began to stop", STOP_BOUND.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before every other part of the gateway. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Messages found in the folder at a batch, and how many of them were stored and moved. */
    private record Batch(int found, int moved) {
    }

    private Batch takeBatch() throws MessagingException {
        int moved = 0;
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            Folder inbox = store.getFolder(properties.folder());
            inbox.open(Folder.READ_WRITE);
            int count;
            try {
                count = Math.min(inbox.getMessageCount(), MAX_MESSAGES_PER_POLL);
                if (count == 0) {
                    return new Batch(0, 0);
                }
                Message[] messages = inbox.getMessages(1, count);
                FetchProfile uids = new FetchProfile();
                uids.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(messages, uids);
                long uidValidity = ((UIDFolder) inbox).getUIDValidity();
                for (Message message : messages) {
                    if (stopping) {
                        // the gateway stops: the message in hand was finished, the rest stay for whoever takes next
                        break;
                    }
                    FetchFailures.Uid uid = new FetchFailures.Uid(properties.folder(), uidValidity,
                            ((UIDFolder) inbox).getUID(message));
                    try {
                        if (take(store, inbox, message, uid)) {
                            moved++;
                        }
                    } catch (RuntimeException failed) {
                        // one message that cannot be taken now never holds up the messages behind it; it
                        // stays in the inbox for the next poll (its class only: a message may quote it)
                        log.warn("mail uid {} not taken at this poll ({}); the next messages go on", uid.uid(),
                                failed.getClass().getName());
                    }
                }
            } finally {
                // expunges what was copied and flagged deleted on a server without MOVE
                inbox.close(true);
            }
            return new Batch(count, moved);
        }
    }

    /** Takes one message; true when it was stored (or quarantined) and moved out of the folder. */
    private boolean take(Store store, Folder inbox, Message message, FetchFailures.Uid uid) throws MessagingException {
        byte[] raw;
        long size;
        try {
            size = message.getSize();
            raw = size > properties.maxMessageBytes() ? null : read(message, size, properties.maxMessageBytes());
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            fetchFailed(store, inbox, message, uid, unreadable);
            return false;
        }
        if (raw == null) {
            long over = Math.max(size, properties.maxMessageBytes() + 1);
            String headers = headerText(message);
            transactions.executeWithoutResult(tx -> quarantine.quarantine(
                    storedMessages.storeHeadersOnly(headers, over, "MAIL"), "intake", ReasonCode.MESSAGE_TOO_LARGE,
                    "The message is " + over + " bytes, over the limit of " + properties.maxMessageBytes()
                            + " (gateway.mail.intake.max-message-bytes). Its headers are kept; the message itself is"
                            + " in the mailbox folder " + properties.quarantineFolder() + "."));
            durableCommits.sync();
            move(store, inbox, message, properties.quarantineFolder());
            return true;
        }
        reached(Moment.BYTES_READ);
        StoredMessages.Stored stored = transactions.execute(tx -> {
            StoredMessages.Stored row = storedMessages.store(raw, "MAIL");
            reached(Moment.BEFORE_COMMIT);
            return row;
        });
        reached(Moment.COMMITTED);
        durableCommits.sync();
        reached(Moment.DURABLE);
        move(store, inbox, message, properties.processedFolder());
        reached(Moment.MOVED);
        if (stored.duplicate()) {
            log.info("mail already stored as message {}: delivery counted, nothing new created", stored.id());
        } else {
            log.info("mail stored as message {} ({} bytes)", stored.id(), raw.length);
            intakeStages.offer(stored.id());
        }
        return true;
    }

    /**
     * Counts the failure; at the last attempt quarantines what could be read and moves the message
     * aside. Earlier attempts are logged at debug level only: the failure is said once, at the end.
     */
    private void fetchFailed(Store store, Folder inbox, Message message, FetchFailures.Uid uid, Exception failure)
            throws MessagingException {
        int attempts = fetchFailures.record(uid, failure.getClass().getName());
        if (attempts < properties.maxFetchAttempts()) {
            log.debug("mail uid {} could not be fetched (attempt {} of {})", uid.uid(), attempts,
                    properties.maxFetchAttempts(), failure);
            return;
        }
        Long quarantineId = fetchFailures.quarantineOf(uid).orElse(null);
        if (quarantineId == null) {
            String headers = headerText(message);
            long size = sizeOrZero(message);
            quarantineId = transactions.execute(tx -> {
                long id = quarantine.quarantine(storedMessages.storeHeadersOnly(headers, size, "MAIL"), "intake",
                        ReasonCode.MALFORMED_MESSAGE, "The mail server could not hand over the message ("
                                + failure.getClass().getSimpleName() + ", " + attempts + " attempts). Its headers, as"
                                + " far as they could be read, are kept; the message itself is in the mailbox folder "
                                + properties.quarantineFolder() + ".");
                fetchFailures.markQuarantined(uid, id);
                return id;
            });
            durableCommits.sync();
            log.warn("mail uid {} could not be fetched in {} attempts ({}): quarantined as {}, moved to folder {}",
                    uid.uid(), attempts, failure.getClass().getName(), quarantineId, properties.quarantineFolder());
        }
        try {
            move(store, inbox, message, properties.quarantineFolder());
        } catch (MessagingException moveFailed) {
            log.debug("mail uid {} (quarantine {}) not moved yet; tried again at the next poll", uid.uid(),
                    quarantineId, moveFailed);
        }
    }

    private void reached(Moment moment) {
        moments.ifAvailable(m -> m.reached(moment));
    }

    /** IMAP MOVE where the server has it; else copy, flag deleted, and expunge when the folder closes. */
    private void move(Store store, Folder inbox, Message message, String folderName) throws MessagingException {
        Folder target = store.getFolder(folderName);
        // asked of the server once, not at every message: a folder removed since makes the move fail, and the next
        // take asks again (and makes it)
        if (!existingFolders.contains(folderName)) {
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            existingFolders.add(folderName);
        }
        Message[] one = {message};
        try {
            if (inbox instanceof IMAPFolder imap && store instanceof IMAPStore imapStore
                    && imapStore.hasCapability("MOVE")) {
                imap.moveMessages(one, target);
            } else {
                inbox.copyMessages(one, target);
                message.setFlag(Flags.Flag.DELETED, true);
            }
        } catch (MessagingException | RuntimeException failed) {
            existingFolders.remove(folderName);
            throw failed;
        }
    }

    /**
     * The message's bytes as the server holds them, or null when they run over the limit: read into one array
     * sized by the size the server gave, so the bytes are not copied as they grow nor once more at the end.
     */
    private static byte[] read(Message message, long size, long limit) throws MessagingException, IOException {
        LimitedBuffer buffer = new LimitedBuffer(size, limit);
        try {
            message.writeTo(buffer);
        } catch (LimitedBuffer.LimitReached e) {
            return null;
        }
        return buffer.toByteArray();
    }

    /** The header lines the server can give, or none. */
    private static String headerText(Message message) {
        StringBuilder text = new StringBuilder();
        try {
            if (message instanceof MimeMessage mime) {
                for (String line : Collections.list(mime.getAllHeaderLines())) {
                    text.append(line).append("\r\n");
                }
            }
        } catch (MessagingException | RuntimeException unreadable) {
            text.setLength(0);
        }
        return text.append("\r\n").toString();
    }

    private static long sizeOrZero(Message message) {
        try {
            return Math.max(message.getSize(), 0);
        } catch (MessagingException | RuntimeException unreadable) {
            return 0;
        }
    }

    /**
     * A byte buffer that refuses to grow past a limit. It starts at the size the server gave (a hint: a server may
     * count otherwise) and grows by half when that was short; its array is handed over as it is when it is full.
     */
    private static final class LimitedBuffer extends OutputStream {
        static final class LimitReached extends IOException {
            LimitReached() {
                super("over the size limit");
            }
        }

        private final long limit;
        private byte[] bytes;
        private int count;

        LimitedBuffer(long sizeHint, long limit) {
            this.limit = limit;
            this.bytes = new byte[(int) Math.max(1024, Math.min(Math.min(sizeHint, limit), Integer.MAX_VALUE - 8))];
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void check(int more) throws LimitReached {
            long needed = count + (long) more;
            if (needed > limit) {
                throw new LimitReached();
            }
            if (needed > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(Math.min(limit, Integer.MAX_VALUE - 8),
                        Math.max(needed, bytes.length + (long) bytes.length / 2)));
            }
        }

        byte[] toByteArray() {
            return count == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, count);
        }
    }
}
