package scot.sirgateway.intake;

import java.util.Locale;

import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FormField;

/**
 * Why an operator must confirm a notification: the field concerned (none for the sender), what is
 * wrong with it, and the words the timeline and the console show. A reason is found and withdrawn by
 * its field and kind, never by its words.
 */
public record TriageReason(FormField field, Kind kind, String text) {

    /** What is wrong. */
    public enum Kind {
        /** longer than the form takes: not kept */
        TOO_LONG,
        /** written, but not as the field's type */
        UNREADABLE,
        /** required and absent */
        MISSING,
        /** read with a confidence below what needs no confirming */
        UNCERTAIN,
        /** the council named in the text is not the sender's */
        COUNCIL_MISMATCH,
        /** the category does not fit the incident type */
        CATEGORY_CONTRADICTS_TYPE,
        /** no signature verified the sender */
        UNVERIFIED_SENDER
    }

    public static TriageReason tooLong(FormField field, int length) {
        return new TriageReason(field, Kind.TOO_LONG, field.key() + " is " + length + " characters long, more than the "
                + field.maxLength() + " the form takes: not kept");
    }

    public static TriageReason unreadable(FormField field) {
        return new TriageReason(field, Kind.UNREADABLE, field.key() + " could not be read");
    }

    public static TriageReason missing(FormField field) {
        return new TriageReason(field, Kind.MISSING, field.key() + " is missing");
    }

    public static TriageReason uncertain(FormField field, FieldSource source) {
        return new TriageReason(field, Kind.UNCERTAIN, field.key() + " is uncertain (read from "
                + source.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    }

    public static TriageReason councilMismatch() {
        return new TriageReason(FormField.LOCAL_AUTHORITY, Kind.COUNCIL_MISMATCH,
                "local_authority in the text does not match the sender's council");
    }

    public static TriageReason categoryContradictsType(Object category, String incidentType) {
        return new TriageReason(FormField.INCIDENT_CATEGORY, Kind.CATEGORY_CONTRADICTS_TYPE,
                "incident_category " + category + " does not fit incident_type " + incidentType);
    }

    public static TriageReason unverifiedSender() {
        return new TriageReason(null, Kind.UNVERIFIED_SENDER, "the sender is not verified by a signature");
    }

    /** Whether this is the reason of {@code kind} about {@code field}. */
    public boolean is(FormField field, Kind kind) {
        return this.field == field && this.kind == kind;
    }

    @Override
    public String toString() {
        return text;
    }
}
