package scot.sirgateway.portal;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.forms.*}: the council web form. {@code max-document-size}: the largest document a draft
 * takes (the servlet's multipart limit must be above it, so the person hears this limit in words);
 * {@code max-documents}: how many a draft holds; {@code draft-lifetime}: how long an untouched draft is
 * kept; {@code expiry-warning}: how long before its deletion the people who worked on it are told by mail;
 * {@code expiry-poll-delay}: how often drafts are checked.
 */
@Validated
@ConfigurationProperties("gateway.forms")
public record FormsProperties(
        @NotNull @DefaultValue("10MB") DataSize maxDocumentSize,
        @Positive @DefaultValue("10") int maxDocuments,
        @NotNull @DefaultValue("30d") Duration draftLifetime,
        @NotNull @DefaultValue("7d") Duration expiryWarning,
        @NotNull @DefaultValue("1h") Duration expiryPollDelay) {

    public FormsProperties {
        if (draftLifetime != null && expiryWarning != null && expiryWarning.compareTo(draftLifetime) >= 0) {
            throw new IllegalArgumentException("gateway.forms.expiry-warning must be shorter than gateway.forms.draft-lifetime");
        }
    }
}
