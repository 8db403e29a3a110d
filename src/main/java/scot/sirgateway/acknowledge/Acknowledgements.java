package scot.sirgateway.acknowledge;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeBodyPart;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.register.NotificationRegistered;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.smime.SmimeEncryptor;
import scot.sirgateway.smime.SmimeSigner;

/**
 * Queues the acknowledgement of a new notification, to its From address (never Reply-To), with the
 * reference in the subject and the names of the fields received and missing, by the form definition's
 * labels ({@link FieldNames}). Values are named only when the acknowledgement is encrypted to the
 * verified signer's certificate. Runs inside the registering transaction; the reply rules may
 * suppress it, and the hourly limits on unverified senders hold it back, which the timeline records.
 */
@Component
public class Acknowledgements {

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", java.util.Locale.UK);

    private final ReplyRules rules;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final Outbox outbox;
    private final Timeline timeline;
    private final SmimeSigner signer;
    private final SmimeEncryptor encryptor;
    private final UnverifiedAcknowledgements unverified;
    private final ContactProperties contact;

    public Acknowledgements(ReplyRules rules, MailTemplates templates, MailComposer composer, Outbox outbox,
            Timeline timeline, SmimeSigner signer, SmimeEncryptor encryptor, UnverifiedAcknowledgements unverified,
            ContactProperties contact) {
        this.unverified = unverified;
        this.contact = contact;
        this.signer = signer;
        this.encryptor = encryptor;
        this.rules = rules;
        this.templates = templates;
        this.composer = composer;
        this.outbox = outbox;
        this.timeline = timeline;
    }

    /** Every registered notification is acknowledged first, before anything else follows its registration. */
    @EventListener
    @Order(1)
    void onRegistered(NotificationRegistered registered) {
        queue(registered.notificationId(), registered.reference(), registered.submission());
    }

    public void queue(long notificationId, String reference, Submission submission) {
        if (submission.formPost() && submission.senderAddress() == null) {
            timeline.append(notificationId, "ACKNOWLEDGEMENT_SUPPRESSED", "no address to acknowledge to: the post came "
                    + "with an API token and its notifier_email is not at the council's registered domains");
            return;
        }
        Optional<String> suppressed = rules.reasonNotToReply(submission.headers(), submission.senderAddress());
        if (suppressed.isPresent()) {
            timeline.append(notificationId, "ACKNOWLEDGEMENT_SUPPRESSED", suppressed.get());
            return;
        }
        if (!submission.senderVerified()) {
            Optional<String> heldBack = unverified.reasonToHoldBack(notificationId, submission);
            if (heldBack.isPresent()) {
                timeline.append(notificationId, "ACKNOWLEDGEMENT_HELD_BACK", heldBack.get());
                return;
            }
        }
        // fields named by the form definition's labels (and keys), as the web form and the PDF show them
        List<String> receivedKeys = Arrays.stream(FormField.values())
                .filter(f -> hasValue(submission.fields().get(f)))
                .map(FormField::key).toList();
        List<FieldNames.Section> received = FieldNames.notificationSections(receivedKeys);
        List<String> missing = submission.missingRequired().stream().map(f -> FieldNames.notification(f.key())).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("reference", reference);
        model.put("receivedAt", submission.receivedAt().atZoneSameInstant(GatewayClock.ZONE).format(RECEIVED));
        model.put("received", received);
        model.put("missing", missing);
        model.put("triage", !submission.triageReasons().isEmpty());
        // values go back only inside encryption to the verified signer's own certificate
        java.security.cert.X509Certificate encryptTo = submission.signerCertificate();
        model.put("encrypted", encryptTo != null);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        if (encryptTo != null) {
            for (FormField field : FormField.values()) {
                FieldValue value = submission.fields().get(field);
                if (hasValue(value)) {
                    values.put(FieldNames.notification(field.key()), value.value().toString());
                }
            }
        }
        model.put("values", values);
        model.put("contact", contact.lines());
        String text = templates.render("acknowledgement", model);
        String messageId = composer.messageId(reference + ".ack");
        // signed by the gateway, so the council can tell it is genuine; encrypted too when it names values
        MimeBodyPart signed = signer.sign(SmimeEncryptor.textPart(text));
        MimeBodyPart body = encryptTo == null ? signed : encryptor.encrypt(signed, encryptTo);
        byte[] mime = composer.compose(messageId, submission.senderAddress(),
                "[" + reference + "] Serious incident notification received", body, "auto-replied",
                submission.messageId());
        if (outbox.queue(Outbox.Purpose.ACKNOWLEDGEMENT, messageId, submission.senderAddress(), mime, notificationId, null)) {
            timeline.append(notificationId, "ACKNOWLEDGEMENT_QUEUED", encryptTo == null ? "to the sender's address"
                    : "to the sender's address, encrypted to the signer's certificate");
        }
    }

    private static boolean hasValue(FieldValue value) {
        return value != null && value.value() != null;
    }
}
