package scot.sirgateway.submit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.intake.MessageParser;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.review.Review;
import scot.sirgateway.review.ReviewAcknowledgements;
import scot.sirgateway.review.ReviewIntake;
import scot.sirgateway.review.ReviewKey;
import scot.sirgateway.review.ReviewRelease;
import scot.sirgateway.storage.StoredMessages;

/**
 * A council's form posts, from the council API and the web form, into the same pipeline as mail.
 *
 * <p>A notification is checked against the form definition ({@code local_authority} is the caller's council,
 * never the caller's word), each document is allowed by its content and size ({@link FormDocuments}); then the
 * post is <b>stored before anything else happens</b>, as a message the gateway builds ({@link FormMessages}) with
 * source {@code FORM}, claimed by this request, and run through the stages at once ({@code direct:intake-parse}),
 * so the caller gets the reference, or the quarantine's reason. The stages know a form post by that source: no
 * S/MIME, the account as a verified sender, the values from the JSON part with source {@code FORM_FIELD} and
 * confidence 1, the documents read by the extract stage as a mail's attachments. Should the gateway stop in the
 * middle, the {@code intake-waiting} timer takes the message once its claim has run out.
 *
 * <p>A review goes to the same {@link ReviewIntake} as a mailed one, source {@code FORM}, only for a notification
 * of the caller's own council (another council's or an unknown reference is the same {@link NoSuchElementException},
 * so references cannot be probed); its message is stored in the same transaction as the review.
 *
 * <p>The acknowledgement goes to the account's own address; for a token (no address), to {@code notifier_email}
 * when it is at one of the council's registered domains; otherwise none is sent.
 *
 * <p>With an {@code Idempotency-Key}, the first post's answer is kept ({@link IdempotencyKeys}) and a retry with
 * the same content gets it again; another content under the same key is an {@link IdempotencyConflictException}.
 * Call it outside a transaction: the key's row and the stored message must be committed on their own (on
 * PostgreSQL a refused insert of a taken key would spoil a surrounding transaction).
 */
@Service
public final class FormSubmissions {

    private static final Logger log = LoggerFactory.getLogger(FormSubmissions.class);

    /** The channel the timeline names: the web form (the shared signature) or the council API. */
    public enum Channel {
        WEB_FORM("the web form"), API("the API");

        private final String words;

        Channel(String words) {
            this.words = words;
        }
    }

    public record Receipt(String reference, String status, Integer reviewId) {
    }

    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(60);

    private final StoredMessages storedMessages;
    private final FormMessages messages;
    private final ProducerTemplate stages;
    private final Notifications notifications;
    private final QuarantineEntries quarantine;
    private final CouncilRegistry councils;
    private final IdempotencyKeys keys;
    private final MessageParser parser;
    private final ReviewIntake reviewIntake;
    private final ReviewAcknowledgements reviewAcknowledgements;
    private final TransactionTemplate transactions;
    private final FormProperties properties;
    private final IntakeProperties intake;
    private final Clock clock;

    FormSubmissions(StoredMessages storedMessages, FormMessages messages, ProducerTemplate stages,
            Notifications notifications, QuarantineEntries quarantine, CouncilRegistry councils, IdempotencyKeys keys,
            MessageParser parser, ReviewIntake reviewIntake, ReviewAcknowledgements reviewAcknowledgements,
            TransactionTemplate transactions, FormProperties properties, IntakeProperties intake, Clock clock) {
        this.storedMessages = storedMessages;
        this.messages = messages;
        this.stages = stages;
        this.notifications = notifications;
        this.quarantine = quarantine;
        this.councils = councils;
        this.keys = keys;
        this.parser = parser;
        this.reviewIntake = reviewIntake;
        this.reviewAcknowledgements = reviewAcknowledgements;
        this.transactions = transactions;
        this.properties = properties;
        this.intake = intake;
        this.clock = clock;
    }

    /** A notification from the web form. */
    public Receipt submitNotification(Submitter who, Map<String, String> values, List<FormDocument> documents,
            String idempotencyKey) {
        return submitNotification(who, values, documents, idempotencyKey, Channel.WEB_FORM);
    }

    /** A notification; throws {@link FormInvalidException}, {@link FormQuarantinedException}, ... */
    public Receipt submitNotification(Submitter who, Map<String, String> values, List<FormDocument> documents,
            String idempotencyKey, Channel channel) {
        Council council = councilOf(who);
        List<FormDocument> docs = documents == null ? List.of() : documents;
        return idempotent(who, idempotencyKey, fingerprint("notification", null, values, docs),
                () -> notification(who, council, values, docs, channel));
    }

    /** A review of the caller's council's notification from the web form. */
    public Receipt submitReview(Submitter who, String reference, Map<String, String> values, FormDocument document,
            String idempotencyKey) {
        return submitReview(who, reference, values, document, idempotencyKey, Channel.WEB_FORM);
    }

    public Receipt submitReview(Submitter who, String reference, Map<String, String> values, FormDocument document,
            String idempotencyKey, Channel channel) {
        Council council = councilOf(who);
        return idempotent(who, idempotencyKey, fingerprint("review", reference, values,
                        document == null ? List.of() : List.of(document)),
                () -> review(who, council, reference, values, document, channel));
    }

    /**
     * Where the acknowledgement of a post goes: the account's address; for a token, {@code notifier_email} when
     * it is at the council's domains; otherwise nowhere (null).
     */
    public String acknowledgementAddress(Submitter who, Map<String, String> values) {
        if (who.email() != null && !who.email().isBlank()) {
            return who.email();
        }
        String notifier = values == null ? null : values.get("notifier_email");
        if (notifier == null) {
            return null;
        }
        String address = notifier.trim().toLowerCase(java.util.Locale.ROOT);
        return councils.byAddress(address).filter(c -> c.name().equals(who.council())).isPresent() ? address : null;
    }

    private Receipt notification(Submitter who, Council council, Map<String, String> given, List<FormDocument> documents,
            Channel channel) {
        Map<String, String> values = new LinkedHashMap<>(given);
        values.remove(FormField.LOCAL_AUTHORITY.key());
        FormDefinition.Checked checked = FormDefinition.notification().check(values, today());
        Map<String, String> errors = new LinkedHashMap<>(checked.errors());
        checkDocuments(documents, "documents", errors);
        Map<String, String> accepted = new LinkedHashMap<>();
        accepted.put(FormField.LOCAL_AUTHORITY.key(), council.name());
        accepted.putAll(checked.values());
        String acknowledgeTo = acknowledgementAddress(who, accepted);
        byte[] raw = messages.build(who, channel.words, "Serious incident notification", accepted, documents,
                acknowledgeTo);
        // stored first; the request runs it through the stages itself, so the timer leaves it alone meanwhile
        long storedId = storedMessages.storeClaimed(raw, Submission.FORM, OffsetDateTime.now(clock).plus(properties.claim()));
        log.info("form post stored as stored message {} ({})", storedId, channel.name());
        stages.sendBody("direct:intake-parse", storedId);
        StoredMessages.StoredMessage stored = storedMessages.find(storedId).orElseThrow();
        if (stored.state() == StoredMessages.State.QUARANTINED) {
            QuarantineEntries.Entry entry = quarantine.latestFor(storedId).orElseThrow();
            throw new FormQuarantinedException(entry.reasonCode().name(), entry.reason());
        }
        var registered = notifications.registeredFrom(storedId).orElseThrow(() -> new IllegalStateException(
                "stored message " + storedId + " went through the stages but is no notification"));
        return new Receipt(registered.getKey(), registered.getValue().name(), null);
    }

    /** The checks of the documents, before anything is stored: their problems under {@code key}. */
    private void checkDocuments(List<FormDocument> documents, String key, Map<String, String> errors) {
        boolean tooLarge = false;
        if (documents.size() > properties.maxDocuments()) {
            errors.put(key, "Select " + properties.maxDocuments() + " files or fewer");
        }
        long total = 0;
        for (FormDocument document : documents) {
            total += document.bytes() == null ? 0 : document.bytes().length;
            if (!errors.containsKey(key)) {
                Optional<String> problem = FormDocuments.problem(document, properties.maxDocumentBytes());
                if (problem.isPresent()) {
                    errors.put(key, problem.get());
                    tooLarge = FormDocuments.tooLarge(document, properties.maxDocumentBytes());
                }
            }
        }
        // stored in base64 within one message, which may be as large as a mail the gateway takes
        long room = intake.maxMessageBytes() / 4 * 3 - 64 * 1024;
        if (!errors.containsKey(key) && total > room) {
            errors.put(key, "The files together must be smaller than " + FormDocuments.megabytes(Math.max(room, 0)));
            tooLarge = true;
        }
        if (tooLarge && errors.size() == 1) {
            throw new FormTooLargeException(errors);
        }
        if (!errors.isEmpty()) {
            throw new FormInvalidException(errors);
        }
    }

    private Receipt review(Submitter who, Council council, String reference, Map<String, String> given,
            FormDocument document, Channel channel) {
        Notifications.Stored notification = notifications.findByReference(reference == null ? "" : reference)
                .filter(n -> council.name().equals(n.values().get(FormField.LOCAL_AUTHORITY)))
                .orElseThrow(() -> new NoSuchElementException("no notification of " + council.name()
                        + " has the reference given"));
        FormDefinition.Checked checked = FormDefinition.review().check(given, today());
        Map<String, String> errors = new LinkedHashMap<>(checked.errors());
        if (document == null) {
            errors.put("document", "Select the review document");
            throw new FormInvalidException(errors);
        }
        checkDocuments(List.of(document), "document", errors);
        Map<ReviewKey, FieldValue> values = new java.util.EnumMap<>(ReviewKey.class);
        ReviewRelease.operatorValues(checked.values()).forEach((key, value) ->
                values.put(key, new FieldValue(value, FieldSource.FORM_FIELD, 1.0)));
        Map<String, String> written = new LinkedHashMap<>();
        written.put("reference", notification.envelope().reference());
        written.putAll(checked.values());
        String acknowledgeTo = acknowledgementAddress(who, Map.of());
        byte[] raw = messages.build(who, channel.words, "[" + notification.envelope().reference() + "] Review",
                written, List.of(document), acknowledgeTo);
        Review review = transactions.execute(tx -> {
            // the message and the review in one transaction: stored with it, or not at all
            long storedId = storedMessages.storeClaimed(raw, Submission.FORM, OffsetDateTime.now(clock));
            Submission submission = parser.parse(storedId);
            submission.verifyAccount(who.username(), council, acknowledgeTo);
            Review received = reviewIntake.receive(new ReviewIntake.Submitted(notification.envelope().id(),
                    notification.envelope().reference(), Submission.FORM, submission.receivedAt(), storedId,
                    submission.messageId(), acknowledgeTo, values, Set.of(), document.bytes(),
                    FormDocuments.safeName(document.filename()), who.username(), false));
            if (acknowledgeTo != null) {
                reviewAcknowledgements.queue(received, submission);
            }
            storedMessages.markState(storedId, StoredMessages.State.PROCESSED);
            return received;
        });
        log.info("review r{} of {} received from a form post ({})", review.seq(), review.reference(), channel.name());
        return new Receipt(review.reference(), review.status().name(), review.seq());
    }

    /**
     * Runs the post once per council and key: the first answer is kept for retries with the same content; a
     * refused post (invalid, quarantined) lets the key go, since nothing of it was registered.
     */
    private Receipt idempotent(Submitter who, String key, String fingerprint, Supplier<Receipt> post) {
        if (key == null) {
            return post.get();
        }
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("The Idempotency-Key header must be 1 to 255 printable ASCII "
                    + "characters without spaces, such as a UUID");
        }
        long waitUntil = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Optional<IdempotencyKeys.Entry> taken = keys.claim(who.council(), key, fingerprint);
            if (taken.isEmpty()) {
                break;
            }
            IdempotencyKeys.Entry entry = taken.get();
            if (!entry.requestSha256().equals(fingerprint)) {
                throw new IdempotencyConflictException("This Idempotency-Key was used before with a different "
                        + "request; use a new key for a new submission", false);
            }
            if (entry.done()) {
                return replayed(entry);
            }
            if (System.nanoTime() > waitUntil) {
                throw new IdempotencyConflictException("A request with this Idempotency-Key is still being "
                        + "processed; send it again in a minute to get its answer", true);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the first request with the key", e);
            }
        }
        Receipt receipt;
        try {
            receipt = post.get();
        } catch (RuntimeException refused) {
            keys.release(who.council(), key);
            throw refused;
        }
        keys.answer(who.council(), key, 201, receipt.reference(),
                receipt.status() + (receipt.reviewId() == null ? "" : "|" + receipt.reviewId()));
        return receipt;
    }

    private static Receipt replayed(IdempotencyKeys.Entry entry) {
        String[] parts = entry.body().split("\\|", 2);
        return new Receipt(entry.reference(), parts[0], parts.length > 1 ? Integer.valueOf(parts[1]) : null);
    }

    /** SHA-256 over what the post asks, independent of how it came (JSON or multipart, field order). */
    private static String fingerprint(String kind, String reference, Map<String, String> values,
            List<FormDocument> documents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\u0000" + (reference == null ? "" : reference) + "\u0000").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> value : new TreeMap<>(values == null ? Map.<String, String>of() : values).entrySet()) {
                sha.update((value.getKey() + "\u0000" + value.getValue() + "\u0000").getBytes(StandardCharsets.UTF_8));
            }
            for (FormDocument document : documents) {
                sha.update((document.filename() + "\u0000").getBytes(StandardCharsets.UTF_8));
                sha.update(MessageDigest.getInstance("SHA-256").digest(document.bytes() == null ? new byte[0] : document.bytes()));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Council councilOf(Submitter who) {
        if (who == null || who.username() == null || who.council() == null) {
            throw new IllegalArgumentException("a form post needs a signed-in council account or a council API token");
        }
        return councils.byName(who.council()).filter(c -> c.name().equals(who.council()))
                .orElseThrow(() -> new IllegalArgumentException("The council of this account or token is not in the "
                        + "gateway's council registry: ask the SIR Gateway team"));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(GatewayClock.ZONE));
    }

}
