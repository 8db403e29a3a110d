package scot.sirgateway.register;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of the notification form (DOMAIN.md), which are also the AcroForm, web form, JSON and
 * column names. {@code identifying} fields are stored encrypted; {@code required} ones must be present
 * for a notification to be complete.
 */
public enum FormField {
    LOCAL_AUTHORITY(Kind.COUNCIL, false, true),
    NOTIFIER_NAME(Kind.TEXT, true, true),
    NOTIFIER_ROLE(Kind.TEXT, true, false),
    NOTIFIER_EMAIL(Kind.TEXT, true, true),
    NOTIFIER_PHONE(Kind.TEXT, true, false),
    SIGNOFF_NAME(Kind.TEXT, true, true),
    SIGNOFF_ROLE(Kind.TEXT, true, true),
    INCIDENT_DATE(Kind.DATE, false, true),
    AWARE_DATE(Kind.DATE, false, false),
    INCIDENT_CATEGORY(Kind.LEVEL, false, true),
    INCIDENT_TYPE(Kind.INCIDENT_TYPE, false, true),
    INCIDENT_TYPE_OTHER(Kind.TEXT, true, false),
    OFFENDER_REF(Kind.TEXT, true, true),
    OFFENDER_INITIALS(Kind.TEXT, true, false),
    OFFENDER_DOB(Kind.TEXT, true, false),
    OFFENDER_GENDER(Kind.TEXT, true, false),
    ORDER_TYPE(Kind.ORDER_TYPE, false, true),
    MAPPA(Kind.YES_NO, false, true),
    MAPPA_CATEGORY(Kind.LEVEL, false, false),
    MAPPA_LEVEL(Kind.LEVEL, false, false),
    SOG_NOTIFIED(Kind.YES_NO, false, false),
    LSCMI_COMPLETED(Kind.YES_NO, false, false),
    LSCMI_DATE(Kind.DATE, false, false),
    RMP_IN_PLACE(Kind.YES_NO, false, false),
    DESCRIPTION(Kind.TEXT, true, true),
    AGENCIES_INVOLVED(Kind.TEXT, true, false);

    /** How a field's value is written and stored. */
    public enum Kind { TEXT, COUNCIL, DATE, LEVEL, YES_NO, INCIDENT_TYPE, ORDER_TYPE }

    private static final Map<String, FormField> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FormField::key, Function.identity()));

    private final Kind kind;
    private final boolean identifying;
    private final boolean required;

    FormField(Kind kind, boolean identifying, boolean required) {
        this.kind = kind;
        this.identifying = identifying;
        this.required = required;
    }

    /** The form key, e.g. {@code incident_date}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() { return kind; }
    public boolean identifying() { return identifying; }
    public boolean required() { return required; }

    /** The field a written label names: {@code "Incident Date"}, {@code "incident-date"} and {@code incident_date} alike. */
    public static Optional<FormField> byLabel(String label) {
        String key = label.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-/]+", "_");
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
