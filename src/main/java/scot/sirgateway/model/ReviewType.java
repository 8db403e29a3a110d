package scot.sirgateway.model;

/**
 * The two stages of a serious incident review (DOMAIN.md), in the terms of the 2013-15 report; later
 * guidance calls them "Part One: Case Review" and "Part Two: Reflective Learning Review".
 */
public enum ReviewType {
    /** initial analysis review; "Part One: Case Review" */
    IAR,
    /** comprehensive review; "Part Two: Reflective Learning Review" */
    COMPREHENSIVE
}
