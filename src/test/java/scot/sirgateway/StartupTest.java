package scot.sirgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import scot.sirgateway.support.TestMailServer;

/** Production start-up: a missing or wrong setting stops it naming the property; health names what is down. */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    private final TestMailServer mail = TestMailServer.shared();

    /** Everything production needs, on this machine. */
    private Map<String, String> production() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("spring.datasource.url", "jdbc:h2:mem:sir-startup-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        p.put("gateway.mail.intake.protocol", "imap");
        p.put("gateway.mail.intake.host", "127.0.0.1");
        p.put("gateway.mail.intake.port", Integer.toString(mail.imapPort()));
        p.put("gateway.mail.intake.username", "startup-intake@sir-gateway.test");
        p.put("gateway.mail.intake.password", "startup-password");
        p.put("gateway.mail.outbound.host", "127.0.0.1");
        p.put("gateway.mail.outbound.port", Integer.toString(mail.smtpPort()));
        p.put("gateway.mail.outbound.starttls", "false");
        p.put("gateway.mail.outbound.from", "notifications@sir-gateway.test");
        p.put("gateway.storage.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        p.put("gateway.crypto.keystores[0].path", "file:certs-example/gateway/gateway-rsa.p12");
        p.put("gateway.crypto.keystores[0].password", "changeit");
        p.put("gateway.trust.anchors[0]", "file:certs-example/ca/ca.cert.pem");
        p.put("gateway.government.recipients[0]", "sir@gov-scot.test");
        p.put("gateway.government.certificates[0]", "file:certs-example/government/scottish-government.cert.pem");
        p.put("gateway.security.admin.username", "admin");
        p.put("gateway.security.admin.password", "a-long-enough-password");
        p.put("gateway.security.admin.email", "first-admin@careinspectorate.test");
        return p;
    }

    private ConfigurableApplicationContext start(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(SirGatewayApplication.class).profiles("production")
                .run(args.toArray(String[]::new));
    }

    private String failureOf(Map<String, String> properties) {
        Throwable failure = catchThrowable(() -> start(properties).close());
        assertThat(failure).as("start-up should have failed").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void missingStorageKeyShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.remove("gateway.storage.key");
        assertThat(failureOf(p)).contains("gateway.storage.key");
    }

    @Test
    void missingSettingsShouldAllBeNamedBeforeTheDatabaseIsTouched(@TempDir java.nio.file.Path data,
            CapturedOutput output) throws IOException {
        Map<String, String> p = production();
        p.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("untouched") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        p.remove("gateway.storage.key");
        p.remove("gateway.mail.intake.host");
        p.remove("gateway.government.certificates[0]");
        assertThat(failureOf(p)).contains("gateway.storage.key (GATEWAY_STORAGE_KEY)")
                .contains("gateway.mail.intake.host (GATEWAY_MAIL_INTAKE_HOST)")
                .contains("gateway.government.certificates[0] (GATEWAY_GOVERNMENT_CERTIFICATES_0)");
        try (var files = java.nio.file.Files.list(data)) {
            assertThat(files).as("the database was never opened").isEmpty();
        }
        // the failure summary, not a stack trace, tells the operator what to set
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("3 settings are missing")
                .contains("gateway.mail.intake.host  (environment: GATEWAY_MAIL_INTAKE_HOST)");
    }

    @Test
    void busyPortShouldBeNamedWithThePropertyThatMovesIt(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> p = production();
            p.put("server.port", Integer.toString(taken.getLocalPort()));
            catchThrowable(() -> start(p).close());
            assertThat(output.getAll()).contains("Port " + taken.getLocalPort() + ", for the console and API, is already in use")
                    .contains("server.port (environment: SERVER_PORT)");
        }
    }

    @Test
    void storageKeyOfTheWrongLengthShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.put("gateway.storage.key", "c2hvcnQ=");
        assertThat(failureOf(p)).contains("gateway.storage.key").contains("32 bytes");
    }

    @Test
    void missingIntakeHostShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.remove("gateway.mail.intake.host");
        assertThat(failureOf(p)).contains("gateway.mail.intake").contains("host");
    }

    @Test
    void missingKeystoreShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.remove("gateway.crypto.keystores[0].path");
        p.remove("gateway.crypto.keystores[0].password");
        assertThat(failureOf(p)).contains("gateway.crypto").contains("keystore");
    }

    @Test
    void wrongKeystorePasswordShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.put("gateway.crypto.keystores[0].password", "not-the-password");
        assertThat(failureOf(p)).contains("gateway.crypto.keystores[0]").contains("wrong password");
    }

    @Test
    void missingTrustAnchorsShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.remove("gateway.trust.anchors[0]");
        assertThat(failureOf(p)).contains("gateway.trust").contains("anchors");
    }

    @Test
    void unreadableCouncilsFileShouldStopStartUpNotTheFirstMail() {
        // the registry is read at start, not deferred to the first message that needs a council
        Map<String, String> p = production();
        p.put("gateway.councils-file", "file:no-such-folder/councils.yaml");
        assertThat(failureOf(p)).contains("gateway.councils-file");
    }

    @Test
    void unreadableRulesFileShouldStopStartUpNotTheFirstMail() {
        Map<String, String> p = production();
        p.put("gateway.classification.rules-file", "file:no-such-folder/classification-rules.yaml");
        assertThat(failureOf(p)).contains("gateway.classification.rules-file");
    }

    @Test
    void unreadableTrustAnchorShouldStopStartUpNotTheFirstMail() {
        Map<String, String> p = production();
        p.put("gateway.trust.anchors[0]", "file:no-such-folder/ca.cert.pem");
        assertThat(failureOf(p)).contains("gateway.trust.anchors");
    }

    @Test
    void missingFirstAdminShouldStopStartUpNamingTheProperty() {
        Map<String, String> p = production();
        p.remove("gateway.security.admin.password");
        assertThat(failureOf(p)).contains("gateway.security.admin.password");
    }

    @Test
    void firstAdminPersonWithoutAnAddressShouldStopStartUpNamingTheProperty() {
        // a person signs in with a code mailed to them: without an address the first admin could never sign in
        Map<String, String> p = production();
        p.remove("gateway.security.admin.email");
        assertThat(failureOf(p)).contains("gateway.security.admin.email");
    }

    @Test
    void productionWithoutADatabaseShouldNotFallBackToAnEmbeddedOne() {
        Map<String, String> p = production();
        p.remove("spring.datasource.url");
        assertThat(failureOf(p)).contains("spring.datasource.url (SPRING_DATASOURCE_URL)");
    }

    @Test
    void healthShouldSayWhichDependencyIsDown() throws Exception {
        Map<String, String> p = production();
        p.put("gateway.mail.intake.port", Integer.toString(deadPort()));
        mail.greenMail().setUser("startup-intake@sir-gateway.test", "startup-intake@sir-gateway.test", "startup-password");
        try (ConfigurableApplicationContext context = start(p)) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"imap\":{\"status\":\"DOWN\"}")
                    .contains("\"smtp\":{\"status\":\"UP\"}").contains("\"db\":{\"status\":\"UP\"}");
        }
    }

    @Test
    void unsignedMailShouldBeQuarantinedUnderTheDefaultPolicy() throws Exception {
        String intake = "default-policy@sir-gateway.test";
        mail.greenMail().setUser(intake, intake, "startup-password");
        Map<String, String> p = production();
        p.put("gateway.mail.intake.username", intake);
        p.put("gateway.mail.intake.poll-delay", "1s");
        p.put("gateway.processing.poll-delay", "1s");
        p.put("spring.datasource.url", "jdbc:h2:mem:sir-default-policy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        assertThat(p).doesNotContainKey("gateway.sender-policy.unsigned");
        try (ConfigurableApplicationContext context = start(p)) {
            String messageId = scot.sirgateway.support.TestMessages.newMessageId("glasgow.gov.uk");
            mail.send("cjsw@glasgow.gov.uk", intake, scot.sirgateway.support.TestMessages.plainNotification(
                    "cjsw@glasgow.gov.uk", messageId, scot.sirgateway.support.TestMessages.completeForm("default")));
            org.springframework.jdbc.core.simple.JdbcClient jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            String reason = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT reason_code FROM quarantine WHERE message_id = ?").param(messageId).query(String.class)
                    .optional().orElse(null), r -> r != null);
            assertThat(reason).isEqualTo("UNSIGNED_NOT_ALLOWED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification").query(Long.class).single()).isZero();
        }
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
