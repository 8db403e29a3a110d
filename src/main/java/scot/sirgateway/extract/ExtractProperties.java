package scot.sirgateway.extract;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.extract.*}: how far the gateway goes with one attached document before it calls it
 * {@code DOCUMENT_LIMIT_EXCEEDED}: its size, the text it yields, its expansion ratio and nesting, and
 * the time it takes; and the reader processes that read documents: how many at once, their heap, and
 * the private directory for their scratch files (default: {@code sir-gateway-scratch-<user>} under
 * {@code java.io.tmpdir}).
 */
@Validated
@ConfigurationProperties("gateway.extract")
public record ExtractProperties(
        @Positive @DefaultValue("15728640") long maxDocumentBytes,
        @Positive @DefaultValue("1000000") int maxTextChars,
        @Positive @DefaultValue("100") long maxCompressionRatio,
        @Positive @DefaultValue("100") int maxXmlDepth,
        @Positive @DefaultValue("5") int maxPackageDepth,
        @DefaultValue("30s") Duration timeout,
        @Positive @DefaultValue("2") int workers,
        @DefaultValue("256MB") DataSize workerHeap,
        Path scratchDir) {

    @ConstructorBinding
    public ExtractProperties {
    }

    /** The limits with the default reader processes. */
    public ExtractProperties(long maxDocumentBytes, int maxTextChars, long maxCompressionRatio, int maxXmlDepth,
            int maxPackageDepth, Duration timeout) {
        this(maxDocumentBytes, maxTextChars, maxCompressionRatio, maxXmlDepth, maxPackageDepth, timeout, 2,
                DataSize.ofMegabytes(256), null);
    }
}
