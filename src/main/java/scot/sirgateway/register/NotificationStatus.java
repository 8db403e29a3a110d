package scot.sirgateway.register;

/** A notification's status (CONTRACT.md). */
public enum NotificationStatus {
    /** an operator must confirm it */
    TRIAGE,
    /** accepted, not yet forwarded */
    REGISTERED,
    /** sent to Scottish Government */
    FORWARDED
}
