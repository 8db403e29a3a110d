package scot.sirgateway.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.mail.outbound.*}: the SMTP relay, the gateway's own sender address, and how the
 * outbox retries while the relay is down.
 */
@Validated
@ConfigurationProperties("gateway.mail.outbound")
public record OutboundMailProperties(
        @NotBlank String host,
        @Positive int port,
        String username,
        String password,
        @DefaultValue("true") boolean starttls,
        @NotBlank @Email String from,
        @DefaultValue("5s") Duration pollDelay,
        @DefaultValue("10s") Duration retryInitial,
        @DefaultValue("10m") Duration retryMax) {

    /** The domain of the sender address, used on the right of every Message-ID the gateway makes. */
    public String domain() {
        return from.substring(from.indexOf('@') + 1);
    }
}
