package scot.sirgateway.forward;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.council.PemCertificates;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.outbox.OutboxMailBounced;
import scot.sirgateway.outbox.OutboxMailSent;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.register.NotificationRegistered;
import scot.sirgateway.register.NotificationReleased;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.PendingForwards;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.smime.SmimeEncryptor;
import scot.sirgateway.smime.SmimeSigner;

/**
 * Queues the forward of a notification to Scottish Government: a summary from the template
 * {@code forward.txt} with every value received and the council's original content (its documents),
 * signed by the gateway and encrypted to every
 * configured certificate (AES-256-CBC, RSA key transport), one mail per recipient with a fixed
 * Message-ID, so a notification is forwarded once however often this runs. Marks it FORWARDED when
 * the relay has taken every copy.
 */
@Component
public class GovernmentForward implements PendingForwards {

    /** Dates and times as a person writes them: {@code 1 December 2026 13:42}, UK time. */
    static final java.time.format.DateTimeFormatter WRITTEN_TIME =
            java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", java.util.Locale.UK);
    static final java.time.format.DateTimeFormatter WRITTEN_DATE =
            java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK);

    private final GovernmentProperties government;
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final Notifications notifications;
    private final Timeline timeline;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final SmimeSigner signer;
    private final SmimeEncryptor encryptor;
    private final Outbox outbox;
    private final java.time.Clock clock;
    private final OperatorAlerts alerts;

    public GovernmentForward(GovernmentProperties government, ResourceLoader resources, Notifications notifications,
            Timeline timeline, MailTemplates templates, MailComposer composer, SmimeSigner signer,
            SmimeEncryptor encryptor, Outbox outbox, java.time.Clock clock, OperatorAlerts alerts) {
        this.clock = clock;
        this.alerts = alerts;
        this.government = government;
        for (int i = 0; i < government.certificates().size(); i++) {
            certificates.addAll(PemCertificates.read(resources.getResource(government.certificates().get(i)),
                    "gateway.government.certificates[" + i + "]"));
        }
        this.notifications = notifications;
        this.timeline = timeline;
        this.templates = templates;
        this.composer = composer;
        this.signer = signer;
        this.encryptor = encryptor;
        this.outbox = outbox;
    }

    /** Queues the forward; runs inside the transaction that registers or releases the notification. */
    public void queue(String reference) {
        queue(reference, "", null);
    }

    /** A notification registered complete and from a verified sender is forwarded; one in triage waits for its release. */
    @EventListener
    @Order(2)
    void onRegistered(NotificationRegistered registered) {
        if (registered.status() == NotificationStatus.REGISTERED) {
            queue(registered.reference());
        }
    }

    /** An operator released the notification from triage. */
    @EventListener
    void onReleased(NotificationReleased released) {
        queue(released.reference());
    }

    /**
     * An operator's deliberate re-send: a new copy with its own Message-ID, recorded on the timeline
     * with who asked for it. The notification must have been forwarded already.
     */
    @org.springframework.transaction.annotation.Transactional
    public void resend(String reference, String operator) {
        Notifications.Stored stored = notifications.findByReference(reference)
                .orElseThrow(() -> new java.util.NoSuchElementException("no notification has the reference " + reference));
        if (stored.envelope().status() == scot.sirgateway.model.NotificationStatus.WITHDRAWN) {
            throw new IllegalStateException(reference + " was withdrawn: it is not forwarded again");
        }
        if (stored.envelope().forwardedAt() == null && outbox.bounced(Outbox.Purpose.FORWARD, stored.envelope().id()) == 0) {
            throw new IllegalStateException(reference + " has not been forwarded yet: it goes by itself once registered");
        }
        long resends = outbox.countFor(Outbox.Purpose.FORWARD, stored.envelope().id());
        queue(reference, ".resend-" + resends, operator);
    }

    /** Cancels a forward not yet sent (the notification was withdrawn); answers how many copies. */
    @Override
    public int cancel(long notificationId) {
        return outbox.cancelPending(Outbox.Purpose.FORWARD, notificationId);
    }

    private void queue(String reference, String suffix, String operator) {
        Notifications.Stored stored = notifications.findByReference(reference).orElseThrow();
        if (stored.envelope().status() == scot.sirgateway.model.NotificationStatus.WITHDRAWN) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormField field : FormField.values()) {
            Object value = stored.values().get(field);
            if (value != null) {
                values.put(field.key(), written(value));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference);
        model.put("council", stored.values().getOrDefault(FormField.LOCAL_AUTHORITY, "unknown"));
        model.put("receivedAt", stored.envelope().receivedAt().atZoneSameInstant(GatewayClock.ZONE).format(WRITTEN_TIME));
        model.put("verified", stored.envelope().signatureVerified());
        model.put("form", "FORM".equals(stored.envelope().source()));
        model.put("values", values);
        String text = templates.render("forward", model);
        var signedAndEncrypted = encryptor.encrypt(signer.sign(withOriginal(text, stored.envelope().id())),
                certificates.toArray(X509Certificate[]::new));
        int queued = 0;
        for (int i = 0; i < government.recipients().size(); i++) {
            String messageId = composer.messageId(reference + ".forward" + suffix + (i == 0 ? "" : "." + i));
            // written straight into the outbox's blob, signed, encrypted and encoded as it goes: a forward carrying a
            // 25 MB message's documents is never held whole
            jakarta.mail.internet.MimeMessage mime = composer.message(messageId, government.recipients().get(i),
                    "[" + reference + "] Serious incident notification", signedAndEncrypted, "auto-generated");
            if (outbox.queue(Outbox.Purpose.FORWARD, messageId, government.recipients().get(i), mime::writeTo,
                    stored.envelope().id(), null)) {
                queued++;
            }
        }
        if (queued > 0 && operator == null) {
            timeline.append(stored.envelope().id(), "FORWARD_QUEUED", "to Scottish Government, signed and encrypted");
        } else if (queued > 0) {
            timeline.append(stored.envelope().id(), java.time.OffsetDateTime.now(clock), "FORWARD_RESENT",
                    "re-sent to Scottish Government at an operator's request", operator);
        }
    }

    /** A value as a person writes it: dates in words, codes by their name. */
    static String written(Object value) {
        if (value instanceof java.time.LocalDate date) {
            return date.format(WRITTEN_DATE);
        }
        if (value instanceof java.time.temporal.TemporalAccessor time && time.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
            return java.time.OffsetDateTime.from(time).atZoneSameInstant(GatewayClock.ZONE).format(WRITTEN_TIME);
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    /** The summary, and the council's original content (documents included) as an attached message part. */
    private jakarta.mail.internet.MimeBodyPart withOriginal(String summary, long notificationId) {
        var original = notifications.openContent(notificationId);
        if (original.isEmpty()) {
            return SmimeEncryptor.textPart(summary);
        }
        try {
            jakarta.mail.internet.MimeMultipart mixed = new jakarta.mail.internet.MimeMultipart("mixed");
            mixed.addBodyPart(SmimeEncryptor.textPart(summary));
            // shared: the part is a view on the kept content's chunks, not a copy of them in one array
            mixed.addBodyPart(new jakarta.mail.internet.MimeBodyPart(original.get().stream()));
            jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
            part.setContent(mixed);
            return part;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("the forward of notification " + notificationId + " cannot be composed", e);
        }
    }

    @EventListener
    void onSent(OutboxMailSent sent) {
        if (sent.purpose() != Outbox.Purpose.FORWARD || sent.notificationId() == null) {
            return;
        }
        if (outbox.pending(Outbox.Purpose.FORWARD, sent.notificationId()) == 0 && !withdrawn(sent.notificationId())
                && notifications.markForwarded(sent.notificationId(), sent.sentAt())) {
            timeline.append(sent.notificationId(), sent.sentAt(), "FORWARDED", "accepted by the relay for Scottish Government",
                    Timeline.SYSTEM);
        }
    }

    /**
     * A delivery report says a forward did not reach Scottish Government: the notification goes back on its
     * forward clock (its alert is raised again as the due time nears) and operators are alerted at once; an
     * operator re-sends it once the address is fixed.
     */
    @EventListener
    void onBounced(OutboxMailBounced bounced) {
        if (bounced.purpose() != Outbox.Purpose.FORWARD || bounced.notificationId() == null) {
            return;
        }
        long id = bounced.notificationId();
        notifications.reopenForward(id);
        timeline.append(id, bounced.at(), "FORWARD_BOUNCED", "a delivery report says the forward " + bounced.messageId()
                + " did not reach Scottish Government: the notification is back on its forward clock", Timeline.SYSTEM);
        String reference = notifications.referenceOf(id);
        alerts.raise("FORWARD_BOUNCED", "forward-bounced:" + bounced.messageId(), java.time.Duration.ofDays(7),
                "[" + reference + "] Forward to Scottish Government not delivered",
                "A delivery report says the forward of " + reference + " (" + bounced.messageId() + ") did not reach "
                        + "Scottish Government. It is back on its forward clock: check gateway.government.recipients, "
                        + "then re-send it from the console (POST /api/notifications/" + reference + "/forward).", id);
    }

    /** A copy already with the relay when the notification was withdrawn leaves it WITHDRAWN. */
    private boolean withdrawn(long notificationId) {
        return notifications.statusOf(notificationId).filter(s -> s == NotificationStatus.WITHDRAWN).isPresent();
    }
}
