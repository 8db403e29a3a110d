package scot.sirgateway.storage;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.storage.*}: the AES-256 key (base64) that encrypts everything at rest, its id, and
 * older keys that must stay readable. {@code generated-key-file} is for the embedded mode only: a key
 * made on first start and kept beside the demo database.
 */
@Validated
@ConfigurationProperties("gateway.storage")
public record StorageProperties(
        String key,
        @NotBlank @DefaultValue("k1") String keyId,
        @DefaultValue Map<String, String> oldKeys,
        Path generatedKeyFile) {

    @AssertTrue(message = "gateway.storage.key is required: an AES-256 key, base64 encoded (openssl rand -base64 32)")
    public boolean isKeyConfigured() {
        return (key != null && !key.isBlank()) || generatedKeyFile != null;
    }
}
