package scot.sirgateway.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import scot.sirgateway.operator.AdminProperties;

/**
 * Once the embedded mode is up, says how to sign in (the API's admin by HTTP Basic, the demo people on the
 * sign-in page with the code from their mailbox) and how to send a first notification.
 */
@Component
@ConditionalOnBooleanProperty("gateway.embedded-mail.enabled")
class EmbeddedModeNote {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedModeNote.class);

    private final EmbeddedMailProperties mail;
    private final AdminProperties admin;
    private final Environment environment;
    private final DemoAccountProperties demo;

    EmbeddedModeNote(EmbeddedMailProperties mail, AdminProperties admin, Environment environment,
            DemoAccountProperties demo) {
        this.mail = mail;
        this.admin = admin;
        this.environment = environment;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        StringBuilder note = new StringBuilder("\n\n  SIR Gateway is running in embedded mode (demo keys and .test mailboxes only)\n\n");
        boolean demoPassword = demoPassword("gateway.security.admin.password");
        String signIn = demoPassword ? admin.username() + " / " + admin.password()
                : admin.username() + " with the password you set (gateway.security.admin.password)";
        note.append("  API (HTTP Basic)  http://localhost:").append(port).append("   sign in as ")
                .append(signIn).append('\n');
        for (int i = 0; i < demo.accounts().size(); i++) {
            DemoAccountProperties.Account account = demo.accounts().get(i);
            String password = demoPassword("gateway.demo.accounts[" + i + "].password") ? account.password()
                    : "(the password you set)";
            note.append("  ").append(String.format("%-17s", account.description() == null ? account.role()
                            : account.description())).append(" http://localhost:").append(port)
                    .append("/sign-in   ").append(account.username()).append(" / ").append(password)
                    .append(", then the code mailed to ").append(account.email()).append('\n');
        }
        note.append("  Mail server       SMTP localhost:").append(mail.smtpPort()).append("   IMAP localhost:")
                .append(mail.imapPort()).append('\n');
        for (EmbeddedMailProperties.Mailbox mailbox : mail.mailboxes()) {
            note.append("    ").append(String.format("%-34s", mailbox.address())).append(" password ")
                    .append(mailbox.password()).append("   ").append(mailbox.description()).append('\n');
        }
        note.append("\n  Send a first notification, from the project folder:\n")
                .append("    curl smtp://localhost:").append(mail.smtpPort())
                .append(" --mail-from cjsw@demo-council.test --mail-rcpt notifications@sir-gateway.test \\\n")
                .append("         --upload-file src/main/resources/demo/first-notification.eml\n")
                .append("  then list it:\n")
                .append("    curl -u ").append(admin.username()).append(demoPassword ? ":" + admin.password() : "")
                .append(" http://localhost:").append(port).append("/api/notifications\n")
                .append("  The acknowledgement arrives in the cjsw@demo-council.test mailbox (IMAP).\n");
        log.info(note.toString());
    }

    /**
     * Whether a password (the admin's, a demo person's) is the demo one of application-embedded.yml: a password set through
     * the environment or another file is never printed.
     */
    private boolean demoPassword(String property) {
        if (!(environment instanceof org.springframework.core.env.ConfigurableEnvironment configurable)) {
            return false;
        }
        for (org.springframework.core.env.PropertySource<?> source : configurable.getPropertySources()) {
            // skip the view over all sources that Spring Boot puts first
            if (!source.getName().equals("configurationProperties")
                    && source.containsProperty(property)) {
                return source.getName().contains("application-embedded.yml");
            }
        }
        return false;
    }
}
