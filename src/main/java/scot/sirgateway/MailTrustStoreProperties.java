package scot.sirgateway;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.mail.trust-store*}: the certificates the mail servers' TLS is verified against, for the
 * intake (IMAPS or IMAP with STARTTLS, IDLE, the health check) and the relay (SMTP with STARTTLS or SMTPS)
 * alike. No {@code trust-store}: the JVM's default trust store. A path is {@code file:} or {@code classpath:}.
 */
@Validated
@ConfigurationProperties("gateway.mail")
public record MailTrustStoreProperties(String trustStore, String trustStorePassword,
        @NotBlank @DefaultValue("PKCS12") String trustStoreType) {
}
