package scot.sirgateway.operator;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.security.max-failed-sign-ins}: after this many failed sign-ins in a row (HTTP Basic or the
 * console's form) an account is locked until an admin unlocks it; a successful sign-in starts the count
 * again.
 */
@Validated
@ConfigurationProperties("gateway.security")
public record SignInProperties(@DefaultValue("5") @Min(1) int maxFailedSignIns) {
}
