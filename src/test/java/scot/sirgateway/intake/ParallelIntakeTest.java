package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * A gateway of its own (empty database, own intake mailbox) with four stage workers, given 100 signed
 * notifications at once: every guarantee holds while messages run in parallel. 100 gapless references, each
 * notification acknowledged once and forwarded once (counted in the mail server and in the outbox).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-parallel;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=" + ParallelIntakeTest.GOVERNMENT,
        "gateway.alerts.recipients[0]=alerts-parallel@sir-gateway.test",
        "gateway.processing.workers=4"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = ParallelIntakeTest.OwnMailbox.class)
class ParallelIntakeTest extends GatewayClient {

    static final String INTAKE = "parallel-intake@sir-gateway.test";
    static final String GOVERNMENT = "sir-parallel@gov-scot.test";
    private static final int MESSAGES = 100;

    /** This gateway's intake mailbox on the shared mail server. */
    static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("parallel-gateway-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    private IntakeStages intakeStages;

    @Test
    void hundredNotificationsAtOnceShouldGetGaplessReferencesAndOneAcknowledgementAndForwardEach() throws Exception {
        assertThat(intakeStages.workerCount()).isEqualTo(4);
        // a sender of its own, so every acknowledgement to it is this test's
        String sender = "parallel-" + UUID.randomUUID().toString().substring(0, 8) + "@demo-council.test";
        Instant now = Instant.now();
        TestSmime.Signer signer = TestSmime.issue(sender, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                KeyPurposeId.id_kp_emailProtection);
        List<byte[]> mails = new ArrayList<>();
        Set<String> messageIds = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            String messageId = TestMessages.newMessageId("demo-council.test");
            messageIds.add(messageId);
            String form = TestMessages.formLines(TestMessages.completeForm("parallel-" + i));
            mails.add(TestSmime.signedMail(sender, signer, form, Map.of("Message-ID", messageId)));
        }
        mails.forEach(raw -> mail.send(sender, INTAKE, raw));

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                count("SELECT COUNT(*) FROM outbox_mail WHERE purpose IN ('ACKNOWLEDGEMENT', 'FORWARD') AND state = 'SENT'")
                        >= 2 * MESSAGES);

        // every message went through the stages once, and became a notification
        assertThat(count("SELECT COUNT(*) FROM stored_message")).isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE state = 'PROCESSED'")).isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM quarantine")).isZero();
        assertThat(jdbc.sql("SELECT message_id FROM notification").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(messageIds);
        // gapless: SIR-YYYY-0001 to SIR-YYYY-0100, each once
        int year = LocalDate.now(GatewayClock.ZONE).getYear();
        assertThat(jdbc.sql("SELECT reference FROM notification").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, MESSAGES)
                        .mapToObj(n -> String.format("SIR-%04d-%04d", year, n)).toList());
        assertThat(count("SELECT COUNT(*) FROM notification WHERE status = 'FORWARDED'")).isEqualTo(MESSAGES);

        // one acknowledgement and one forward per notification in the outbox, and nothing else waits
        assertThat(count("SELECT COUNT(DISTINCT notification_id) FROM outbox_mail WHERE purpose = 'ACKNOWLEDGEMENT'"))
                .isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'ACKNOWLEDGEMENT'")).isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(DISTINCT notification_id) FROM outbox_mail WHERE purpose = 'FORWARD'"))
                .isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE purpose = 'FORWARD'")).isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE state = 'PENDING'")).isZero();

        // and in the mail server: each acknowledgement and each forward arrived once
        List<String> acknowledgements = messageIdsOf(mail.received(sender));
        assertThat(acknowledgements).hasSize(MESSAGES).doesNotHaveDuplicates();
        List<String> forwards = messageIdsOf(mail.received(GOVERNMENT));
        assertThat(forwards).hasSize(MESSAGES).doesNotHaveDuplicates();
        // the intake mailbox is empty: every message was moved once it was stored
        assertThat(mail.count(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD, "INBOX")).isZero();
        assertThat(mail.count(INTAKE, scot.sirgateway.support.TestMailServer.INTAKE_PASSWORD, "Processed"))
                .isEqualTo(MESSAGES);
    }

    private static List<String> messageIdsOf(List<MimeMessage> messages) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : messages) {
            ids.add(message.getMessageID());
        }
        return ids;
    }
}
