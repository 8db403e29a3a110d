package scot.sirgateway.submit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.forms.*}: limits of a form post, the largest document (10 MB; all of a post's documents
 * together stay within {@code gateway.mail.intake.max-message-bytes}, as a mail's) and the most documents in
 * one post; how long an {@code Idempotency-Key} is remembered; how long a request's claim on its stored
 * message keeps the {@code intake-waiting} timer off it (after a crash the timer takes it then); and the web
 * form's drafts: how long an untouched draft is kept, how long before its deletion the people who worked on
 * it are told by mail, and how often drafts are checked.
 */
@Validated
@ConfigurationProperties("gateway.forms")
public record FormProperties(
        @Positive @DefaultValue("10485760") long maxDocumentBytes,
        @Positive @DefaultValue("20") int maxDocuments,
        @DefaultValue("30d") Duration idempotencyKeysKept,
        @DefaultValue("10m") Duration claim,
        @NotNull @DefaultValue("30d") Duration draftLifetime,
        @NotNull @DefaultValue("7d") Duration expiryWarning,
        @NotNull @DefaultValue("1h") Duration expiryPollDelay) {

    public FormProperties {
        if (draftLifetime != null && expiryWarning != null && expiryWarning.compareTo(draftLifetime) >= 0) {
            throw new IllegalArgumentException("gateway.forms.expiry-warning must be shorter than gateway.forms.draft-lifetime");
        }
    }
}
