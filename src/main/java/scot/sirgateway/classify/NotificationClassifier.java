package scot.sirgateway.classify;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.intake.TriageReason;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;

/**
 * The {@code classify-notification} step: reads each raw value as its field's type, with the rules of
 * {@link ClassificationRules} and a confidence: a code or a value written as the form asks is certain;
 * words the rules know are nearly so; what is read from the description alone is a guess for an
 * operator to confirm. The council is the sender's; a council named in the text may only agree with
 * it. Anything missing, unsure or contradictory is named in the triage reasons.
 */
@Component("notificationClassifier")
public class NotificationClassifier {

    /** Below this an operator must confirm the value. */
    public static final double SURE = 0.9;

    private static final double CERTAIN = 1.0;
    private static final double KNOWN_WORDS = 0.95;
    private static final double FROM_DESCRIPTION = 0.75;

    /** "the incident type is Drug-related death", "nature of the incident was ...". */
    private static final Pattern TYPE_STATED = Pattern.compile(
            "(?i)\\b(?:incident type|type of (?:the )?incident|nature of (?:the )?incident)\\s+(?:is|was)\\s*:?\\s+([^.;\\n]{2,80})");

    private final CouncilRegistry councils;
    private final ClassificationRules rules;

    public NotificationClassifier(CouncilRegistry councils, ClassificationRules rules) {
        this.councils = councils;
        this.rules = rules;
    }

    public Submission classify(Submission submission) {
        Map<FormField, FieldValue> fields = submission.fields();
        for (Map.Entry<FormField, Submission.RawValue> entry : submission.rawValues().entrySet()) {
            FormField field = entry.getKey();
            if (field == FormField.LOCAL_AUTHORITY) {
                continue;
            }
            if (field.tooLong(entry.getValue().text())) {
                // never stored as it is: the operator reads it in the message and confirms it in the release
                submission.triageReasons().add(TriageReason.tooLong(field, entry.getValue().text().length()));
                continue;
            }
            FieldValue value = read(field, entry.getValue());
            fields.put(field, value);
            if (value.value() == null) {
                submission.triageReasons().add(TriageReason.unreadable(field));
            }
        }
        completeMappa(submission);
        classifyType(submission);
        readProse(submission);
        classifyCouncil(submission);
        classifyFlags(submission);
        checkCategory(submission);
        if (!submission.senderVerified()) {
            submission.triageReasons().add(TriageReason.unverifiedSender());
        }
        for (FormField missing : submission.missingRequired()) {
            submission.triageReasons().add(TriageReason.missing(missing));
        }
        fields.forEach((field, value) -> {
            if (value.value() != null && value.confidence() < SURE) {
                submission.triageReasons().add(TriageReason.uncertain(field, value.source()));
            }
        });
        return submission;
    }

    /** A value an operator typed in a release: read as the form reads it, certain, from the operator. */
    public Optional<FieldValue> readOperatorValue(FormField field, String text) {
        FieldValue value = read(field, new Submission.RawValue(text, FieldSource.OPERATOR));
        return value.value() == null ? Optional.empty() : Optional.of(new FieldValue(value.value(), FieldSource.OPERATOR, CERTAIN));
    }

    private FieldValue read(FormField field, Submission.RawValue raw) {
        FieldValue value = readAsWritten(field, raw);
        if (raw.source() == FieldSource.DESCRIPTION && field != FormField.DESCRIPTION && value.confidence() > FROM_DESCRIPTION) {
            // read from the text around the form (a heading), not from a field of it: never certain
            return new FieldValue(value.value(), value.source(), FROM_DESCRIPTION);
        }
        return value;
    }

    private FieldValue readAsWritten(FormField field, Submission.RawValue raw) {
        String text = raw.text().trim();
        if (field == FormField.MAPPA) {
            return typed(rules.mappa(text), raw.source(), CERTAIN);
        }
        if (field == FormField.INCIDENT_CATEGORY && FormValues.level(text).isEmpty()) {
            // "Death of the offender (category 3)", or the circumstance in words
            Optional<Integer> named = FormValues.levelAfter("category", text).or(() -> FormValues.levelAfter("cat", text));
            return named.isPresent() ? typed(named, raw.source(), CERTAIN)
                    : typed(rules.categoryFromWords(text), raw.source(), KNOWN_WORDS);
        }
        return switch (field.kind()) {
            case TEXT, COUNCIL -> new FieldValue(text, raw.source(), CERTAIN);
            case DATE -> typed(field == FormField.OFFENDER_DOB ? FormValues.dateIn(text).map(NotificationClassifier::birthDate)
                    : FormValues.dateIn(text), raw.source(), CERTAIN);
            case LEVEL -> typed(FormValues.level(text), raw.source(), CERTAIN);
            case YES_NO -> typed(FormValues.yesNo(text), raw.source(), CERTAIN);
            case INCIDENT_TYPE -> IncidentType.byCode(text).map(t -> new FieldValue(t, raw.source(), CERTAIN))
                    .orElseGet(() -> typed(rules.typeFromField(text), raw.source(), KNOWN_WORDS));
            case ORDER_TYPE -> scot.sirgateway.model.OrderType.parse(text)
                    .map(o -> new FieldValue(o, raw.source(), CERTAIN))
                    .orElseGet(() -> typed(rules.order(text), raw.source(), KNOWN_WORDS));
        };
    }

    /** A date of birth written with a two-digit year ("01/02/90") is of the last century, not in the future. */
    private static java.time.LocalDate birthDate(java.time.LocalDate date) {
        return date.isAfter(java.time.LocalDate.now(scot.sirgateway.GatewayClock.ZONE)) ? date.minusYears(100) : date;
    }

    private static FieldValue typed(Optional<?> value, FieldSource source, double confidence) {
        return value.<FieldValue>map(v -> new FieldValue(v, source, confidence)).orElseGet(() -> new FieldValue(null, source, 0));
    }

    /** "MAPPA: Yes, category 1, level 2" carries the category and level too. */
    private static void completeMappa(Submission submission) {
        Submission.RawValue mappa = submission.rawValues().get(FormField.MAPPA);
        if (mappa == null) {
            return;
        }
        FormValues.levelAfter("category", mappa.text()).ifPresent(category -> submission.fields()
                .putIfAbsent(FormField.MAPPA_CATEGORY, new FieldValue(category, mappa.source(), CERTAIN)));
        FormValues.levelAfter("level", mappa.text()).ifPresent(level -> submission.fields()
                .putIfAbsent(FormField.MAPPA_LEVEL, new FieldValue(level, mappa.source(), CERTAIN)));
    }

    /**
     * Without a readable type field, a letter that says "the incident type is ..." gives the council's own
     * words for it; else the description's phrases give a type for an operator to confirm.
     */
    private void classifyType(Submission submission) {
        FieldValue type = submission.fields().get(FormField.INCIDENT_TYPE);
        FieldValue description = submission.fields().get(FormField.DESCRIPTION);
        if (type != null && type.value() != null || description == null || description.value() == null) {
            return;
        }
        String text = description.value().toString();
        Matcher stated = TYPE_STATED.matcher(text);
        Optional<IncidentType> named = stated.find() ? rules.typeFromField(stated.group(1)) : Optional.empty();
        if (named.isPresent()) {
            guess(submission, FormField.INCIDENT_TYPE, named, KNOWN_WORDS);
        } else {
            guess(submission, FormField.INCIDENT_TYPE, rules.typeFromDescription(text), FROM_DESCRIPTION);
        }
    }

    /** What the form did not say in a field, a letter may say in prose: read it, as a guess to confirm. */
    private void readProse(Submission submission) {
        FieldValue description = submission.fields().get(FormField.DESCRIPTION);
        if (description == null || description.value() == null) {
            return;
        }
        String text = description.value().toString();
        guess(submission, FormField.INCIDENT_DATE, rules.incidentDateInProse(text), FROM_DESCRIPTION);
        guess(submission, FormField.ORDER_TYPE, rules.orderInProse(text), FROM_DESCRIPTION);
        guess(submission, FormField.MAPPA, rules.mappaInProse(text), FROM_DESCRIPTION);
        guess(submission, FormField.INCIDENT_CATEGORY, categoryInProse(text), FROM_DESCRIPTION);
    }

    /**
     * "We are treating this as a category 1 incident": a category not in a sentence about MAPPA. A
     * semicolon does not end the sentence here: "not managed under MAPPA; ... category 3 referral" is one.
     */
    private static Optional<Integer> categoryInProse(String text) {
        for (String sentence : text.split("(?<=[.!?])\\s+|\\n")) {
            if (!sentence.toLowerCase(java.util.Locale.ROOT).contains("mappa")) {
                Optional<Integer> category = FormValues.levelAfter("category", sentence);
                if (category.isPresent()) {
                    return category;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A value read from the description, of the confidence given, unless the field holds one or the
     * council wrote that it is still to come.
     */
    private void guess(Submission submission, FormField field, Optional<?> value, double confidence) {
        FieldValue present = submission.fields().get(field);
        Submission.RawValue written = submission.rawValues().get(field);
        if (written != null && rules.notYetKnown(written.text())) {
            return;
        }
        if ((present == null || present.value() == null) && value.isPresent()) {
            submission.fields().put(field, new FieldValue(value.get(), FieldSource.DESCRIPTION, confidence));
            submission.triageReasons().removeIf(reason -> reason.is(field, TriageReason.Kind.UNREADABLE));
        }
    }

    private void classifyCouncil(Submission submission) {
        Council sender = submission.senderCouncil();
        Submission.RawValue written = submission.rawValues().get(FormField.LOCAL_AUTHORITY);
        submission.fields().put(FormField.LOCAL_AUTHORITY, new FieldValue(sender.name(), FieldSource.SENDER, CERTAIN));
        if (written != null) {
            Optional<Council> named = councils.byName(written.text());
            if (named.isEmpty() || !named.get().name().equals(sender.name())) {
                submission.fields().put(FormField.LOCAL_AUTHORITY, new FieldValue(sender.name(), FieldSource.SENDER, 0.5));
                submission.triageReasons().add(TriageReason.councilMismatch());
            }
        }
    }

    private void classifyFlags(Submission submission) {
        FieldValue description = submission.fields().get(FormField.DESCRIPTION);
        String text = description == null || description.value() == null ? "" : description.value().toString();
        submission.flag(rules.mentionsDomesticAbuse(text), rules.mentionsHistorical(text));
    }

    /** A death or serious injury of the offender is category 3; anything else contradicts the type. */
    private static void checkCategory(Submission submission) {
        FieldValue type = submission.fields().get(FormField.INCIDENT_TYPE);
        FieldValue category = submission.fields().get(FormField.INCIDENT_CATEGORY);
        if (type == null || !(type.value() instanceof IncidentType incidentType)) {
            return;
        }
        boolean offenderDied = incidentType.group() == IncidentType.Group.DEATH_OR_INJURY_OF_OFFENDER;
        if (category == null || category.value() == null) {
            // a death or serious injury of the offender is 3; harm to another person most often 1
            submission.fields().put(FormField.INCIDENT_CATEGORY, new FieldValue(offenderDied ? 3 : 1,
                    FieldSource.DESCRIPTION, Math.min(type.confidence(), offenderDied ? FROM_DESCRIPTION : 0.5)));
            submission.triageReasons().removeIf(reason -> reason.is(FormField.INCIDENT_CATEGORY, TriageReason.Kind.UNREADABLE));
            return;
        }
        if (offenderDied != Integer.valueOf(3).equals(category.value())) {
            submission.triageReasons().add(TriageReason.categoryContradictsType(category.value(), incidentType.name()));
        }
    }
}
