package scot.sirgateway.model;

/** The clocks a notification runs (DOMAIN.md): what falls due, and who is chased for it. */
public enum ClockKind {
    /** the forward to Scottish Government, two working days after receipt: the inspectorate's operators */
    FORWARD,
    /** the council's review, three calendar months after receipt: the notifier and the council's CSWO */
    REVIEW,
    /** the inspectorate's comment on a review, one calendar month after its receipt: the strategic inspector */
    COMMENT,
    /** additional information an inspector asked for, by the date set: the council */
    INFORMATION
}
