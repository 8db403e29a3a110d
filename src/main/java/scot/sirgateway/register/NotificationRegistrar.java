package scot.sirgateway.register;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.context.ApplicationEventPublisher;

import scot.sirgateway.calendar.NotificationClocks;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.metrics.GatewayMetrics;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.storage.StoredMessages;

/**
 * The {@code register-notification} step. In one transaction: allocates the reference, stores the
 * notification, its field provenance, its clocks and its first timeline events, marks the stored
 * message processed, and publishes {@link NotificationRegistered}, on which {@code acknowledge} queues
 * the acknowledgement and {@code forward} (for a REGISTERED notification) the forward to Scottish
 * Government, in the same transaction. Either all of it happens or none, so a restart simply runs the
 * stored message again.
 *
 * <p>A replay (a signature already seen on a registered notification, under another Message-ID)
 * registers nothing: the delivery is recorded on the first notification's timeline and
 * {@link NotificationReplayed} is published, on which {@code acknowledge} alerts operators and tells the
 * sender the existing reference. The signature's fingerprint is unique in
 * the database, so two copies processed at once cannot both register: the second's transaction fails,
 * and its retry finds the first.
 *
 * <p>A new notification whose description mentions an earlier reference of the same council (a mail whose
 * subject quotes one never comes here: it is threaded) is registered as new and linked to the earlier one
 * ({@code linked_notification_id}, {@code LINKED} on both timelines).
 */
@Component("notificationRegistrar")
public class NotificationRegistrar {

    private static final Logger log = LoggerFactory.getLogger(NotificationRegistrar.class);

    private final ReferenceAllocator references;
    private final Notifications notifications;
    private final Timeline timeline;
    private final StoredMessages storedMessages;
    private final TransactionTemplate transactions;
    private final NotificationClocks clocks;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final GatewayMetrics metrics;
    /** Years whose counter row is known to exist. */
    private final java.util.Set<Integer> preparedYears = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public NotificationRegistrar(ReferenceAllocator references, Notifications notifications, Timeline timeline,
            StoredMessages storedMessages, TransactionTemplate transactions, NotificationClocks clocks, JdbcClient jdbc,
            ApplicationEventPublisher events, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.events = events;
        this.clocks = clocks;
        this.references = references;
        this.notifications = notifications;
        this.timeline = timeline;
        this.storedMessages = storedMessages;
        this.transactions = transactions;
    }

    /** Registers the submission; answers its reference. */
    public String register(Submission submission) {
        int year = submission.receivedAt().atZoneSameInstant(scot.sirgateway.GatewayClock.ZONE).getYear();
        // the year's counter row is made once (a transaction of its own), not at every registration
        if (!preparedYears.contains(year)) {
            references.prepareYear(year);
            preparedYears.add(year);
        }
        String reference;
        try {
            reference = transactions.execute(tx -> registerInTransaction(submission, year));
        } catch (RuntimeException failed) {
            // the row is made again at the retry, should it have gone
            preparedYears.remove(year);
            throw failed;
        }
        log.info("stored message {} registered as {}", submission.storedMessageId(), reference);
        return reference;
    }

    /** The notification a signature first registered. */
    private record FirstSigned(long id, String reference, OffsetDateTime receivedAt) {
    }

    private String registerInTransaction(Submission submission, int year) {
        if (submission.signatureFingerprint() != null) {
            Optional<FirstSigned> first = jdbc.sql("SELECT id, reference, received_at FROM notification "
                            + "WHERE signature_fingerprint = ?").param(submission.signatureFingerprint())
                    .query((rs, n) -> new FirstSigned(rs.getLong("id"), rs.getString("reference"),
                            rs.getObject("received_at", OffsetDateTime.class)))
                    .optional();
            if (first.isPresent()) {
                return replay(submission, first.get());
            }
        }
        String reference = references.next(year);
        NotificationStatus status = submission.triageReasons().isEmpty() ? NotificationStatus.REGISTERED
                : NotificationStatus.TRIAGE;
        FieldValue type = submission.fields().get(FormField.INCIDENT_TYPE);
        String group = type != null && type.value() instanceof IncidentType t ? t.group().name() : null;
        NotificationClocks.Clocks clocks = this.clocks.of(submission.receivedAt(),
                dateOf(submission, FormField.INCIDENT_DATE), dateOf(submission, FormField.AWARE_DATE));
        Notifications.Envelope envelope = new Notifications.Envelope(0, reference, status, submission.source(),
                submission.receivedAt(), submission.messageId(), submission.senderAddress(), submission.signer(),
                submission.signatureVerified(), submission.decrypted(), group, submission.domesticAbuse(),
                submission.historical(), clocks.notifiedWithin5WorkingDays(), clocks.workingDaysLate(), null,
                clocks.forwardDue(), null, clocks.reviewDue(), submission.storedMessageId(), List.copyOf(submission.layers()));
        long id = notifications.insert(envelope, submission.fields());
        if (submission.signatureFingerprint() != null) {
            jdbc.sql("UPDATE notification SET signature_fingerprint = ? WHERE id = ?")
                    .params(submission.signatureFingerprint(), id).update();
        }
        notifications.keepContent(id, submission.content()::writeTo);
        Optional<Linked> linked = linkToEarlier(id, reference, submission);
        if (submission.formPost()) {
            // audited: who posted it, and how
            String channel = submission.headers().header(Submission.FORM_CHANNEL_HEADER);
            timeline.append(id, submission.receivedAt(), "RECEIVED", "submitted through "
                    + (channel == null ? "the form" : channel) + " by " + submission.formAccount() + " (stored message "
                    + submission.storedMessageId() + ")", submission.formAccount());
        } else {
            timeline.append(id, submission.receivedAt(), "RECEIVED", "received by " + submission.source().toLowerCase()
                    + " (stored message " + submission.storedMessageId() + ")", Timeline.SYSTEM);
        }
        timeline.append(id, "REGISTERED", status == NotificationStatus.TRIAGE
                ? "in triage: " + submission.triageSummary()
                : "registered: complete and from a verified sender");
        linked.ifPresent(earlier -> {
            timeline.append(id, "LINKED", "linked to " + earlier.reference() + ", which its description mentions; "
                    + "registered as a new notification");
            timeline.append(earlier.id(), "LINKED", reference + ", a new notification whose description mentions "
                    + "this one, was linked to it");
        });
        storedMessages.markState(submission.storedMessageId(), StoredMessages.State.PROCESSED);
        metrics.notificationRegistered(status);
        events.publishEvent(new NotificationRegistered(id, reference, status, submission));
        return reference;
    }

    /** An earlier notification a new one is linked to. */
    private record Linked(long id, String reference) {
    }

    /**
     * A new notification whose description mentions an earlier reference of the same council is linked to
     * it (the first one mentioned that exists); a reference of another council links nothing.
     */
    private Optional<Linked> linkToEarlier(long id, String reference, Submission submission) {
        FieldValue description = submission.fields().get(FormField.DESCRIPTION);
        if (description == null || !(description.value() instanceof String text) || submission.senderCouncil() == null) {
            return Optional.empty();
        }
        for (String earlier : ReferenceAllocator.quotedIn(text)) {
            Optional<Linked> found = jdbc.sql("SELECT id, reference FROM notification WHERE reference = ? "
                            + "AND local_authority = ? AND id <> ?")
                    .params(earlier, submission.senderCouncil().name(), id)
                    .query((rs, n) -> new Linked(rs.getLong("id"), rs.getString("reference"))).optional();
            if (found.isPresent()) {
                jdbc.sql("UPDATE notification SET linked_notification_id = ? WHERE id = ?").params(found.get().id(), id)
                        .update();
                return found;
            }
        }
        return Optional.empty();
    }

    /** The same signed notification again: counted on the first one; {@code acknowledge} alerts and tells the sender. */
    private String replay(Submission submission, FirstSigned first) {
        timeline.append(first.id(), "REPLAYED", "the same signed notification arrived again under another Message-ID "
                + "(stored message " + submission.storedMessageId() + "); not registered again");
        storedMessages.markState(submission.storedMessageId(), StoredMessages.State.PROCESSED);
        events.publishEvent(new NotificationReplayed(first.id(), first.reference(), first.receivedAt(), submission));
        log.info("stored message {} is a replay of {}", submission.storedMessageId(), first.reference());
        return first.reference();
    }

    /** The innermost content, documents included, as a MIME entity. */
    private static java.time.LocalDate dateOf(Submission submission, FormField field) {
        FieldValue value = submission.fields().get(field);
        return value != null && value.value() instanceof java.time.LocalDate date ? date : null;
    }
}
