package scot.sirgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.support.TcpProxy;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway of its own whose IMAP and SMTP servers are behind {@link TcpProxy}s, so each can be taken away and
 * given back while the shared mail server runs on. The IMAP server is down when the gateway starts and again in
 * the middle: health says so, and intake takes what arrived meanwhile by itself once it is back. The relay is down:
 * acknowledgements and forwards wait and go once each when it is back. The relay accepts a mail whose acceptance
 * the gateway never reads: the mail goes again, with the same Message-ID.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailServerOutageTest {

    private static final String INTAKE = "outage-proxy-intake@sir-gateway.test";
    private static final String GOVERNMENT = "sir-outage-proxy@gov-scot.test";
    private static final Duration LONG = Duration.ofSeconds(60);

    private static final TestMailServer mail = TestMailServer.shared();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static TcpProxy imap;
    private static TcpProxy smtp;
    private static ConfigurableApplicationContext gateway;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startWithTheImapServerDown() {
        imap = new TcpProxy(mail.imapPort());
        smtp = new TcpProxy(mail.smtpPort());
        imap.cut();
        mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        gateway = new SpringApplicationBuilder(SirGatewayApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:sir-outage-proxy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--gateway.mail.intake.port=" + imap.port(),
                "--gateway.mail.intake.username=" + INTAKE,
                "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                "--gateway.mail.outbound.port=" + smtp.port(),
                // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
                "--gateway.government.recipients[0]=" + GOVERNMENT,
                "--gateway.alerts.recipients[0]=outage-proxy-alerts@sir-gateway.test");
        jdbc = gateway.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        imap.close();
        smtp.close();
    }

    @Test
    @Order(1)
    void intakeShouldResumeByItselfAfterTheImapServerWasDownAtStartAndInTheMiddle() {
        // down at start: health says so, and the mail that arrives waits in the mailbox
        awaitHealth("imap", "DOWN");
        String atStart = send("imap-down-at-start@demo-council.test");
        assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX")).isEqualTo(1);
        assertThat(storedRows(atStart)).isZero();

        imap.restore();
        awaitHealth("imap", "UP");
        assertThat(awaitAcknowledged("imap-down-at-start@demo-council.test", atStart)).startsWith("SIR-");

        // down in the middle: every connection is closed, the IDLE one too
        imap.cut();
        awaitHealth("imap", "DOWN");
        String inTheMiddle = send("imap-down-in-middle@demo-council.test");
        assertThat(storedRows(inTheMiddle)).isZero();
        imap.restore();
        assertThat(awaitAcknowledged("imap-down-in-middle@demo-council.test", inTheMiddle)).startsWith("SIR-");
        awaitHealth("imap", "UP");

        Awaitility.await().atMost(LONG).until(() -> mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX") == 0);
        assertThat(storedRows(atStart)).isEqualTo(1);
        assertThat(storedRows(inTheMiddle)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void acknowledgementAndForwardShouldWaitForTheRelayAndGoOnceEach() {
        smtp.cut();
        awaitHealth("smtp", "DOWN");
        String messageId = sendSigned("smtp down");
        long notification = awaitNotification(messageId);
        // both wait, each tried at least twice, none at the server
        Awaitility.await().atMost(LONG).until(() -> jdbc
                .sql("SELECT COUNT(*) FROM outbox_mail WHERE notification_id = ? AND state = 'PENDING' AND attempts >= 2")
                .param(notification).query(Long.class).single() == 2);
        List<Map<String, Object>> waiting = outboxOf(notification);
        assertThat(waiting).extracting(row -> row.get("purpose")).containsExactlyInAnyOrder("ACKNOWLEDGEMENT", "FORWARD");
        for (Map<String, Object> row : waiting) {
            assertThat(copiesAtServer((String) row.get("message_id"))).as("sent while the relay was down").isZero();
        }

        smtp.restore();
        awaitHealth("smtp", "UP");
        Awaitility.await().atMost(LONG).until(() -> outboxOf(notification).stream()
                .allMatch(row -> "SENT".equals(row.get("state"))));
        for (Map<String, Object> row : outboxOf(notification)) {
            assertThat(copiesAtServer((String) row.get("message_id"))).as("copies of the %s", row.get("purpose"))
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void mailTheRelayAcceptedWithoutTheGatewayKnowingShouldGoAgainWithTheSameMessageId() {
        // the relay takes the first of this notification's mails, and the gateway never reads that it did
        smtp.dropNextReplyToData();
        String messageId = sendSigned("smtp reply lost");
        long notification = awaitNotification(messageId);
        Awaitility.await().atMost(LONG).until(() -> outboxOf(notification).size() == 2 && outboxOf(notification)
                .stream().allMatch(row -> "SENT".equals(row.get("state"))));
        assertThat(smtp.repliesDropped()).isEqualTo(1);

        int again = 0;
        for (Map<String, Object> row : outboxOf(notification)) {
            int copies = copiesAtServer((String) row.get("message_id"));
            if (copies == 2) {
                again++;
                // the lost reply counted as a failed attempt: it went again, as it was rendered
                assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(1);
            } else {
                assertThat(copies).as("copies of the %s", row.get("purpose")).isEqualTo(1);
            }
        }
        assertThat(again).as("mails sent twice, each with one Message-ID").isEqualTo(1);
    }

    private static String send(String sender) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId,
                TestMessages.completeForm("outage " + sender)));
        return messageId;
    }

    /** A signed notification (an unverified one is not forwarded): its acknowledgement and forward are queued. */
    private static String sendSigned(String marker) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(FaultMails.COUNCIL, INTAKE, FaultMails.signed(messageId, marker));
        return messageId;
    }

    private static long storedRows(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM stored_message WHERE message_id = ?").param(messageId)
                .query(Long.class).single();
    }

    private static long awaitNotification(String messageId) {
        return Awaitility.await().atMost(LONG).until(() -> jdbc.sql("SELECT id FROM notification WHERE message_id = ?")
                .param(messageId).query(Long.class).optional().orElse(null), id -> id != null);
    }

    /** Waits for the one acknowledgement of the message; answers its reference. */
    private static String awaitAcknowledged(String sender, String messageId) {
        String reference = Awaitility.await().atMost(LONG).until(() -> jdbc
                .sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                .query(String.class).optional().orElse(null), r -> r != null);
        Awaitility.await().atMost(LONG).until(() -> !mail.received(sender).isEmpty());
        List<MimeMessage> acknowledgements = mail.received(sender);
        assertThat(acknowledgements).hasSize(1);
        try {
            assertThat(acknowledgements.get(0).getSubject()).contains(reference);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return reference;
    }

    private static List<Map<String, Object>> outboxOf(long notification) {
        return jdbc.sql("SELECT purpose, message_id, state, attempts FROM outbox_mail WHERE notification_id = ? "
                + "ORDER BY id").param(notification).query().listOfRows();
    }

    /** How many mails with this Message-ID the mail server took, to any mailbox. */
    private static int copiesAtServer(String messageId) {
        return FaultMails.copiesAtServer(mail).getOrDefault(messageId, 0);
    }

    private static void awaitHealth(String component, String status) {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        Awaitility.await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode health = json.readTree(response.body());
            return status.equals(health.get("components").get(component).get("status").asString());
        });
    }
}
