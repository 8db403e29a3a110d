package scot.sirgateway.council;

/** What happens to an unsigned mail from a council's domain. */
public enum SenderPolicy {
    /** quarantined as UNSIGNED_NOT_ALLOWED (the default) */
    QUARANTINE,
    /** registered in TRIAGE with signature_verified=false, for an operator to confirm */
    ACCEPT_UNVERIFIED
}
