package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.register.Notifications;
import scot.sirgateway.support.TestMailServer;

/**
 * Two gateways on one PostgreSQL database, the intake on in one only, both running the reminder engine
 * and the outbox: 50 reminders fall due at once, and each is sent exactly once (counted at the mail server).
 */
class TwoGatewaysRemindersTest {

    private static final int REMINDERS = 50;

    @Test
    void twoGatewaysOnOneDatabaseShouldSendEachReminderOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            List<String> database = List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
            int smtp = TestMailServer.shared().smtpPort();
            try (ConfigurableApplicationContext reading = ReminderGateways.start("rem-pg-a", database, smtp, true);
                    ConfigurableApplicationContext sending = ReminderGateways.start("rem-pg-b", database, smtp, false)) {
                assertThat(reading.getBean(CamelContext.class).getRouteController().getRouteStatus("intake-mail")
                        .isStarted()).isTrue();
                assertThat(sending.getBean(CamelContext.class).getRouteController().getRouteStatus("intake-mail")
                        .isStopped()).isTrue();
                assertThat(sending.getBean(CamelContext.class).getRouteController().getRouteStatus("intake-waiting")
                        .isStopped()).isTrue();
                assertThat(sending.getBean(CamelContext.class).getRouteController().getRouteStatus("deadline-reminders")
                        .isStarted()).isTrue();

                // 50 notifications whose review reminder is due, all visible to both engines at once
                String nonce = Long.toString(System.nanoTime(), 36);
                List<String> notifiers = new ArrayList<>();
                Notifications notifications = reading.getBean(Notifications.class);
                reading.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                    for (int i = 0; i < REMINDERS; i++) {
                        String notifier = "rem-pg-" + nonce + "-" + i + "@demo-council.test";
                        notifiers.add(notifier);
                        ReminderGateways.overdueNotification(notifications, String.format("SIR-2026-%04d", 9000 + i),
                                notifier);
                    }
                });

                JdbcClient jdbc = sending.getBean(JdbcClient.class);
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc
                        .sql("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'REMINDER' AND state = 'SENT'")
                        .query(Long.class).single() == REMINDERS);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM reminder WHERE state = 'QUEUED'").query(Long.class).single())
                        .isEqualTo(REMINDERS);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM reminder").query(Long.class).single()).isEqualTo(REMINDERS);
                // every mail the gateways sent has reached the server: each notifier has exactly one
                for (String notifier : notifiers) {
                    assertThat(ReminderGateways.reminders(notifier)).as(notifier).hasSize(1);
                }
                assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
            }
        }
    }
}
