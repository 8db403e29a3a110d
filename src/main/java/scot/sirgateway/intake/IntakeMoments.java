package scot.sirgateway.intake;

/**
 * The moments between taking a message's bytes and moving its IMAP copy, in order. Production has no
 * bean of this type; a test supplies one to stop the gateway at a chosen moment and kill it there.
 */
@FunctionalInterface
public interface IntakeMoments {

    enum Moment {
        /** the bytes are read from the server, nothing is written yet */
        BYTES_READ,
        /** the stored row is written inside its transaction, not yet committed */
        BEFORE_COMMIT,
        /** the transaction is committed */
        COMMITTED,
        /** the commit is on disk ({@link DurableCommits#sync}), the IMAP copy not yet moved */
        DURABLE,
        /** the IMAP copy is moved to the processed folder */
        MOVED
    }

    void reached(Moment moment);
}
