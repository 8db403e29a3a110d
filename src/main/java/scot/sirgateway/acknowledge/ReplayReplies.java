package scot.sirgateway.acknowledge;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.register.NotificationReplayed;
import scot.sirgateway.register.Timeline;

/**
 * Listens for {@link NotificationReplayed}, in the registration's transaction: alerts operators once a
 * day per notification, queues a reply telling the sender the existing reference (within the reply
 * rules), and records on the first notification's timeline whether the reply went.
 */
@Component
class ReplayReplies {

    private final OperatorAlerts alerts;
    private final SenderReplies replies;
    private final Timeline timeline;

    ReplayReplies(OperatorAlerts alerts, SenderReplies replies, Timeline timeline) {
        this.alerts = alerts;
        this.replies = replies;
        this.timeline = timeline;
    }

    @EventListener
    void onReplayed(NotificationReplayed replayed) {
        Submission submission = replayed.submission();
        String reference = replayed.firstReference();
        alerts.raise("REPLAY", "replay:" + reference, java.time.Duration.ofDays(1),
                "[" + reference + "] The same signed notification arrived again",
                "A notification already registered as " + reference + " arrived again with the same signature "
                        + "under another Message-ID. Nothing new was registered or forwarded; the delivery is on the "
                        + "notification's timeline. A council resending by mistake is harmless; many copies may mean "
                        + "someone is replaying the council's mail.", replayed.firstNotificationId());
        SenderReplies.Outcome reply = replies.queueReplayReply(replayed.firstNotificationId(), reference,
                replayed.firstReceivedAt(), submission.storedMessageId(), submission.receivedAt(), submission.headers());
        timeline.append(replayed.firstNotificationId(), reply.queued() ? "REPLAY_REPLY_QUEUED" : "REPLAY_REPLY_NOT_SENT",
                reply.queued() ? "the sender is told the existing reference" : reply.detail());
    }
}
