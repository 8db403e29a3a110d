package scot.sirgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * Nothing that names or describes a person is readable in the database files: a gateway on an H2 file
 * database of its own takes mails through IMAP with planted values (a From address, free-text fields,
 * an attachment's file name, signers' addresses and certificate subjects), registers and quarantines
 * them, is closed, and then every byte of every file in the database folder is searched for each value.
 */
class PersonalDataAtRestTest {

    private static final String INTAKE = "at-rest-intake@sir-gateway.test";

    private final TestMailServer mail = TestMailServer.shared();

    @TempDir
    Path databaseFolder;

    @Test
    void plantedPersonalDataShouldBeFoundNowhereInTheDatabaseFiles() throws Exception {
        if (!"process".equals(System.getProperty("sir.test.mail-server"))) {
            mail.greenMail().setUser(INTAKE, INTAKE, TestMailServer.INTAKE_PASSWORD);
        }
        String m = Long.toString(System.nanoTime(), 36);
        Map<String, String> planted = new LinkedHashMap<>();
        planted.put("From local part", "fromx" + m);
        planted.put("signoff_role", "Rolex" + m);
        planted.put("description", "Descx" + m);
        planted.put("notifier_role", "Jobx" + m);
        planted.put("agencies_involved", "Agencyx" + m);
        planted.put("attachment file name", "Filex" + m);
        planted.put("signer's local part", "signerx" + m);
        planted.put("signer certificate subject", "Subjectx" + m);
        planted.put("expired signer certificate subject", "Expiredx" + m);

        String sender = planted.get("From local part") + "@demo-council.test";
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm("x" + m));
        form.put("signoff_role", "Head of " + planted.get("signoff_role"));
        form.put("notifier_role", planted.get("notifier_role"));
        form.put("agencies_involved", planted.get("agencies_involved"));
        form.put("description", "What happened: " + planted.get("description") + " was assaulted.");
        String plainId = TestMessages.newMessageId("demo-council.test");
        byte[] plain = TestMessages.plainNotification(sender, plainId, form);

        String attachmentId = TestMessages.newMessageId("demo-council.test");
        byte[] withBadPdf = withAttachment(sender, attachmentId, planted.get("attachment file name") + ".pdf");

        String signerAddress = planted.get("signer's local part") + "@demo-council.test";
        Instant now = Instant.now();
        TestSmime.Signer signer = TestSmime.issue(signerAddress, planted.get("signer certificate subject"),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), KeyPurposeId.id_kp_emailProtection);
        String signedId = TestMessages.newMessageId("demo-council.test");
        byte[] signed = withMessageId(TestSmime.mail(signerAddress, TestSmime.signDetached(TestSmime.form(), signer)), signedId);

        TestSmime.Signer expired = TestSmime.issue(signerAddress, planted.get("expired signer certificate subject"),
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)), KeyPurposeId.id_kp_emailProtection);
        String expiredId = TestMessages.newMessageId("demo-council.test");
        byte[] expiredSigned = withMessageId(TestSmime.mail(signerAddress, TestSmime.signDetached(TestSmime.form(), expired)),
                expiredId);

        try (ConfigurableApplicationContext gateway = start()) {
            JdbcClient jdbc = gateway.getBean(JdbcClient.class);
            mail.send(sender, INTAKE, plain);
            mail.send(sender, INTAKE, withBadPdf);
            mail.send(signerAddress, INTAKE, signed);
            mail.send(signerAddress, INTAKE, expiredSigned);
            for (String registered : List.of(plainId, signedId)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                        .sql("SELECT COUNT(*) FROM notification WHERE message_id = ?")
                        .param(registered).query(Long.class).single() == 1);
            }
            for (String quarantined : List.of(attachmentId, expiredId)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                        .sql("SELECT COUNT(*) FROM quarantine WHERE message_id = ?").param(quarantined)
                        .query(Long.class).single() == 1);
            }
            // every reply, acknowledgement and forward has gone (its recipient written in the outbox)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                    .sql("SELECT COUNT(*) FROM outbox_mail WHERE state = 'PENDING'").query(Long.class).single() == 0);
            // the values are there to be read through the gateway, only not in clear in its files
            String signedReference = jdbc.sql("SELECT reference FROM notification WHERE message_id = ?").param(signedId)
                    .query(String.class).single();
            var notification = gateway.getBean(scot.sirgateway.register.Notifications.class)
                    .findByReference(signedReference).orElseThrow();
            assertThat(notification.envelope().signer()).isEqualTo(signerAddress);
            assertThat(notification.envelope().signatureVerified()).isTrue();
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(databaseFolder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            planted.forEach((what, value) -> {
                if (contains(bytes, value.getBytes(StandardCharsets.UTF_8))
                        || contains(bytes, value.getBytes(StandardCharsets.UTF_16BE))) {
                    found.add(what + " in " + databaseFolder.relativize(file));
                }
            });
        }
        assertThat(found).as("planted values readable in the database files").isEmpty();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SirGatewayApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + databaseFolder.resolve("gateway")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--gateway.mail.intake.port=" + mail.imapPort(),
                        "--gateway.mail.intake.username=" + INTAKE,
                        "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                        "--gateway.mail.outbound.port=" + mail.smtpPort(),
                        // its own database numbers references from 1: its forwards and alerts go to mailboxes of its own
                        "--gateway.government.recipients[0]=at-rest-sir@gov-scot.test",
                        "--gateway.alerts.recipients[0]=at-rest-alerts@sir-gateway.test");
    }

    /** The form in the body, and a "PDF" that is none, under the given file name. */
    private static byte[] withAttachment(String from, String messageId, String fileName) {
        String mail = "From: " + from + "\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "local_authority: Demo Council\r\nincident_date: 20/11/2026\r\nincident_type: SERIOUS_ASSAULT\r\n"
                + "offender_ref: X1\r\norder_type: CPO\r\ndescription: An invented incident.\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + "not a PDF at all\r\n"
                + "--b1--\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withMessageId(byte[] raw, String messageId) throws Exception {
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(raw));
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
