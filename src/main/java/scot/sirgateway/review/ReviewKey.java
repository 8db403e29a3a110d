package scot.sirgateway.review;

import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of a review submission (DOMAIN.md), as the API, the review's fields and every reply name them.
 * Names and roles are personal data: sealed at rest.
 */
public enum ReviewKey {
    REVIEW_TYPE("review_type", false),
    REVIEWER_NAME("reviewer_name", true),
    REVIEWER_ROLE("reviewer_role", true),
    SIGNOFF_NAME("signoff_name", true),
    SIGNOFF_ROLE("signoff_role", false),
    SIGNOFF_DATE("signoff_date", false);

    private final String key;
    private final boolean sealed;

    ReviewKey(String key, boolean sealed) {
        this.key = key;
        this.sealed = sealed;
    }

    /** The key as written: {@code review_type}; also the review's column. */
    public String key() {
        return key;
    }

    /** Whether the value is personal data, encrypted in its column. */
    public boolean sealed() {
        return sealed;
    }

    public static Optional<ReviewKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
