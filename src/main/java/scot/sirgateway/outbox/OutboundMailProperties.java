package scot.sirgateway.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.mail.outbound.*}: the SMTP relay, the gateway's own sender address, and how the
 * outbox retries while the relay is down. {@code protocol} smtp (the default) with {@code starttls} true switches
 * to TLS before signing in and refuses a relay that does not offer it; smtps is TLS from the first byte (port
 * 465); smtp with {@code starttls} false is plain (the embedded mode and tests, on this machine). TLS is verified
 * against {@code gateway.mail.trust-store} ({@link scot.sirgateway.MailTls}).
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
        @DefaultValue("10m") Duration retryMax,
        @NotBlank @Pattern(regexp = "smtps?", message = "must be smtp or smtps") @DefaultValue("smtp") String protocol) {

    @ConstructorBinding
    public OutboundMailProperties {
    }

    /** SMTP, with or without STARTTLS. */
    public OutboundMailProperties(String host, int port, String username, String password, boolean starttls, String from,
            Duration pollDelay, Duration retryInitial, Duration retryMax) {
        this(host, port, username, password, starttls, from, pollDelay, retryInitial, retryMax, "smtp");
    }

    /** Whether the relay is reached over TLS (SMTPS, or SMTP with STARTTLS required). */
    public boolean tls() {
        return "smtps".equals(protocol) || starttls;
    }

    /** The domain of the sender address, used on the right of every Message-ID the gateway makes. */
    public String domain() {
        return from.substring(from.indexOf('@') + 1);
    }
}
