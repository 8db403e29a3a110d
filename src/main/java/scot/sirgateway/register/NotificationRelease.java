package scot.sirgateway.register;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.classify.NotificationClassifier;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.NotificationStatus;

/**
 * An operator confirms a notification in {@code TRIAGE}: corrects what needs correcting (each
 * correction recorded with who and when; a code, date, level or yes/no with its old and new value on the sealed
 * timeline, typed text never), and releases it as {@code REGISTERED}.
 * A notification still missing a required field is not released. The release publishes
 * {@link NotificationReleased}, on which {@code forward} queues the forward, in the same transaction.
 */
@Component
public class NotificationRelease {

    private final Notifications notifications;
    private final Timeline timeline;
    private final NotificationClassifier classifier;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public NotificationRelease(Notifications notifications, Timeline timeline, NotificationClassifier classifier, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.notifications = notifications;
        this.timeline = timeline;
        this.classifier = classifier;
        this.clock = clock;
    }

    @Transactional
    public void release(String reference, Map<String, String> corrections, String operator) {
        Notifications.Stored stored = notifications.findByReference(reference)
                .orElseThrow(() -> new java.util.NoSuchElementException("no notification has the reference " + reference));
        if (stored.envelope().status() != NotificationStatus.TRIAGE) {
            throw new ReleaseRefusedException(reference + " is " + stored.envelope().status() + ", not in TRIAGE");
        }
        Map<FormField, FieldValue> corrected = new EnumMap<>(FormField.class);
        List<String> problems = new ArrayList<>();
        corrections.forEach((key, text) -> {
            FormField field = FormField.byLabel(key).orElse(null);
            if (field == null) {
                problems.add("'" + key + "' is not a form field");
            } else if (field == FormField.LOCAL_AUTHORITY) {
                problems.add("local_authority comes from the sender and cannot be corrected here");
            } else if (text == null || text.isBlank()) {
                problems.add(key + " is empty");
            } else if (field.tooLong(text)) {
                problems.add(key + " is " + text.length() + " characters long; the form takes at most " + field.maxLength());
            } else {
                classifier.readOperatorValue(field, text).ifPresentOrElse(value -> corrected.put(field, value),
                        () -> problems.add(key + " has a value the gateway cannot read as " + field.kind().name().toLowerCase()));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<String> missing = new ArrayList<>();
        for (FormField field : FormField.values()) {
            if (field.required() && !corrected.containsKey(field) && stored.values().get(field) == null) {
                missing.add(field.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new ReleaseRefusedException(reference + " still misses " + String.join(", ", missing)
                    + ": supply them in the release");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        corrected.forEach((field, value) -> {
            notifications.correct(stored.envelope(), field, value);
            timeline.append(stored.envelope().id(), now, "CORRECTED", correction(field, stored.values().get(field), value),
                    operator);
        });
        if (!notifications.changeStatus(stored.envelope().id(), NotificationStatus.TRIAGE, NotificationStatus.REGISTERED)) {
            throw new ReleaseRefusedException(reference + " was released by someone else just now");
        }
        timeline.append(stored.envelope().id(), now, "RELEASED", "confirmed and released from triage", operator);
        events.publishEvent(new NotificationReleased(stored.envelope().id(), reference));
    }

    /**
     * The timeline's words for a correction: the old and the new value, codes by name, dates ISO, yes or no, typed text
     * in quotes (each cut at 200 characters). The timeline seals every detail at rest, bound to its event, and shows it
     * only to the inspectorate's people, who see the notification's values anyway.
     */
    private static String correction(FormField field, Object before, FieldValue after) {
        if (field.identifying() || field.kind() == FormField.Kind.TEXT) {
            return field.key() + " corrected: " + quoted(before) + " -> " + quoted(after.value());
        }
        return field.key() + " corrected: " + written(before) + " -> " + written(after.value());
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "none";
        }
        String text = value.toString();
        return "\"" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "\"";
    }

    private static String written(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        return value instanceof Enum<?> code ? code.name() : value.toString();
    }
}
