package scot.sirgateway.forward;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.government.recipients} / {@code certificates}: Scottish Government's address(es) and the
 * certificate(s) every forward is encrypted to (each listed one is a recipient of the envelope).
 */
@Validated
@ConfigurationProperties("gateway.government")
public record GovernmentProperties(@NotEmpty List<String> recipients, @NotEmpty List<String> certificates) {
}
