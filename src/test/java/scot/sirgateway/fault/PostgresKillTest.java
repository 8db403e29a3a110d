package scot.sirgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

/**
 * The gateway as a separate JVM on an embedded PostgreSQL, given a batch of 100 signed notifications and killed
 * ({@code SIGKILL}) when some but not all are acknowledged; then started once more. Afterwards every message is
 * stored and registered once, the 100 references are distinct and gapless, and every notification is acknowledged
 * and forwarded: each mail is at the mail server, any repeat with the same Message-ID (the contract's one exception:
 * a mail the relay took just before the kill, not yet recorded as sent).
 */
class PostgresKillTest {

    private static final String INTAKE = "pg-kill-intake@sir-gateway.test";
    private static final String GOVERNMENT = "pg-kill-sir@gov-scot.test";
    private static final int BATCH = 100;

    private final TestMailServer mail = TestMailServer.shared();

    @Test
    void killedInTheMiddleOfABatchShouldStoreRegisterAcknowledgeAndForwardEveryMessage() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            JdbcClient db = JdbcClient.create(postgres.getPostgresDatabase());
            mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);

            // sent while the gateway starts
            Process first = start(postgres, 1);
            List<String> messageIds = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String messageId = TestMessages.newMessageId("demo-council.test");
                messageIds.add(messageId);
                mail.send(FaultMails.COUNCIL, INTAKE, FaultMails.signed(messageId, "kill batch " + i));
            }
            String acknowledged = "SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'ACKNOWLEDGEMENT' AND state = 'SENT'";
            long atKill;
            try {
                Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100))
                        .failFast("the gateway ended", () -> !first.isAlive())
                        .until(() -> tableExists(db) && db.sql(acknowledged).query(Long.class).single() >= 5);
            } finally {
                first.destroyForcibly().waitFor();
            }
            atKill = db.sql(acknowledged).query(Long.class).single();
            assertThat(atKill).as("acknowledged when killed").isBetween(1L, BATCH - 1L);

            Process second = start(postgres, 2);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                        .failFast("the gateway ended", () -> !second.isAlive())
                        .until(() -> db.sql("SELECT COUNT(*) FROM outbox_mail WHERE state = 'SENT' AND purpose IN "
                                + "('ACKNOWLEDGEMENT', 'FORWARD')").query(Long.class).single() == 2L * BATCH);
            } finally {
                second.destroy();
                second.waitFor();
            }

            // stored and registered once each, 100 distinct references numbered without a gap
            for (String messageId : messageIds) {
                assertThat(db.sql("SELECT COUNT(*) FROM stored_message WHERE message_id = ?").param(messageId)
                        .query(Long.class).single()).as("stored rows of one message").isEqualTo(1);
            }
            List<String> references = db.sql("SELECT reference FROM notification ORDER BY reference")
                    .query(String.class).list();
            assertThat(references).hasSize(BATCH).doesNotHaveDuplicates();
            for (int i = 0; i < BATCH; i++) {
                assertThat(Integer.parseInt(references.get(i).substring(references.get(i).lastIndexOf('-') + 1)))
                        .as("reference numbers").isEqualTo(i + 1);
            }
            assertThat(db.sql("SELECT message_id FROM notification").query(String.class).list())
                    .containsExactlyInAnyOrderElementsOf(messageIds);
            assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX")).isZero();

            // one acknowledgement and one forward per notification, each at the mail server
            List<Map<String, Object>> mails = db.sql("SELECT o.purpose, o.message_id, n.id FROM outbox_mail o "
                    + "JOIN notification n ON n.id = o.notification_id WHERE o.purpose IN ('ACKNOWLEDGEMENT', 'FORWARD')")
                    .query().listOfRows();
            assertThat(mails.stream().map(row -> row.get("purpose") + "/" + row.get("id")).distinct()).hasSize(2 * BATCH);
            Map<String, Integer> copies = FaultMails.copiesAtServer(mail);
            int repeats = 0;
            Set<String> forwards = new HashSet<>();
            for (Map<String, Object> row : mails) {
                int atServer = copies.getOrDefault((String) row.get("message_id"), 0);
                assertThat(atServer).as("copies of %s %s", row.get("purpose"), row.get("message_id")).isPositive();
                repeats += atServer - 1;
                if ("FORWARD".equals(row.get("purpose"))) {
                    forwards.add((String) row.get("message_id"));
                }
            }
            // the government's mailbox holds those forwards and nothing else: a repeat has the same Message-ID
            Set<String> atGovernment = new HashSet<>();
            for (MimeMessage forward : mail.received(GOVERNMENT)) {
                atGovernment.add(messageId(forward));
            }
            assertThat(atGovernment).isEqualTo(forwards);
            // a mail is sent again only when the kill fell between the relay's acceptance and its record: one
            // relay connection sends one mail at a time, so at most one mail was there
            assertThat(repeats).as("mails sent again").isLessThanOrEqualTo(1);
        }
    }

    private static boolean tableExists(JdbcClient db) {
        return db.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'outbox_mail'")
                .query(Long.class).single() > 0;
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gateway in a JVM of its own, on the test class path, as {@code IntakeKillTest} starts it. */
    private Process start(EmbeddedPostgres postgres, int run) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SirGatewayApplication.class.getName(),
                "--spring.profiles.active=test",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=0",
                "--camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "--gateway.mail.intake.port=" + mail.imapPort(),
                "--gateway.mail.intake.username=" + INTAKE,
                "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                "--gateway.mail.outbound.port=" + mail.smtpPort(),
                "--gateway.government.recipients[0]=" + GOVERNMENT,
                "--gateway.alerts.recipients[0]=pg-kill-alerts@sir-gateway.test"));
        Path logs = Files.createDirectories(Path.of("target", "postgres-kill-test"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("gateway-" + run + ".log").toFile()).start();
    }
}
