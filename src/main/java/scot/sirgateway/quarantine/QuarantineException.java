package scot.sirgateway.quarantine;

/**
 * A deterministic reason not to accept a message: it goes to quarantine at once, without retries.
 * The reason is written for an operator and never carries message content.
 */
public class QuarantineException extends RuntimeException {

    private final ReasonCode reasonCode;

    public QuarantineException(ReasonCode reasonCode, String reason) {
        super(reason);
        this.reasonCode = reasonCode;
    }

    public QuarantineException(ReasonCode reasonCode, String reason, Throwable cause) {
        super(reason, cause);
        this.reasonCode = reasonCode;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }

    public String reason() {
        return getMessage();
    }
}
