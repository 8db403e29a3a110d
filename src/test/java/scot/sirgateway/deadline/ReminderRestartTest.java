package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.register.Notifications;
import scot.sirgateway.support.TestMailServer;

/**
 * A gateway stopped between claiming a reminder (queued in the outbox) and sending it: the gateway that
 * starts next on the same database sends it once, with the same Message-ID, and creates it no second time.
 */
class ReminderRestartTest {

    private static final List<String> DATABASE = List.of("--spring.datasource.url=jdbc:h2:mem:sir-reminder-restart;"
            + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

    @Test
    void aReminderClaimedBeforeARestartShouldBeSentOnce() throws Exception {
        TestMailServer mail = TestMailServer.shared();
        String notifier = "rem-restart-" + Long.toString(System.nanoTime(), 36) + "@demo-council.test";
        String reference = "SIR-2026-0901";
        String messageId;
        try (ConfigurableApplicationContext down = ReminderGateways.start("rem-restart", DATABASE, deadPort(), true)) {
            JdbcClient jdbc = down.getBean(JdbcClient.class);
            long id = ReminderGateways.overdueNotification(down.getBean(Notifications.class), reference, notifier);
            // claimed and queued, and the relay refused it at least once
            Map<String, Object> queued = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT r.state, r.message_id, o.state AS mail_state, o.attempts FROM reminder r "
                            + "JOIN outbox_mail o ON o.message_id = r.message_id WHERE r.notification_id = ?")
                    .param(id).query().listOfRows(), rows -> rows.size() == 1
                            && ((Number) rows.get(0).get("attempts")).intValue() >= 1).get(0);
            assertThat(queued.get("state")).isEqualTo("QUEUED");
            assertThat(queued.get("mail_state")).isEqualTo("PENDING");
            messageId = (String) queued.get("message_id");
            assertThat(messageId).startsWith("<" + reference + ".review-");
            assertThat(ReminderGateways.reminders(notifier)).isEmpty();
        }

        try (ConfigurableApplicationContext up = ReminderGateways.start("rem-restart", DATABASE, mail.smtpPort(), true)) {
            JdbcClient jdbc = up.getBean(JdbcClient.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT state FROM outbox_mail WHERE message_id = ?").param(messageId).query(String.class)
                    .single().equals("SENT"));
            // the new gateway's engine has run since: a second notification's reminder is queued and sent
            String second = notifier.replace("@", "-second@");
            long secondId = ReminderGateways.overdueNotification(up.getBean(Notifications.class), "SIR-2026-0902", second);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ReminderGateways.reminders(second).size() == 1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM reminder WHERE notification_id <> ?").param(secondId)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'REMINDER'").query(Long.class).single())
                    .isEqualTo(2);
            assertThat(ReminderGateways.reminders(notifier)).singleElement()
                    .satisfies(m -> assertThat(m.getMessageID()).isEqualTo(messageId));
        }
    }

    /** A loopback port nothing listens on. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
