package scot.sirgateway.operator;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.security.max-failed-sign-ins}: after this many failed sign-ins in a row (wrong passwords by
 * HTTP Basic or the sign-in page, wrong sign-in codes) an account is locked for {@code gateway.security.lock-duration}, or until an admin unlocks
 * it; a successful sign-in starts the count again. The lock ends by itself because anyone who knows a
 * username can set it off: a lock for ever would let five requests per admin leave nobody to unlock anybody.
 */
@Validated
@ConfigurationProperties("gateway.security")
public record SignInProperties(@DefaultValue("5") @Min(1) int maxFailedSignIns,
        @DefaultValue("15m") Duration lockDuration) {
}
