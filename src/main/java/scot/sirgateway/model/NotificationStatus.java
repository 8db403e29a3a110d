package scot.sirgateway.model;

/** A notification's status (CONTRACT.md). */
public enum NotificationStatus {
    /** an operator must confirm it */
    TRIAGE,
    /** accepted, not yet forwarded */
    REGISTERED,
    /** sent to Scottish Government */
    FORWARDED,
    /**
     * rejected by an operator (forged, a duplicate, withdrawn by the council), with a reason: out of
     * every clock, alert, forward and report, kept with its trail
     */
    WITHDRAWN
}
