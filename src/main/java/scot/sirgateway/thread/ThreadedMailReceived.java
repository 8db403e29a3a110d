package scot.sirgateway.thread;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Published, in the transaction that records it, when a mail is threaded to a notification (its subject
 * quotes the reference, or it answers a mail the gateway sent about it). {@code repliesTo} are the
 * Message-IDs its In-Reply-To and References name; an auto-submitted mail (an out-of-office reply)
 * stops no clock. {@code verified} when a signature verified its sender: anyone can forge a council's From,
 * so unverified mail is kept but answers nothing by itself.
 */
public record ThreadedMailReceived(long notificationId, String reference, long storedMessageId, Kind kind,
        boolean autoSubmitted, List<String> repliesTo, OffsetDateTime at, boolean verified) {

    /** What the mail was taken to be. */
    public enum Kind {
        /** a review of the notification (it has its own entry) */
        REVIEW,
        /** anything else from the council: a correction, a question, an answer; kept, never applied */
        CORRESPONDENCE,
        /** an automatic reply: kept on the timeline, nothing more */
        AUTO_REPLY
    }
}
