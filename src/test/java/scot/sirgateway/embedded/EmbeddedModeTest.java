package scot.sirgateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import scot.sirgateway.SirGatewayApplication;

/** The embedded mode's start: what it prints, and a busy mail port named with its property. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedModeTest {

    private static String[] embedded(Path data, int smtp, int imap, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("sir") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH",
                "--gateway.storage.generated-key-file=" + data.resolve("storage.key"),
                "--gateway.embedded-mail.smtp-port=" + smtp, "--gateway.embedded-mail.imap-port=" + imap));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(SirGatewayApplication.class).profiles("embedded").run(args);
    }

    @Test
    void adminPasswordFromTheEnvironmentShouldNeverBePrinted(@TempDir Path data, CapturedOutput output) throws IOException {
        String secret = "Env-Set-Admin-" + System.nanoTime();
        try (ConfigurableApplicationContext context = start(embedded(data, freePort(), freePort(),
                "--gateway.security.admin.password=" + secret))) {
            assertThat(output.getAll()).contains("running in embedded mode")
                    .contains("sign in as admin with the password you set (gateway.security.admin.password)")
                    .doesNotContain(secret);
        }
    }

    @Test
    void demoAdminPasswordShouldBePrinted(@TempDir Path data, CapturedOutput output) throws Exception {
        int imap = freePort();
        try (ConfigurableApplicationContext context = start(embedded(data, freePort(), imap))) {
            assertThat(output.getAll()).contains("sign in as admin / admin-demo-only")
                    .contains("/sign-in   console-demo / console-demo-only, then the code mailed to console@sir-gateway.test")
                    .contains("council-demo / council-demo-only, then the code mailed to cjsw@demo-council.test");
            // the demo's people exist, with their addresses in the embedded mailboxes; the admin is a program's
            var accounts = context.getBean(scot.sirgateway.operator.OperatorAccounts.class);
            assertThat(accounts.find("council-demo").orElseThrow().council()).isEqualTo("Demo Council");
            assertThat(accounts.find("console-demo").orElseThrow().serviceAccount()).isFalse();
            assertThat(accounts.find("admin").orElseThrow().serviceAccount()).isTrue();

            // the demo council's user signs in with the code that lands in the demo council's mailbox
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            scot.sirgateway.support.Browser browser = new scot.sirgateway.support.Browser(port);
            assertThat(browser.password("council-demo", "council-demo-only").headers().firstValue("Location")
                    .orElse("")).endsWith("/sign-in/code");
            String code = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> newestCode(imap, "cjsw@demo-council.test", "council-demo"), java.util.Objects::nonNull);
            assertThat(browser.code(code).headers().firstValue("Location").orElse("")).endsWith("/council");
        }
    }

    /** The code of the newest sign-in code mail in an embedded mailbox, read over IMAP; null when none. */
    private static String newestCode(int imap, String address, String password) throws Exception {
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
        try (jakarta.mail.Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imap, address, password);
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            String code = null;
            for (jakarta.mail.Message message : inbox.getMessages()) {
                if ("SIR Gateway sign-in code".equals(message.getSubject())) {
                    java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?m)^([0-9]{6})\\s*$")
                            .matcher(((String) message.getContent()).replace("\r", ""));
                    code = digits.find() ? digits.group(1) : code;
                }
            }
            inbox.close(false);
            return code;
        }
    }

    @Test
    void busySmtpPortShouldBeNamedWithItsProperty(@TempDir Path data, CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            catchThrowable(() -> start(embedded(data, taken.getLocalPort(), freePort())).close());
            assertThat(output.getAll()).contains("Port " + taken.getLocalPort() + ", for the embedded SMTP server")
                    .contains("gateway.embedded-mail.smtp-port (environment: GATEWAY_EMBEDDED_MAIL_SMTP_PORT)");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
