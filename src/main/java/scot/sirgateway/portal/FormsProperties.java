package scot.sirgateway.portal;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.forms.*} for the web form's drafts (the limits of documents, {@code max-document-bytes} and
 * {@code max-documents}, are the submit part's): {@code draft-lifetime}: how long an untouched draft is
 * kept; {@code expiry-warning}: how long before its deletion the people who worked on it are told by mail;
 * {@code expiry-poll-delay}: how often drafts are checked.
 */
@Validated
@ConfigurationProperties("gateway.forms")
public record FormsProperties(
        @NotNull @DefaultValue("30d") Duration draftLifetime,
        @NotNull @DefaultValue("7d") Duration expiryWarning,
        @NotNull @DefaultValue("1h") Duration expiryPollDelay) {

    public FormsProperties {
        if (draftLifetime != null && expiryWarning != null && expiryWarning.compareTo(draftLifetime) >= 0) {
            throw new IllegalArgumentException("gateway.forms.expiry-warning must be shorter than gateway.forms.draft-lifetime");
        }
    }
}
