package scot.sirgateway.unwrap;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code gateway.trust.anchors}: PEM files or folders of the CA certificates council signers must chain to. */
@Validated
@ConfigurationProperties("gateway.trust")
public record TrustProperties(@NotEmpty(message = "at least one trust anchor (a CA certificate file or folder) is required")
        List<String> anchors) {
}
