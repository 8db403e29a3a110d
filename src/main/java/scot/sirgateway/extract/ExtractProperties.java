package scot.sirgateway.extract;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.extract.*}: how far the gateway goes with one attached document before it calls it
 * {@code DOCUMENT_LIMIT_EXCEEDED}: its size, the text it yields, its expansion ratio and nesting, and
 * the time it takes.
 */
@Validated
@ConfigurationProperties("gateway.extract")
public record ExtractProperties(
        @Positive @DefaultValue("15728640") long maxDocumentBytes,
        @Positive @DefaultValue("1000000") int maxTextChars,
        @Positive @DefaultValue("100") long maxCompressionRatio,
        @Positive @DefaultValue("100") int maxXmlDepth,
        @Positive @DefaultValue("5") int maxPackageDepth,
        @DefaultValue("30s") Duration timeout) {
}
