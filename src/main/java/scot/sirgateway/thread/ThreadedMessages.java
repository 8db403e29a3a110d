package scot.sirgateway.thread;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.storage.StoredMessages;

/**
 * The {@code threaded_message} table: every mail threaded to a notification, by its stored message,
 * with what it was taken to be. Records an automatic reply (timeline {@code AUTO_REPLY}, nothing else)
 * and correspondence (timeline {@code CORRESPONDENCE}, an operator alert; it never changes a field),
 * each in one transaction that marks the stored message processed and publishes
 * {@link ThreadedMailReceived}. A review is recorded by the review intake through {@link #record}.
 * Timeline details and alerts name the reference and the council, never anything the mail says.
 */
@Component("threadedMessages")
public class ThreadedMessages {

    private static final Logger log = LoggerFactory.getLogger(ThreadedMessages.class);

    /** The alert kind of correspondence; one alert per notification counts the mails of the next hour. */
    public static final String CORRESPONDENCE_ALERT = "CORRESPONDENCE";
    private static final Duration ALERT_WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final StoredMessages storedMessages;
    private final OperatorAlerts alerts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ThreadedMessages(JdbcClient jdbc, Timeline timeline, StoredMessages storedMessages, OperatorAlerts alerts,
            ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.storedMessages = storedMessages;
        this.alerts = alerts;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** An automatic reply (out of office): on the timeline; it acknowledges nothing, starts and stops nothing. */
    public void autoReply(Submission submission) {
        Submission.Threading thread = submission.threading();
        transactions.executeWithoutResult(tx -> {
            timeline.append(thread.notificationId(), "AUTO_REPLY", "an automatic reply (out of office or similar) "
                    + "arrived by mail (stored message " + submission.storedMessageId() + "); nothing follows from it");
            record(submission, ThreadedMailReceived.Kind.AUTO_REPLY);
        });
        log.info("stored message {} is an automatic reply about {}", submission.storedMessageId(), thread.reference());
    }

    /**
     * Correspondence (a correction, a question, an answer, or any mail about a withdrawn notification):
     * kept, encrypted, as the stored message; on the timeline without its content; operators alerted.
     */
    public void correspondence(Submission submission) {
        Submission.Threading thread = submission.threading();
        String council = submission.senderCouncil().name();
        transactions.executeWithoutResult(tx -> {
            timeline.append(thread.notificationId(), "CORRESPONDENCE", "mail about this notification arrived from "
                    + council + " (stored message " + submission.storedMessageId() + "): kept, it changes no field; "
                    + "operators alerted");
            alerts.raise(CORRESPONDENCE_ALERT, "correspondence:" + thread.reference(), ALERT_WINDOW,
                    "Mail about " + thread.reference() + " from " + council,
                    "Mail quoting " + thread.reference() + " came from " + council + ". It is kept on the "
                            + "notification's timeline and changes nothing by itself: read it in the console and act "
                            + "on it (a correction is made by an operator).",
                    thread.notificationId());
            record(submission, ThreadedMailReceived.Kind.CORRESPONDENCE);
        });
        log.info("stored message {} is correspondence about {}", submission.storedMessageId(), thread.reference());
    }

    /**
     * In the caller's transaction: the threaded message, the stored message processed, and
     * {@link ThreadedMailReceived} published.
     */
    public void record(Submission submission, ThreadedMailReceived.Kind kind) {
        Submission.Threading thread = submission.threading();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO threaded_message (stored_message_id, notification_id, kind, auto_submitted, at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(submission.storedMessageId(), thread.notificationId(), kind.name(), thread.autoSubmitted(), now)
                .update();
        storedMessages.markState(submission.storedMessageId(), StoredMessages.State.PROCESSED);
        events.publishEvent(new ThreadedMailReceived(thread.notificationId(), thread.reference(),
                submission.storedMessageId(), kind, thread.autoSubmitted(), thread.repliesTo(), now,
                submission.signatureVerified()));
    }
}
