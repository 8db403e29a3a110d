package scot.sirgateway.intake;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.mail.intake.*}: the inspectorate's intake mailbox, and the limits on a message's shape
 * that hold at every layer, decrypted or not ({@link MessageLimits}). {@code enabled} false leaves the
 * intake routes ({@code intake-mail}, {@code intake-waiting}) stopped: a second gateway on the same
 * database that only sends (outbox, reminders) does not read the mailbox. {@code idle} true (the default)
 * takes mail as it arrives where the server offers IMAP IDLE ({@link IdleWatcher}); the timer polls every
 * {@code poll-delay} either way, as the net. {@code protocol} imaps (the default) is TLS from the first byte;
 * imap with {@code starttls} true switches to TLS before signing in and refuses a server that does not offer it;
 * imap alone is plain (the embedded mode and tests, on this machine). TLS is verified against
 * {@code gateway.mail.trust-store} ({@link scot.sirgateway.MailTls}).
 */
@Validated
@ConfigurationProperties("gateway.mail.intake")
public record IntakeProperties(
        @NotBlank @Pattern(regexp = "imaps?", message = "must be imap or imaps") @DefaultValue("imaps") String protocol,
        @NotBlank String host,
        @Positive int port,
        @NotBlank String username,
        @NotBlank String password,
        @NotBlank @DefaultValue("INBOX") String folder,
        @NotBlank @DefaultValue("Processed") String processedFolder,
        @NotBlank @DefaultValue("Quarantine") String quarantineFolder,
        @Positive @DefaultValue("26214400") long maxMessageBytes,
        @DefaultValue("10s") Duration pollDelay,
        @Positive @DefaultValue("50") int maxMimeParts,
        @Positive @DefaultValue("20") int maxMimeDepth,
        @Positive @DefaultValue("262144") long maxHeaderBytes,
        @Positive @DefaultValue("3") int maxFetchAttempts,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean idle,
        @DefaultValue("false") boolean starttls) {

    @ConstructorBinding
    public IntakeProperties {
    }

    /** Plain IMAP or IMAPS as the protocol says, without STARTTLS. */
    public IntakeProperties(String protocol, String host, int port, String username, String password, String folder,
            String processedFolder, String quarantineFolder, long maxMessageBytes, Duration pollDelay, int maxMimeParts,
            int maxMimeDepth, long maxHeaderBytes, int maxFetchAttempts, boolean enabled, boolean idle) {
        this(protocol, host, port, username, password, folder, processedFolder, quarantineFolder, maxMessageBytes,
                pollDelay, maxMimeParts, maxMimeDepth, maxHeaderBytes, maxFetchAttempts, enabled, idle, false);
    }

    /** Whether the mailbox is reached over TLS (IMAPS, or IMAP with STARTTLS required). */
    public boolean tls() {
        return "imaps".equals(protocol) || starttls;
    }
}
