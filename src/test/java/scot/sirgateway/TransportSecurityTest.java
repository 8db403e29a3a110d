package scot.sirgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.GreenMailUser;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.intake.MailPoller;
import scot.sirgateway.outbox.OutboundMailProperties;
import scot.sirgateway.outbox.SmtpRelay;
import scot.sirgateway.support.RecordingRelay;
import scot.sirgateway.support.SmtpSubmission;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;
import scot.sirgateway.support.TlsMailServer;

/**
 * Transport security through the real gateway: mail over IMAPS and SMTPS verified against
 * {@code gateway.mail.trust-store} (or refused with the JVM's default trust store, nothing sent in clear), STARTTLS
 * required and the server's name checked, a bad trust store stopping start-up, and the console and API over HTTPS
 * from a Spring Boot SSL bundle with HSTS and secure cookies. The mail servers are {@link TlsMailServer}'s.
 */
class TransportSecurityTest {

    private static final String SENDER = "cjsw@demo-council.test";
    private static final String RELAY_USER = "relay@sir-gateway.test";
    private static final String RELAY_PASSWORD = "relay-secret-7f3a";
    private static final String INTAKE_PASSWORD = "intake-secret-91bd";

    private final TlsMailServer tls = TlsMailServer.shared();

    @Test
    void trustedServersShouldCarryMailAndTheConsoleOverVerifiedTls() throws Exception {
        String intake = "tls-intake@sir-gateway.test";
        GreenMailUser mailbox = tls.greenMail().setUser(intake, intake, INTAKE_PASSWORD);
        tls.greenMail().setUser(RELAY_USER, RELAY_USER, RELAY_PASSWORD);
        Map<String, String> p = mail("trusted", "localhost", tls.imapsPort(), intake, "localhost", tls.smtpsPort());
        p.put("gateway.mail.trust-store", "file:" + TlsMailServer.CA_TRUST_STORE);
        p.put("gateway.mail.trust-store-password", TlsMailServer.PASSWORD);
        // the console and API over HTTPS from a PEM bundle, as production's example
        p.put("spring.ssl.bundle.pem.web.keystore.certificate", "file:certs-example/tls/localhost.cert.pem");
        p.put("spring.ssl.bundle.pem.web.keystore.private-key", "file:certs-example/tls/localhost.key.pem");
        p.put("spring.ssl.bundle.pem.web.options.enabled-protocols", "TLSv1.3,TLSv1.2");
        p.put("server.ssl.bundle", "web");
        p.put("server.servlet.session.cookie.secure", "true");
        try (ConfigurableApplicationContext gateway = start(p)) {
            assertThat(health(gateway, "imapHealthIndicator").getStatus()).isEqualTo(Status.UP);
            assertThat(health(gateway, "smtpHealthIndicator").getStatus()).isEqualTo(Status.UP);

            String messageId = TestMessages.newMessageId("demo-council.test");
            String form = TestMessages.formLines(TestMessages.completeForm("tls"));
            SmtpSubmission.send(tls.smtpPort(), "test.local", SENDER, intake, new ByteArrayInputStream(
                    TestSmime.signedMail(SENDER, TestSmime.demoCouncil(), form, Map.of("Message-ID", messageId))),
                    30_000);
            // taken over IMAPS, acknowledged over SMTPS (signed in to the relay over TLS)
            MimeMessage acknowledgement = Awaitility.await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> tls.greenMail()
                            .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(SENDER),
                                    m -> messageId.equals(header(m, "In-Reply-To")))
                            .findFirst().orElse(null), m -> m != null);
            assertThat(acknowledgement.getSubject()).isNotBlank();
            assertThat(inbox(mailbox)).as("the notification was taken from the intake folder").isZero();
            JdbcClient jdbc = gateway.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE message_id = ?").param(messageId)
                    .query(Long.class).single()).isOne();

            https(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
        }
    }

    /** The console over HTTPS: HSTS, the session cookie Secure, HttpOnly and SameSite=Strict; plain HTTP refused. */
    private static void https(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TlsMailServer.trustingTestCa()).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sign-in"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + page.headers().map()));
        assertThat(cookie).contains("; Secure").contains("; HttpOnly").containsIgnoringCase("; SameSite=Strict");
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"imap\":{\"status\":\"UP\"}").contains("\"smtp\":{\"status\":\"UP\"}");

        // plain HTTP to the HTTPS port: no page, no cookie
        HttpResponse<String> plain = null;
        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/sign-in")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()));
        if (refused == null) {
            plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/sign-in")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("plain HTTP on the HTTPS port").isEqualTo(400);
            assertThat(plain.body()).doesNotContain("Sign in").doesNotContain("_csrf");
            assertThat(plain.headers().allValues("Set-Cookie")).isEmpty();
        } else {
            assertThat(refused).isInstanceOf(IOException.class);
        }
    }

    @Test
    void untrustedServersShouldBeRefusedWithNothingTakenAndNoCredentialInClear() throws Exception {
        String intake = "untrusted-intake@sir-gateway.test";
        GreenMailUser mailbox = tls.greenMail().setUser(intake, intake, INTAKE_PASSWORD);
        tls.greenMail().setUser(RELAY_USER, RELAY_USER, RELAY_PASSWORD);
        SmtpSubmission.send(tls.smtpPort(), "test.local", SENDER, intake, new ByteArrayInputStream(
                TestMessages.plainNotification(SENDER, TestMessages.newMessageId("demo-council.test"),
                        TestMessages.completeForm("untrusted"))), 30_000);
        try (RecordingRelay imaps = new RecordingRelay("127.0.0.1", tls.imapsPort());
                RecordingRelay smtps = new RecordingRelay("127.0.0.1", tls.smtpsPort())) {
            // no gateway.mail.trust-store: the JVM's default trust store, which does not hold the test CA
            Map<String, String> p = mail("untrusted", "127.0.0.1", imaps.port(), intake, "127.0.0.1", smtps.port());
            try (ConfigurableApplicationContext gateway = start(p)) {
                Health imap = health(gateway, "imapHealthIndicator");
                Health smtp = health(gateway, "smtpHealthIndicator");
                assertThat(imap.getStatus()).isEqualTo(Status.DOWN);
                assertThat(imap.getDetails().get("reason").toString()).startsWith("TLS refused");
                assertThat(smtp.getStatus()).isEqualTo(Status.DOWN);
                assertThat(smtp.getDetails().get("reason").toString()).startsWith("TLS refused");
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + gateway.getEnvironment().getProperty("local.server.port") + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"imap\":{\"status\":\"DOWN\"}").contains("\"smtp\":{\"status\":\"DOWN\"}");

                // a take fails at the handshake: the message stays on the server, nothing is stored
                assertThatThrownBy(() -> gateway.getBean(MailPoller.class).poll()).isInstanceOf(MessagingException.class);
                assertThat(inbox(mailbox)).isOne();
                assertThat(gateway.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM stored_message")
                        .query(Long.class).single()).isZero();
            }
            assertThat(imaps.connections()).isPositive();
            assertThat(smtps.connections()).isPositive();
            assertOnlyTls(imaps.fromClients(), INTAKE_PASSWORD);
            assertOnlyTls(smtps.fromClients(), RELAY_PASSWORD);
        }
    }

    @Test
    void relayWithoutStartTlsOrUnderAnotherNameShouldBeRefusedBeforeSigningIn() throws Exception {
        tls.greenMail().setUser(RELAY_USER, RELAY_USER, RELAY_PASSWORD);
        MailTls trusting = new MailTls(new MailTrustStoreProperties("file:" + TlsMailServer.CA_TRUST_STORE,
                TlsMailServer.PASSWORD, "PKCS12"));
        // GreenMail's SMTP offers no STARTTLS: with STARTTLS on, the relay is refused, never signed in to in clear
        try (RecordingRelay plain = new RecordingRelay("127.0.0.1", tls.smtpPort())) {
            SmtpRelay relay = new SmtpRelay(outbound("127.0.0.1", plain.port(), true, "smtp"), trusting);
            assertThatThrownBy(relay::connect).isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
            assertThat(MailTls.reason(catchThrowable(relay::connect))).contains("STARTTLS");
            String sent = new String(plain.fromClients(), StandardCharsets.ISO_8859_1);
            assertThat(sent).contains("EHLO").doesNotContain("AUTH").doesNotContain("MAIL FROM");
            assertNoPassword(plain.fromClients(), RELAY_PASSWORD);
        }
        // the trusted CA's certificate names localhost and 127.0.0.1, not 127.0.0.2: refused there
        try (RecordingRelay elsewhere = new RecordingRelay("127.0.0.2", tls.smtpsPort())) {
            SmtpRelay relay = new SmtpRelay(outbound("127.0.0.2", elsewhere.port(), false, "smtps"), trusting);
            assertThat(MailTls.reason(catchThrowable(relay::connect))).startsWith("TLS refused");
            assertOnlyTls(elsewhere.fromClients(), RELAY_PASSWORD);
        }
        SmtpRelay named = new SmtpRelay(outbound("127.0.0.1", tls.smtpsPort(), false, "smtps"), trusting);
        named.connect().close();
    }

    @Test
    void badTrustStoreShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = mail("bad-store", "localhost", tls.imapsPort(), "nobody@sir-gateway.test", "localhost",
                tls.smtpsPort());
        p.put("gateway.mail.trust-store", "file:no-such-folder/mail-trust.p12");
        assertThat(failureOf(p)).contains("gateway.mail.trust-store: no trust store at");
        // the same bean that stopped that start, given a store it cannot open (no second start: they cost seconds each)
        assertThatThrownBy(() -> new MailTls(new MailTrustStoreProperties("file:" + TlsMailServer.CA_TRUST_STORE,
                "not-the-password", "PKCS12"))).hasMessageContaining("gateway.mail.trust-store-password");
    }

    private static OutboundMailProperties outbound(String host, int port, boolean starttls, String protocol) {
        return new OutboundMailProperties(host, port, RELAY_USER, RELAY_PASSWORD, starttls, "notifications@sir-gateway.test",
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), protocol);
    }

    /** What a client sent began with a TLS handshake record and holds the password neither as it is nor in base64. */
    private static void assertOnlyTls(byte[] sent, String password) {
        assertThat(sent).as("the client sent something").isNotEmpty();
        assertThat(sent[0]).as("a TLS handshake record first, nothing in clear").isEqualTo((byte) 0x16);
        assertNoPassword(sent, password);
    }

    private static void assertNoPassword(byte[] sent, String password) {
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(password)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.US_ASCII)))
                .doesNotContain(Base64.getEncoder().encodeToString(("\0" + RELAY_USER + "\0" + password)
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int inbox(GreenMailUser user) throws Exception {
        return TlsMailServer.shared().greenMail().getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    private static Health health(ConfigurableApplicationContext gateway, String indicator) {
        return gateway.getBean(indicator, HealthIndicator.class).health();
    }

    /** A test-profile gateway on a database of its own, its mail at these servers. */
    private static Map<String, String> mail(String name, String imapHost, int imapPort, String intake, String smtpHost,
            int smtpPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("spring.datasource.url", "jdbc:h2:mem:sir-tls-" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        p.put("gateway.mail.intake.protocol", "imaps");
        p.put("gateway.mail.intake.host", imapHost);
        p.put("gateway.mail.intake.port", Integer.toString(imapPort));
        p.put("gateway.mail.intake.username", intake);
        p.put("gateway.mail.intake.password", INTAKE_PASSWORD);
        p.put("gateway.mail.outbound.protocol", "smtps");
        p.put("gateway.mail.outbound.host", smtpHost);
        p.put("gateway.mail.outbound.port", Integer.toString(smtpPort));
        p.put("gateway.mail.outbound.username", RELAY_USER);
        p.put("gateway.mail.outbound.password", RELAY_PASSWORD);
        return p;
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(SirGatewayApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private static String failureOf(Map<String, String> properties) {
        Throwable failure = catchThrowable(() -> start(properties).close());
        assertThat(failure).as("start-up should have failed").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
