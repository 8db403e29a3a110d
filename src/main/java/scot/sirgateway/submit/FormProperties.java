package scot.sirgateway.submit;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of a form post ({@code gateway.forms}): the largest document (10 MB; all of a post's documents
 * together stay within {@code gateway.mail.intake.max-message-bytes}, as a mail's), the most documents in one
 * post, how long an {@code Idempotency-Key} is remembered, and how long a request's claim on its stored
 * message keeps the {@code intake-waiting} timer off it (after a crash the timer takes it then).
 */
@Validated
@ConfigurationProperties("gateway.forms")
public record FormProperties(
        @Positive @DefaultValue("10485760") long maxDocumentBytes,
        @Positive @DefaultValue("20") int maxDocuments,
        @DefaultValue("30d") Duration idempotencyKeysKept,
        @DefaultValue("10m") Duration claim) {
}
