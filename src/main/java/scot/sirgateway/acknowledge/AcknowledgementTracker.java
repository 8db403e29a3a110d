package scot.sirgateway.acknowledge;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import scot.sirgateway.metrics.GatewayMetrics;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.outbox.OutboxMailSent;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;

/** Records on the notification when its acknowledgement has left through the relay. */
@Component
class AcknowledgementTracker {

    private final Notifications notifications;
    private final Timeline timeline;
    private final GatewayMetrics metrics;

    AcknowledgementTracker(Notifications notifications, Timeline timeline, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.notifications = notifications;
        this.timeline = timeline;
    }

    @EventListener
    void onSent(OutboxMailSent sent) {
        if (sent.purpose() == Outbox.Purpose.ACKNOWLEDGEMENT && sent.notificationId() != null) {
            notifications.markAcknowledged(sent.notificationId(), sent.sentAt())
                    .ifPresent(receivedAt -> metrics.acknowledged(java.time.Duration.between(receivedAt, sent.sentAt())));
            timeline.append(sent.notificationId(), sent.sentAt(), "ACKNOWLEDGED", "acknowledgement accepted by the relay",
                    Timeline.SYSTEM);
        }
    }
}
