package scot.sirgateway.submit;

/**
 * A form post that was stored but stopped by a stage (an unreadable or over-limit document, say): it waits in
 * the quarantine like a mail, where operators see it; the caller is told why in the quarantine's words, which
 * never quote content.
 */
public class FormQuarantinedException extends RuntimeException {

    private final String reasonCode;
    private final String reason;

    public FormQuarantinedException(String reasonCode, String reason) {
        super("the form post was quarantined: " + reasonCode);
        this.reasonCode = reasonCode;
        this.reason = reason;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String reason() {
        return reason;
    }
}
