package scot.sirgateway;

/**
 * An operator's release (of a quarantined message or a triage notification) that cannot be done now,
 * with a reason the operator can act on; the API answers it as 409 Conflict.
 */
public class ReleaseRefusedException extends RuntimeException {

    public ReleaseRefusedException(String reason) {
        super(reason);
    }
}
