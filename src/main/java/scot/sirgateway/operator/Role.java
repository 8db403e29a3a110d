package scot.sirgateway.operator;

/** What an account may do. */
public enum Role {
    /** runs the mailbox: sees, triages and fixes everything */
    OPERATOR,
    /** reads notifications and comments on reviews */
    INSPECTOR,
    /** an operator who also manages accounts */
    ADMIN,
    /** a council's user or system: its own council's submissions only */
    COUNCIL
}
