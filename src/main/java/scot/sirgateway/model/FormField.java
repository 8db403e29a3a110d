package scot.sirgateway.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of the notification form (DOMAIN.md), which are also the AcroForm, web form, JSON and
 * column names. {@code identifying} fields are stored encrypted; {@code required} ones must be present
 * for a notification to be complete. Each has the longest value the form takes ({@link #maxLength()}):
 * a name or role 200 characters, an email address 320, a phone number 50, the description 20,000; a
 * yes/no, date, level or code answer 500 (a longer one is not an answer).
 */
public enum FormField {
    LOCAL_AUTHORITY(Kind.COUNCIL, false, true, 100),
    NOTIFIER_NAME(Kind.TEXT, true, true, 200),
    NOTIFIER_ROLE(Kind.TEXT, true, false, 200),
    NOTIFIER_EMAIL(Kind.TEXT, true, true, 320),
    NOTIFIER_PHONE(Kind.TEXT, true, false, 50),
    SIGNOFF_NAME(Kind.TEXT, true, true, 200),
    SIGNOFF_ROLE(Kind.TEXT, true, true, 200),
    INCIDENT_DATE(Kind.DATE, false, true, 500),
    AWARE_DATE(Kind.DATE, false, false, 500),
    INCIDENT_CATEGORY(Kind.LEVEL, false, true, 500),
    INCIDENT_TYPE(Kind.INCIDENT_TYPE, false, true, 500),
    INCIDENT_TYPE_OTHER(Kind.TEXT, true, false, 200),
    OFFENDER_REF(Kind.TEXT, true, true, 100),
    OFFENDER_INITIALS(Kind.TEXT, true, false, 20),
    OFFENDER_DOB(Kind.DATE, true, false, 500),
    OFFENDER_GENDER(Kind.TEXT, true, false, 50),
    ORDER_TYPE(Kind.ORDER_TYPE, false, true, 500),
    MAPPA(Kind.YES_NO, false, true, 500),
    MAPPA_CATEGORY(Kind.LEVEL, false, false, 500),
    MAPPA_LEVEL(Kind.LEVEL, false, false, 500),
    SOG_NOTIFIED(Kind.YES_NO, false, false, 500),
    LSCMI_COMPLETED(Kind.YES_NO, false, false, 500),
    LSCMI_DATE(Kind.DATE, false, false, 500),
    RMP_IN_PLACE(Kind.YES_NO, false, false, 500),
    DESCRIPTION(Kind.TEXT, true, true, 20_000),
    AGENCIES_INVOLVED(Kind.TEXT, true, false, 2_000);

    /** How a field's value is written and stored. */
    public enum Kind { TEXT, COUNCIL, DATE, LEVEL, YES_NO, INCIDENT_TYPE, ORDER_TYPE }

    private static final Map<String, FormField> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FormField::key, Function.identity()));

    private final Kind kind;
    private final boolean identifying;
    private final boolean required;
    private final int maxLength;

    FormField(Kind kind, boolean identifying, boolean required, int maxLength) {
        this.kind = kind;
        this.identifying = identifying;
        this.required = required;
        this.maxLength = maxLength;
    }

    /** The form key, e.g. {@code incident_date}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() { return kind; }
    public boolean identifying() { return identifying; }
    public boolean required() { return required; }

    /** The longest value the form takes, in characters; a longer one goes to triage, never to the database. */
    public int maxLength() { return maxLength; }

    /** Whether a value as written is longer than the form takes. */
    public boolean tooLong(String text) {
        return text != null && text.length() > maxLength;
    }

    /** The field a written label names: {@code "Incident Date"}, {@code "incident-date"} and {@code incident_date} alike. */
    public static Optional<FormField> byLabel(String label) {
        String key = label.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-/]+", "_");
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
