package scot.sirgateway.submit;

/**
 * A post whose {@code Idempotency-Key} was used before with another body, or whose first post with that key
 * is still running: not done again.
 */
public class IdempotencyConflictException extends RuntimeException {

    private final boolean inProgress;

    public IdempotencyConflictException(String message, boolean inProgress) {
        super(message);
        this.inProgress = inProgress;
    }

    /** True when the first post with the key has not finished yet (try again shortly). */
    public boolean inProgress() {
        return inProgress;
    }
}
