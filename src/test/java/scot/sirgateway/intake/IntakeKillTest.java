package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.intake.IntakeMoments.Moment;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

/**
 * The gateway as a separate JVM on an H2 database in files, killed ({@code SIGKILL}) at each moment
 * around intake's commit and the IMAP move, one more message arriving before each start; then started
 * once more to finish. Afterwards every message is stored (none is left in the inbox), registered
 * exactly once, and acknowledged with one reference that no other message was given.
 */
class IntakeKillTest {

    private static final String INTAKE = "kill-intake@sir-gateway.test";
    private static final Pattern REFERENCE = Pattern.compile("SIR-\\d{4}-\\d{4}");

    private final TestMailServer mail = TestMailServer.shared();

    @TempDir
    Path dir;

    @Test
    void killedAroundTheCommitAndTheMoveShouldLoseNothingAndGiveNoReferenceTwice() throws Exception {
        mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        Map<String, String> senderOf = new HashMap<>();
        int n = 0;
        // the move first: its message is then one never stored before, whose commit must be on disk
        List<Moment> moments = new ArrayList<>(List.of(Moment.values()));
        java.util.Collections.reverse(moments);
        for (Moment moment : moments) {
            n++;
            String sender = "kill-" + n + "@demo-council.test";
            String messageId = TestMessages.newMessageId("demo-council.test");
            senderOf.put(messageId, sender);
            mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("kill " + n)));

            Path marker = dir.resolve("paused-" + moment);
            Process gateway = start(moment.name(), marker, n);
            // the kill lands within milliseconds of the pause: inside the window of a background write
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(2))
                    .failFast("the gateway ended before it reached " + moment, () -> !gateway.isAlive())
                    .until(() -> Files.exists(marker));
            gateway.destroyForcibly().waitFor();
        }

        Process gateway = start(null, null, n + 1);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast("the gateway ended", () -> !gateway.isAlive())
                    .until(() -> senderOf.values().stream().allMatch(sender -> !mail.received(sender).isEmpty()));
        } finally {
            gateway.destroy();
            gateway.waitFor();
        }

        // the acknowledgements: one reference per message, no reference for two messages
        Map<String, String> messageOfReference = new HashMap<>();
        for (Map.Entry<String, String> message : senderOf.entrySet()) {
            Set<String> references = new HashSet<>();
            for (MimeMessage ack : mail.received(message.getValue())) {
                Matcher reference = REFERENCE.matcher(ack.getSubject());
                assertThat(reference.find()).as("acknowledgement subject").isTrue();
                references.add(reference.group());
            }
            assertThat(references).as("references acknowledged for one message").hasSize(1);
            String reference = references.iterator().next();
            assertThat(messageOfReference.put(reference, message.getKey())).as("reference %s given twice", reference)
                    .isNull();
        }
        // nothing left behind in the inbox; each message stored and registered exactly once
        assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX")).isZero();
        try (Connection db = DriverManager.getConnection(databaseUrl(), "sa", "")) {
            for (String messageId : senderOf.keySet()) {
                assertThat(count(db, "SELECT COUNT(*) FROM stored_message WHERE message_id = ?", messageId))
                        .as("stored rows of one message").isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId))
                        .as("notifications of one message").isEqualTo(1);
            }
            assertThat(count(db, "SELECT COUNT(*) FROM notification", null)).isEqualTo(senderOf.size());
        }
    }

    private String databaseUrl() {
        return "jdbc:h2:file:" + dir.resolve("gateway").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** The gateway in a JVM of its own, on the test class path; paused at a moment when one is given. */
    private Process start(String pauseAt, Path marker, int run) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // the client compiler alone: each of these short-lived gateways starts sooner
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SirGatewayApplication.class.getName(),
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + databaseUrl(),
                "--server.port=0",
                // the same route files, read from the project folder: loaded from the class path in a JVM
                // started by Surefire, Camel finds each twice
                "--camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "--gateway.mail.intake.port=" + mail.imapPort(),
                "--gateway.mail.intake.username=" + INTAKE,
                "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                "--gateway.mail.outbound.port=" + mail.smtpPort(),
                // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
                "--gateway.government.recipients[0]=kill-sir@gov-scot.test",
                "--gateway.alerts.recipients[0]=kill-alerts@sir-gateway.test"));
        if (pauseAt != null) {
            command.add("--gateway.test.intake-pause-at=" + pauseAt);
            command.add("--gateway.test.intake-pause-marker=" + marker);
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs().resolve("gateway-" + run + ".log").toFile()).start();
    }

    /** The gateways' logs, kept under target/ for a look after a failure. */
    private static Path logs() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "intake-kill-test"));
    }

    private static long count(Connection db, String sql, String param) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (param != null) {
                statement.setString(1, param);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
