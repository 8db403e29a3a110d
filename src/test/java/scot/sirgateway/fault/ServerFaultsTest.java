package scot.sirgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * One gateway of its own whose servers are each behind a {@link TcpProxy}: its IMAP server, its SMTP relay (the
 * shared mail server's) and its database (an embedded PostgreSQL), so each can be taken away and given back while it
 * runs on; its blob store can be made to fail one message's write ({@link FaultyBlobStore}). One fault after another,
 * the most disruptive last:
 * <ol>
 * <li>the IMAP server is down when the gateway starts and again in the middle: health says so, and intake takes
 * what arrived meanwhile by itself once it is back;
 * <li>the relay is down: the acknowledgement and the forward wait and go once each when it is back;
 * <li>the relay accepts a mail whose acceptance the gateway never reads: the mail goes again, with the same
 * Message-ID (the one repeat CONTRACT.md allows);
 * <li>an {@link IOException} on one message's blob write: it stays in the mailbox, the next goes through;
 * <li>a constraint the database enforces against one notification: it is quarantined for an operator, the next is
 * registered;
 * <li>the database goes away for ten seconds as mail arrives: nothing taken from the mailbox is lost, processing
 * resumes by itself.
 * </ol>
 * References stay gapless throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerFaultsTest {

    private static final String INTAKE = "faults-intake@sir-gateway.test";
    private static final String GOVERNMENT = "faults-sir@gov-scot.test";
    private static final Duration LONG = Duration.ofSeconds(120);

    private static final TestMailServer mail = TestMailServer.shared();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedPostgres postgres;
    private static TcpProxy database;
    private static TcpProxy imap;
    private static TcpProxy smtp;
    private static ConfigurableApplicationContext gateway;
    /** Straight to the database, not through the proxy: the test sees it while the gateway cannot. */
    private static JdbcClient direct;

    @BeforeAll
    static void startWithTheImapServerDown() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        direct = JdbcClient.create(postgres.getPostgresDatabase());
        database = new TcpProxy(postgres.getPort());
        imap = new TcpProxy(mail.imapPort());
        smtp = new TcpProxy(mail.smtpPort());
        imap.cut();
        mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        gateway = new SpringApplicationBuilder(SirGatewayApplication.class).profiles("test")
                .initializers(FaultyBlobStore.installer())
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        // a connection the database does not give is a failure within seconds, not half a minute
                        "--spring.datasource.hikari.connection-timeout=3000",
                        "--gateway.mail.intake.port=" + imap.port(),
                        "--gateway.mail.intake.username=" + INTAKE,
                        "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                        "--gateway.mail.outbound.port=" + smtp.port(),
                        // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
                        "--gateway.government.recipients[0]=" + GOVERNMENT,
                        "--gateway.alerts.recipients[0]=faults-alerts@sir-gateway.test");
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        imap.close();
        smtp.close();
        database.close();
        postgres.close();
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
        Awaitility.await().atMost(LONG).until(() -> direct
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

    @Test
    @Order(4)
    void ioExceptionOnOneMessagesBlobWriteShouldNotStopTheNextAndItIsTakenAgainLater() throws Exception {
        String failing = TestMessages.newMessageId("demo-council.test");
        String marker = failing.substring(1, failing.indexOf('@'));
        FaultyBlobStore.refuse(marker);
        int failuresBefore = FaultyBlobStore.failures();
        try {
            mail.send(FaultMails.COUNCIL, INTAKE, FaultMails.signed(failing, "blob write fails"));
            String next = sendSigned("after the blob write failure");
            awaitReference(next);
            // the failed one never left the mailbox: intake tries it again at each poll
            Awaitility.await().atMost(LONG).until(() -> FaultyBlobStore.failures() >= failuresBefore + 2);
            assertThat(messageIdsIn("INBOX")).contains(failing);
            assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ?", failing)).isZero();
        } finally {
            FaultyBlobStore.allow(marker);
        }
        // the disk is fine again: it is taken, registered and acknowledged like any other
        String reference = awaitReference(failing);
        assertThat(reference).startsWith("SIR-");
        Awaitility.await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM outbox_mail o JOIN notification n "
                + "ON n.id = o.notification_id WHERE n.message_id = ? AND o.purpose = 'ACKNOWLEDGEMENT' "
                + "AND o.state = 'SENT'", failing) == 1);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ?", failing)).isEqualTo(1);
        assertThat(messageIdsIn("INBOX")).doesNotContain(failing);
        assertGaplessReferences();
    }

    @Test
    @Order(5)
    void constraintFailureOnOneMessageShouldQuarantineItForAnOperatorAndNotStopTheNext() {
        String refused = TestMessages.newMessageId("demo-council.test");
        // a rule of the database that this one notification breaks (a test-only constraint)
        direct.sql("ALTER TABLE notification ADD CONSTRAINT fault_test_refused CHECK (message_id <> '" + refused + "')")
                .update();
        try {
            mail.send(FaultMails.COUNCIL, INTAKE, FaultMails.signed(refused, "refused by the database"));
            String next = sendSigned("after the refused one");
            assertThat(awaitReference(next)).startsWith("SIR-");
            // retried with back-off, then quarantined at the register stage: an operator fixes the cause and
            // reprocesses it
            Map<String, Object> quarantined = Awaitility.await().atMost(LONG).until(() -> direct
                    .sql("SELECT reason_code, stage FROM quarantine WHERE message_id = ?").param(refused).query()
                    .listOfRows(), rows -> rows.size() == 1).get(0);
            assertThat(quarantined.get("reason_code")).isEqualTo("RETRIES_EXHAUSTED");
            assertThat(quarantined.get("stage")).isEqualTo("register");
            assertThat(direct.sql("SELECT state FROM stored_message WHERE message_id = ?").param(refused)
                    .query(String.class).single()).isEqualTo("QUARANTINED");
            assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", refused)).isZero();
        } finally {
            direct.sql("ALTER TABLE notification DROP CONSTRAINT fault_test_refused").update();
        }
        // the refused one took no reference: the numbers stay gapless
        assertGaplessReferences();
    }

    @Test
    @Order(6)
    void databaseAwayForAWhileShouldLoseNothingTakenFromTheMailboxAndProcessingShouldResume() throws Exception {
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messageIds.add(sendSigned("before the outage " + i));
        }
        // the database goes while the first are being processed
        Awaitility.await().atMost(LONG).until(() -> storedOf(messageIds) >= 1);
        database.cut();
        awaitHealth("db", "DOWN");
        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            duringOutage.add(sendSigned("during the outage " + i));
        }
        messageIds.addAll(duringOutage);
        // for ten seconds: what arrives stays in the mailbox, and whatever left it was stored before it left
        Awaitility.await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Set<String> inbox = messageIdsIn("INBOX");
                    Set<String> stored = new HashSet<>(direct.sql("SELECT message_id FROM stored_message")
                            .query(String.class).list());
                    return inbox.containsAll(duringOutage) && stored.containsAll(messageIdsIn("Processed"));
                });
        database.restore();

        // resumed by itself: every message stored, registered and acknowledged once
        Awaitility.await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> direct
                .sql("SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                        + "WHERE o.purpose = 'ACKNOWLEDGEMENT' AND o.state = 'SENT' AND n.message_id IN ("
                        + placeholders(messageIds) + ")")
                .params(messageIds.toArray()).query(Long.class).single() == messageIds.size());
        assertThat(messageIdsIn("INBOX")).doesNotContainAnyElementsOf(messageIds);
        Map<String, Integer> copies = FaultMails.copiesAtServer(mail);
        int repeats = 0;
        for (String messageId : messageIds) {
            assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ?", messageId)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isEqualTo(1);
            List<String> acknowledgements = direct.sql("SELECT o.message_id FROM outbox_mail o JOIN notification n "
                    + "ON n.id = o.notification_id WHERE o.purpose = 'ACKNOWLEDGEMENT' AND n.message_id = ?")
                    .param(messageId).query(String.class).list();
            assertThat(acknowledgements).as("acknowledgements of one message").hasSize(1);
            int atServer = copies.getOrDefault(acknowledgements.get(0), 0);
            assertThat(atServer).as("copies of an acknowledgement at the server").isPositive();
            repeats += atServer - 1;
        }
        // the one exception CONTRACT.md allows: a mail the relay took as the database went, before the gateway
        // recorded it, goes again with its Message-ID; the cut comes once, so at most one mail is in that state
        assertThat(repeats).as("acknowledgements sent again").isLessThanOrEqualTo(1);
        assertGaplessReferences();
    }

    private static String send(String sender) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId,
                TestMessages.completeForm("outage " + sender)));
        return messageId;
    }

    private static long storedRows(String messageId) {
        return direct.sql("SELECT COUNT(*) FROM stored_message WHERE message_id = ?").param(messageId)
                .query(Long.class).single();
    }

    /** Waits for the one acknowledgement of the message; answers its reference. */
    private static String awaitAcknowledged(String sender, String messageId) {
        String reference = Awaitility.await().atMost(LONG).until(() -> direct
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
        return direct.sql("SELECT purpose, message_id, state, attempts FROM outbox_mail WHERE notification_id = ? "
                + "ORDER BY id").param(notification).query().listOfRows();
    }

    /** How many mails with this Message-ID the mail server took, to any mailbox. */
    private static int copiesAtServer(String messageId) {
        return FaultMails.copiesAtServer(mail).getOrDefault(messageId, 0);
    }

    /** The references given so far are SIR-yyyy-0001 up to the count of notifications, none missing. */
    private static void assertGaplessReferences() {
        List<Integer> numbers = direct.sql("SELECT reference FROM notification ORDER BY reference").query(String.class)
                .list().stream().map(r -> Integer.parseInt(r.substring(r.lastIndexOf('-') + 1))).sorted().toList();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("reference numbers").isEqualTo(i + 1);
        }
    }

    private static String awaitReference(String messageId) {
        return Awaitility.await().atMost(LONG).until(() -> direct.sql("SELECT reference FROM notification "
                + "WHERE message_id = ?").param(messageId).query(String.class).optional().orElse(null), r -> r != null);
    }

    private static long storedOf(List<String> messageIds) {
        return direct.sql("SELECT COUNT(*) FROM stored_message WHERE message_id IN (" + placeholders(messageIds) + ")")
                .params(messageIds.toArray()).query(Long.class).single();
    }

    private static long count(String sql, Object param) {
        return direct.sql(sql).param(param).query(Long.class).single();
    }

    private static String placeholders(List<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    /** The Message-IDs in a folder of the intake mailbox, read straight from the mail server. */
    private static Set<String> messageIdsIn(String folderName) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mail.imapPort(), INTAKE, TestMailServer.INTAKE_PASSWORD);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return ids;
            }
            folder.open(Folder.READ_ONLY);
            for (Message message : folder.getMessages()) {
                ids.add(((MimeMessage) message).getMessageID());
            }
            folder.close(false);
        }
        return ids;
    }

    private static void awaitHealth(String component, String status) {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        Awaitility.await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return status.equals(json.readTree(response.body()).get("components").get(component).get("status")
                    .asString());
        });
    }

    /** A signed notification (an unverified one is not forwarded): its acknowledgement and forward are queued. */
    private static String sendSigned(String marker) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(FaultMails.COUNCIL, INTAKE, FaultMails.signed(messageId, marker));
        return messageId;
    }

    private static long awaitNotification(String messageId) {
        return Awaitility.await().atMost(LONG).until(() -> direct.sql("SELECT id FROM notification WHERE message_id = ?")
                .param(messageId).query(Long.class).optional().orElse(null), id -> id != null);
    }
}
