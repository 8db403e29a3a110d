package scot.sirgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

/**
 * An acknowledgement queued while the relay is down waits in the outbox, survives the gateway being
 * stopped, and goes out exactly once when a new gateway starts with the relay up.
 */
class SmtpOutageTest {

    private static final String INTAKE = "outage-intake@sir-gateway.test";
    private static final String GOVERNMENT = "sir-outage@gov-scot.test";
    private static final String DATABASE = "jdbc:h2:mem:sir-outage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private final TestMailServer mail = TestMailServer.shared();

    @Test
    void forwardShouldBeRetriedRaiseItsAlertAndGoOnceAfterTheRelayComesBack() throws Exception {
        mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        String sender = "cjsw@demo-council.test";
        String marker = "Outage" + Long.toString(System.nanoTime(), 36);
        String messageId = TestMessages.newMessageId("demo-council.test");
        String form = TestMessages.formLines(TestMessages.completeForm(marker));
        jakarta.mail.internet.MimeBodyPart content = new jakarta.mail.internet.MimeBodyPart();
        content.setText(form, "UTF-8");
        byte[] signed = scot.sirgateway.support.TestSmime.mail(sender,
                scot.sirgateway.support.TestSmime.signDetached(content, scot.sirgateway.support.TestSmime.demoCouncil()));
        jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(null,
                new java.io.ByteArrayInputStream(signed));
        message.setHeader("Message-ID", messageId);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);

        String reference;
        try (ConfigurableApplicationContext down = start(deadPort())) {
            JdbcClient jdbc = down.getBean(JdbcClient.class);
            mail.send(sender, INTAKE, raw.toByteArray());
            reference = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                    .query(String.class).optional().orElse(null), r -> r != null);
            String ref = reference;
            Map<String, Object> waiting = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT o.state, o.attempts FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                            + "WHERE n.reference = ? AND o.purpose = 'FORWARD'").param(ref)
                    .query().singleRow(), row -> ((Number) row.get("attempts")).intValue() >= 2);
            assertThat(waiting.get("state")).isEqualTo("PENDING");
            // the clock moves on to four working hours before the due time: the alert is raised
            java.time.OffsetDateTime due = jdbc.sql("SELECT forward_due FROM notification WHERE reference = ?").param(ref)
                    .query(java.time.OffsetDateTime.class).single();
            scot.sirgateway.calendar.WorkingCalendar calendar = down.getBean(scot.sirgateway.calendar.WorkingCalendar.class);
            java.time.Instant alertAt = calendar.instantWorkingHoursBefore(due.toInstant(), Duration.ofHours(4));
            new scot.sirgateway.deadline.ForwardAlerts(jdbc, calendar, down.getBean(scot.sirgateway.deadline.AlertProperties.class),
                    down.getBean(Outbox.class), down.getBean(MailComposer.class),
                    down.getBean(scot.sirgateway.register.Timeline.class),
                    java.time.Clock.fixed(alertAt, scot.sirgateway.GatewayClock.ZONE)).check();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE reference = ? AND forward_alerted_at IS NOT NULL")
                    .param(ref).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(ref).query(String.class).single())
                    .isEqualTo("REGISTERED");
        }

        try (ConfigurableApplicationContext up = start(mail.smtpPort())) {
            JdbcClient jdbc = up.getBean(JdbcClient.class);
            String ref = reference;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT status FROM notification WHERE reference = ?").param(ref).query(String.class).single()
                    .equals("FORWARDED"));
            // once no forward waits, the mail server holds every copy the gateway sent
            String forwardMails = "SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                    + "WHERE n.reference = ? AND o.purpose = 'FORWARD'";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(forwardMails + " AND o.state = 'PENDING'")
                    .param(ref).query(Long.class).single() == 0);
            assertThat(jdbc.sql(forwardMails).param(ref).query(Long.class).single()).isEqualTo(1);
            long forwards = mail.received(GOVERNMENT).stream()
                    .filter(m -> scot.sirgateway.support.Openssl.decrypt(m, "certs-example/government/scottish-government")
                            .contains(marker))
                    .count();
            assertThat(forwards).isEqualTo(1);
        }
    }

    @Test
    void acknowledgementShouldGoOutOnceAfterTheRelayComesBack() throws Exception {
        mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        String sender = "outage@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");

        String reference;
        try (ConfigurableApplicationContext down = start(deadPort())) {
            JdbcClient jdbc = down.getBean(JdbcClient.class);
            String recipientHash = down.getBean(StorageCipher.class).lookupHash(sender);
            assertThat(down.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(DATABASE);
            mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("outage")));
            reference = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                    .query(String.class).optional().orElse(null), r -> r != null);
            Map<String, Object> waiting = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT id, state, attempts FROM outbox_mail WHERE recipient_hash = ?").param(recipientHash)
                    .query().singleRow(), row -> ((Number) row.get("attempts")).intValue() >= 2);
            assertThat(waiting.get("state")).isEqualTo("PENDING");
            assertThat(down.getBean(Outbox.class).lastError(((Number) waiting.get("id")).longValue()))
                    .contains("relay unreachable");
            assertThat(mail.received(sender)).isEmpty();
        }

        try (ConfigurableApplicationContext up = start(mail.smtpPort())) {
            JdbcClient jdbc = up.getBean(JdbcClient.class);
            // once the acknowledgement is marked sent it is never sent again, and the server holds it
            String recipientHash = up.getBean(StorageCipher.class).lookupHash(sender);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT state FROM outbox_mail WHERE recipient_hash = ?").param(recipientHash)
                    .query(String.class).single().equals("SENT"));
            assertThat(mail.received(sender)).hasSize(1);
            assertThat(mail.received(sender).get(0).getSubject()).contains(reference);
            assertThat(jdbc.sql("SELECT state FROM outbox_mail WHERE recipient_hash = ?")
                    .param(up.getBean(StorageCipher.class).lookupHash(sender))
                    .query(String.class).single()).isEqualTo("SENT");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE message_id = ?").param(messageId)
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(int smtpPort) {
        // command-line arguments: they outrank application-test.yml, so this gateway has its own database
        return new SpringApplicationBuilder(SirGatewayApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + DATABASE,
                        "--gateway.mail.intake.port=" + mail.imapPort(),
                        "--gateway.mail.intake.username=" + INTAKE,
                        "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                        "--gateway.mail.outbound.port=" + smtpPort,
                        // its own database numbers references from 1 too: its forwards go to a mailbox of its own
                        "--gateway.government.recipients[0]=" + GOVERNMENT);
    }

    /** A loopback port nothing listens on. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
