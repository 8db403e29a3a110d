package scot.sirgateway.model;

/** Where a field's value came from (CONTRACT.md). */
public enum FieldSource {
    FORM_FIELD, DOCUMENT_LABEL, DESCRIPTION, SENDER, OPERATOR
}
