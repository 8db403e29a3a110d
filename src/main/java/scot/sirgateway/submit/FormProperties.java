package scot.sirgateway.submit;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Limits of a form post, {@code gateway.forms} (temporary stand-in with the submit part's names and defaults). */
@Validated
@ConfigurationProperties("gateway.forms")
public record FormProperties(
        @Positive @DefaultValue("10485760") long maxDocumentBytes,
        @Positive @DefaultValue("20") int maxDocuments,
        @DefaultValue("30d") Duration idempotencyKeysKept,
        @DefaultValue("10m") Duration claim) {
}
