package scot.sirgateway.quarantine;

/**
 * A digest of everything a stage's verdict on a message depended on (the gateway's keys, trust
 * anchors, the councils with their certificates and PDF passwords, an operator-supplied password,
 * the classification rules): recorded with each quarantine entry, so that reprocessing a message
 * whose cause is unchanged is refused instead of quarantining it again.
 */
public interface CauseFingerprint {

    /** The digest for the stage that stopped the stored message, as the gateway is configured now. */
    String of(String stage, long storedMessageId);
}
