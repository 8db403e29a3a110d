package scot.sirgateway.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeBodyPart;

import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.acknowledge.AcknowledgeProperties;
import scot.sirgateway.acknowledge.ContactProperties;
import scot.sirgateway.acknowledge.FieldNames;
import scot.sirgateway.acknowledge.ReplyRules;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.smime.SmimeEncryptor;
import scot.sirgateway.smime.SmimeSigner;

/**
 * Queues the acknowledgement of a review received by mail, as {@code acknowledge} does a notification's:
 * to the From address (never Reply-To), Message-ID {@code <SIR-2026-0042.r2.ack@...>}, subject
 * {@code [SIR-2026-0042] Review received}, answering the review mail, signed by the gateway, naming the
 * review's fields received and missing by the review form's labels ({@link FieldNames}) and never their
 * values unless it is encrypted to the verified signer's certificate. The reply rules may suppress it; to an unverified address at most
 * {@code gateway.acknowledge.unverified-per-address-per-hour} go in an hour. Runs in the review's
 * transaction; the timeline says what became of it.
 */
@Component
public class ReviewAcknowledgements {

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final ReplyRules rules;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final Outbox outbox;
    private final Timeline timeline;
    private final SmimeSigner signer;
    private final SmimeEncryptor encryptor;
    private final ContactProperties contact;
    private final AcknowledgeProperties limits;
    private final Clock clock;

    public ReviewAcknowledgements(ReplyRules rules, MailTemplates templates, MailComposer composer, Outbox outbox,
            Timeline timeline, SmimeSigner signer, SmimeEncryptor encryptor, ContactProperties contact,
            AcknowledgeProperties limits, Clock clock) {
        this.rules = rules;
        this.templates = templates;
        this.composer = composer;
        this.outbox = outbox;
        this.timeline = timeline;
        this.signer = signer;
        this.encryptor = encryptor;
        this.contact = contact;
        this.limits = limits;
        this.clock = clock;
    }

    public void queue(Review review, Submission submission) {
        String to = submission.senderAddress();
        Optional<String> suppressed = rules.reasonNotToReply(submission.headers(), to);
        if (suppressed.isEmpty() && !submission.senderVerified() && outbox.countSince(
                Outbox.Purpose.REVIEW_ACKNOWLEDGEMENT, to, OffsetDateTime.now(clock).minusHours(1))
                >= limits.unverifiedPerAddressPerHour()) {
            suppressed = Optional.of("held back: " + limits.unverifiedPerAddressPerHour() + " review acknowledgements "
                    + "went to this unverified address within the hour (gateway.acknowledge.unverified-per-address-per-hour)");
        }
        if (suppressed.isPresent()) {
            timeline.append(review.notificationId(), "REVIEW_ACKNOWLEDGEMENT_SUPPRESSED", review.name() + ": "
                    + suppressed.get());
            return;
        }
        // named by the review form's labels (and keys), as the web form shows them
        List<String> received = Arrays.stream(ReviewKey.values()).filter(key -> review.value(key) != null)
                .map(key -> FieldNames.review(key.key())).toList();
        List<String> missing = Arrays.stream(ReviewKey.values()).filter(key -> review.value(key) == null)
                .map(key -> FieldNames.review(key.key())).toList();
        java.security.cert.X509Certificate encryptTo = submission.signerCertificate();
        Map<String, String> values = new LinkedHashMap<>();
        if (encryptTo != null) {
            for (ReviewKey key : ReviewKey.values()) {
                if (review.value(key) != null) {
                    values.put(FieldNames.review(key.key()), review.value(key).toString());
                }
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("reference", review.reference());
        model.put("review", review.name() + (review.reviewType() == null ? "" : " (" + review.reviewType().name() + ")"));
        model.put("receivedAt", review.receivedAt().atZoneSameInstant(GatewayClock.ZONE).format(RECEIVED));
        model.put("received", received);
        model.put("missing", missing);
        model.put("triage", review.status() == Review.Status.TRIAGE);
        model.put("commentDue", review.commentDue().format(DUE));
        model.put("encrypted", encryptTo != null);
        model.put("values", values);
        model.put("contact", contact.lines());
        String text = templates.render("review-acknowledgement", model);
        String messageId = composer.messageId(review.reference() + "." + review.name() + ".ack");
        MimeBodyPart signed = signer.sign(SmimeEncryptor.textPart(text));
        MimeBodyPart body = encryptTo == null ? signed : encryptor.encrypt(signed, encryptTo);
        byte[] mime = composer.compose(messageId, to, "[" + review.reference() + "] Review received", body,
                "auto-replied", submission.messageId());
        if (outbox.queue(Outbox.Purpose.REVIEW_ACKNOWLEDGEMENT, messageId, to, mime, review.notificationId(), null)) {
            timeline.append(review.notificationId(), "REVIEW_ACKNOWLEDGEMENT_QUEUED", review.name() + ": to the sender's "
                    + "address" + (encryptTo == null ? "" : ", encrypted to the signer's certificate"));
        }
    }
}
