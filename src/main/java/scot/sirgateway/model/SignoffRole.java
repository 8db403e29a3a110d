package scot.sirgateway.model;

/** Who signed a review off (DOMAIN.md): signed off as required when HEAD_OF_SERVICE or CSWO. */
public enum SignoffRole {
    CSWO,
    HEAD_OF_SERVICE,
    OTHER
}
