package scot.sirgateway.smime;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.crypto.keystores[n].path / password}: PKCS#12 files with the gateway's private keys
 * and certificates (RSA and EC). All are tried for decryption; the first one listed signs.
 */
@Validated
@ConfigurationProperties("gateway.crypto")
public record CryptoProperties(@NotEmpty(message = "at least one keystore is required") @Valid List<Keystore> keystores) {

    public record Keystore(@NotBlank String path, @NotBlank String password) {
    }
}
