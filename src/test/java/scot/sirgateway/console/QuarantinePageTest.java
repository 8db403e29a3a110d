package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import scot.sirgateway.storage.TraceHeaders;
import scot.sirgateway.support.Browser;
import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

/**
 * The quarantine pages in a real browser, each page and state checked with axe-core, as an operator signed in once
 * with both factors: a password-protected PDF given a wrong password (quarantined again, then the same password
 * refused), then the right one, and registered; a message with hostile values in its subject, sender's name, a
 * header and a file name shown as text, then dismissed with a reason (an empty one first) into the closed list;
 * three messages selected and sent through again together; the stored bytes downloaded as an attachment. An
 * inspector sees the pages without forms, and a forged post of theirs is refused with nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantinePageTest extends GatewayTest {

    private static final String HOSTILE_SUBJECT = "<script>alert(1)</script> urgent";
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    private static final String HOSTILE_HEADER = "<img src=x onerror=alert(2)>";
    private static final String HOSTILE_FILE = "<img src=x onerror=alert(3)>.txt";

    private Chromium browser;
    private Person operator;

    @BeforeAll
    void signIn() {
        operator = person("OPERATOR");
        browser = Chromium.start(port);
        browser.signIn(operator);
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorShouldGiveAPdfPasswordWrongThenRightAndSeeTheMessageRegistered() throws Exception {
        String sender = "qpage-pdf@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] pdf = TestPdfs.form(TestMessages.completeForm("quarantine page"), TestPdfs.Protection.AES_256, "told-by-phone");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, "locked.pdf", pdf));
        long first = id(awaitQuarantine(messageId));

        browser.open("/quarantine");
        assertThat(browser.title()).isEqualTo("Quarantine - SIR Gateway");
        WebElement row = browser.find("#open-entries tr[data-id='" + first + "']");
        assertThat(row.getText()).contains(sender).contains("Serious incident notification").contains("extract")
                .contains("PDF_PASSWORD_REQUIRED").contains("left (due ");
        browser.checkAccessible();
        WebElement list = browser.find("html");
        row.findElement(By.cssSelector("a")).click();
        browser.awaitNewPage(list);
        assertThat(browser.path()).isEqualTo("/quarantine/" + first);
        assertThat(browser.title()).isEqualTo("Quarantine entry " + first + " - SIR Gateway");
        assertThat(browser.find("#reason-code").getText()).isEqualTo("PDF_PASSWORD_REQUIRED");
        assertThat(browser.find("#stage").getText()).isEqualTo("extract");
        assertThat(browser.find("#message-id").getText()).isEqualTo(messageId);
        assertThat(browser.find("#parts").getText()).contains("application/pdf").contains("locked.pdf")
                .contains(pdf.length + " bytes");
        assertThat(browser.find("#headers").getText()).contains("Message-ID").contains(messageId);
        assertThat(browser.find("#history").getText()).contains("Quarantined at the extract stage: PDF_PASSWORD_REQUIRED");
        WebElement password = browser.find("#password");
        assertThat(password.getAttribute("type")).isEqualTo("password");
        assertThat(password.getAttribute("autocomplete")).isEqualTo("off");
        browser.checkAccessible();
        screenshot("console-quarantine-entry");

        // nothing typed
        browser.press("Give the password");
        assertThat(browser.title()).isEqualTo("Error: Quarantine entry " + first + " - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter the PDF's password");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#password");
        browser.checkAccessible();

        // a wrong password: taken, tried, and the message is quarantined again
        browser.type("password", "wrong guess");
        browser.press("Give the password");
        assertThat(browser.path()).isEqualTo("/quarantine/" + first);
        assertThat(browser.find("#banner").getText()).contains("The password was given");
        browser.checkAccessible();
        long second = id(awaitQuarantineEntry(messageId, 2));
        browser.open("/quarantine/" + first);
        assertThat(browser.find("#state").getText()).isEqualTo("Sent through again");
        assertThat(browser.find("#outcome").getText()).contains("Quarantined again: PDF_PASSWORD_REQUIRED");
        assertThat(browser.findAll("#password")).as("no form on a closed entry").isEmpty();
        assertThat(browser.find("#history").getText()).contains("PDF password given; sent through the stages again")
                .contains(operator.username());
        browser.checkAccessible();
        browser.press("Quarantine entry " + second);
        assertThat(browser.path()).isEqualTo("/quarantine/" + second);

        // the same wrong password again would only quarantine it again: refused in words, never shown again
        browser.type("password", "wrong guess");
        browser.press("Give the password");
        assertThat(browser.title()).startsWith("Error: ");
        assertThat(browser.find("#password-error").getText()).contains("this password was already tried on this message");
        assertThat(browser.find("#password").getAttribute("value")).isEmpty();
        assertThat(browser.source()).doesNotContain("wrong guess");
        browser.checkAccessible();

        browser.type("password", "told-by-phone");
        browser.press("Give the password");
        assertThat(browser.find("#banner").getText()).contains("goes through the stages again");
        String reference = awaitReference(messageId);
        browser.open("/quarantine/" + second);
        assertThat(browser.find("#outcome").getText()).contains("Registered as " + reference);
        assertThat(browser.find("#outcome a").getAttribute("href")).endsWith("/notifications/" + reference);
        assertThat(browser.find("#history").getText()).contains("Quarantined at the extract stage")
                .contains("PDF password given");
        browser.checkAccessible();

        // each password given is in the audit trail once; the refused ones changed nothing and are not
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_PASSWORD_GIVEN'",
                first)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_PASSWORD_GIVEN'",
                second)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_VIEWED' "
                + "AND actor = ?", second, operator.username())).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_PASSWORD_GIVEN'")
                .param(second).query(String.class).single()).doesNotContain("told-by-phone");
    }

    @Test
    void hostileValuesShouldShowAsTextAndTheMessageBeDismissedWithAReason() {
        String sender = "qpage-hostile@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, hostileMail(sender, messageId));
        long id = id(awaitQuarantine(messageId));

        browser.open("/quarantine");
        WebElement row = browser.find("#open-entries tr[data-id='" + id + "']");
        assertThat(row.getText()).contains(HOSTILE_SUBJECT).contains(HOSTILE_NAME);
        assertNothingRan();
        browser.checkAccessible();

        browser.open("/quarantine/" + id);
        assertThat(browser.find("#subject").getText()).isEqualTo(HOSTILE_SUBJECT);
        assertThat(browser.find("#from").getText()).contains(HOSTILE_NAME).contains(sender);
        assertThat(browser.find("#headers").getText()).contains("X-Note").contains(HOSTILE_HEADER);
        assertThat(browser.find("#parts").getText()).contains(HOSTILE_FILE).contains("text/plain");
        assertNothingRan();
        browser.checkAccessible();

        browser.press("Dismiss the message");
        assertThat(browser.path()).isEqualTo("/quarantine/" + id + "/dismiss");
        assertThat(browser.title()).isEqualTo("Dismiss quarantine entry " + id + " - SIR Gateway");
        browser.checkAccessible();
        browser.press("Dismiss the message");
        assertThat(browser.title()).isEqualTo("Error: Dismiss quarantine entry " + id + " - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Enter why you are dismissing the message");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#reason");
        assertThat(browser.find("#reason").getAttribute("class")).contains("govuk-textarea--error");
        browser.checkAccessible();
        assertThat(state(id)).isEqualTo("OPEN");

        browser.type("reason", "Spam, not from the council " + HOSTILE_HEADER);
        browser.press("Dismiss the message");
        assertThat(browser.path()).isEqualTo("/quarantine/" + id);
        assertThat(browser.find("#banner").getText()).contains("The message was dismissed");
        assertThat(browser.find("#state").getText()).isEqualTo("Dismissed");
        assertThat(browser.find("#closed").getText()).contains(operator.username()).contains("Spam, not from the council");
        assertNothingRan();
        browser.checkAccessible();

        browser.open("/quarantine");
        assertThat(browser.findAll("#open-entries tr[data-id='" + id + "']")).as("gone from the open list").isEmpty();
        browser.press("Closed (dismissed or sent through again)");
        assertThat(browser.title()).isEqualTo("Closed quarantine entries - SIR Gateway");
        WebElement closed = browser.find("#closed-entries tr[data-id='" + id + "']");
        assertThat(closed.getText()).contains("Dismissed by " + operator.username())
                .contains("Spam, not from the council " + HOSTILE_HEADER).contains(HOSTILE_SUBJECT);
        assertNothingRan();
        browser.checkAccessible();

        assertThat(state(id)).isEqualTo("DISCARDED");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_DISMISSED' "
                + "AND actor = ?", id, operator.username())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND raw_blob_id IS NOT NULL", messageId))
                .as("nothing deleted").isEqualTo(1);
    }

    @Test
    void operatorShouldSendSelectedMessagesThroughAgainTogether() throws Exception {
        String sender = "qpage-bulk@demo-council.test";
        String[] messageIds = new String[3];
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            messageIds[i] = TestMessages.newMessageId("demo-council.test");
            mail.send(sender, INTAKE, TestMessages.plain(sender, messageIds[i], "Bulk " + i, "no form here\r\n", Map.of()));
        }
        for (int i = 0; i < 3; i++) {
            ids[i] = id(awaitQuarantine(messageIds[i]));
        }
        // a transient cause (made so by hand, as a database outage would) may always be tried again; the third's
        // cause is unchanged, so it is refused
        for (int i = 0; i < 2; i++) {
            jdbc.sql("UPDATE quarantine SET reason_code = 'RETRIES_EXHAUSTED' WHERE id = ?").param(ids[i]).update();
        }

        browser.open("/quarantine?reason=RETRIES_EXHAUSTED");
        assertThat(browser.findAll("#open-entries tr[data-id='" + ids[0] + "']")).hasSize(1);
        assertThat(browser.findAll("#open-entries tr[data-id='" + ids[2] + "']")).as("filtered out").isEmpty();
        assertThat(browser.find("#reason").getAttribute("value")).isEqualTo("RETRIES_EXHAUSTED");
        browser.checkAccessible();

        browser.open("/quarantine");
        screenshot("console-quarantine");
        browser.press("Reprocess the selected messages");
        assertThat(browser.title()).isEqualTo("Error: Quarantine - SIR Gateway");
        assertThat(browser.find(".govuk-error-summary").getText()).contains("Select the messages to send through again");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).contains("#select-");
        assertThat(browser.find("#messages-error").getText()).contains("Select the messages to send through again");
        browser.checkAccessible();

        // with the keyboard: the space bar ticks each box
        for (long id : ids) {
            WebElement box = browser.find("#select-" + id);
            box.sendKeys(Keys.SPACE);
            assertThat(box.isSelected()).isTrue();
        }
        browser.press("Reprocess the selected messages");
        assertThat(browser.path()).isEqualTo("/quarantine");
        assertThat(browser.find("#banner").getText()).startsWith("2 messages sent through again; 1 not: message " + ids[2] + ": ")
                .contains("would be quarantined again");
        browser.checkAccessible();

        for (int i = 0; i < 2; i++) {
            assertThat(state(ids[i])).isEqualTo("RELEASED");
            assertThat(jdbc.sql("SELECT resolved_by FROM quarantine WHERE id = ?").param(ids[i]).query(String.class).single())
                    .isEqualTo(operator.username());
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_REPROCESSED' "
                    + "AND actor = ?", ids[i], operator.username())).isEqualTo(1);
            // through the stages again: no form in it, so quarantined again
            assertThat(awaitQuarantineEntry(messageIds[i], 2).get("reason_code")).isEqualTo("NOT_A_NOTIFICATION");
        }
        assertThat(state(ids[2])).isEqualTo("OPEN");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ?  AND action = 'QUARANTINE_REPROCESSED'",
                ids[2])).isZero();

        // one at a time, the refusal is said in words on the entry's page
        browser.open("/quarantine/" + ids[2]);
        browser.press("Reprocess the message");
        assertThat(browser.title()).startsWith("Error: ");
        assertThat(browser.find("#reprocess-error").getText()).contains("nothing it depends on has changed");
        browser.checkAccessible();
        assertThat(state(ids[2])).isEqualTo("OPEN");
    }

    @Test
    void downloadShouldServeTheStoredBytesAsAnAttachment() throws Exception {
        String sender = "qpage-download@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        byte[] sent = TestMessages.plain(sender, messageId, "Download me", "no form here either\r\n", Map.of());
        mail.send(sender, INTAKE, sent);
        long id = id(awaitQuarantine(messageId));

        browser.open("/quarantine/" + id);
        WebElement link = browser.find("#download");
        assertThat(browser.findAll("#download-decrypted")).as("nothing encrypted to open").isEmpty();
        assertThat(link.getAttribute("download")).isEqualTo("quarantine-" + id + ".eml");
        HttpResponse<byte[]> download = withSession(link.getAttribute("href"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("message/rfc822");
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"quarantine-" + id + ".eml\"");
        assertThat(download.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        byte[] body = download.body();
        String rawSha = jdbc.sql("SELECT raw_sha256 FROM stored_message WHERE message_id = ?").param(messageId)
                .query(String.class).single();
        assertThat(TraceHeaders.sha256(body, 0)).as("the stored bytes").isEqualTo(rawSha);
        assertThat(Arrays.copyOfRange(body, TraceHeaders.endOfLeadingTraceHeaders(body), body.length))
                .as("the mail as sent, after the relay's trace headers").isEqualTo(sent);
        // the audit event is written once the answer has gone
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action = 'QUARANTINE_VIEWED' "
                        + "AND detail LIKE '%message.eml%'", id) == 1);

        assertThat(withSession("http://localhost:" + port + "/quarantine/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void anEncryptedMessageShouldAlsoOfferTheContentInsideItsEncryption() throws Exception {
        String sender = "qpage-encrypted@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String inside = "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe inside of the envelope, no form.\r\n";
        mail.send(sender, INTAKE, encryptedToTheGateway(sender, messageId, inside.getBytes(StandardCharsets.US_ASCII)));
        long id = id(awaitQuarantine(messageId));

        browser.open("/quarantine/" + id);
        assertThat(browser.find("#parts").getText()).contains("application/pkcs7-mime");
        WebElement link = browser.find("#download-decrypted");
        assertThat(link.getAttribute("download")).isEqualTo("quarantine-" + id + "-decrypted.eml");
        browser.checkAccessible();
        HttpResponse<byte[]> decrypted = withSession(link.getAttribute("href"));
        assertThat(decrypted.statusCode()).isEqualTo(200);
        assertThat(decrypted.headers().firstValue("Content-Type").orElse("")).startsWith("message/rfc822");
        assertThat(decrypted.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"quarantine-" + id + "-decrypted.eml\"");
        assertThat(new String(decrypted.body(), StandardCharsets.UTF_8)).contains("The inside of the envelope, no form.");
        HttpResponse<byte[]> raw = withSession(browser.find("#download").getAttribute("href"));
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).as("the stored bytes stay encrypted")
                .contains("application/pkcs7-mime").doesNotContain("The inside of the envelope");
    }

    @Test
    void inspectorShouldSeeThePagesWithoutFormsAndBeRefusedAPost() {
        String sender = "qpage-inspected@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Inspect me", "no form\r\n", Map.of()));
        long id = id(awaitQuarantine(messageId));

        Person inspector = person("INSPECTOR");
        Browser http = new Browser(port);
        http.signIn(mail, inspector.username(), inspector.password(), inspector.email());
        HttpResponse<String> list = http.get("/quarantine");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-id=\"" + id + "\"").doesNotContain("name=\"id\"")
                .doesNotContain("Reprocess the selected messages");
        HttpResponse<String> entry = http.get("/quarantine/" + id);
        assertThat(entry.statusCode()).isEqualTo(200);
        assertThat(entry.body()).contains("Inspect me").doesNotContain("/quarantine/" + id + "/dismiss")
                .doesNotContain("/quarantine/" + id + "/reprocess").doesNotContain("message.eml")
                .doesNotContain("name=\"password\"");

        for (String action : List.of("dismiss", "reprocess", "password")) {
            assertThat(http.post("/quarantine/" + id + "/" + action, "/quarantine",
                    Map.of("reason", "forged", "password", "forged")).statusCode()).as(action).isEqualTo(403);
        }
        assertThat(http.post("/quarantine/reprocess", "/quarantine", Map.of("id", String.valueOf(id))).statusCode())
                .isEqualTo(403);
        assertThat(http.get("/quarantine/" + id + "/dismiss").statusCode()).isEqualTo(403);
        assertThat(http.get("/quarantine/" + id + "/message.eml").statusCode()).isEqualTo(403);
        assertThat(state(id)).isEqualTo("OPEN");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE quarantine_id = ? AND action <> 'QUARANTINE_VIEWED'", id))
                .isZero();
    }

    /** A mail with hostile markup in its subject, its sender's name, a header and an attachment's file name. */
    private static byte[] hostileMail(String sender, String messageId) {
        String boundary = "hostile-boundary";
        return ("From: \"" + HOSTILE_NAME + "\" <" + sender + ">\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: " + HOSTILE_SUBJECT + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "X-Note: " + HOSTILE_HEADER + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee the file.\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; name=\"" + HOSTILE_FILE + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + HOSTILE_FILE + "\"\r\n\r\n"
                + "nothing of a notification\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A mail whose whole content is encrypted to the gateway's certificate (AES-256-CBC, RSA key transport). */
    private static byte[] encryptedToTheGateway(String from, String messageId, byte[] entity) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                TestSmime.certificate("certs-example/gateway/gateway-rsa.cert.pem")).setProvider(TestSmime.BC));
        byte[] der = generator.generate(new CMSProcessableByteArray(entity),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(TestSmime.BC).build()).getEncoded();
        String head = "From: " + from + "\r\nTo: notifications@sir-gateway.test\r\nSubject: Encrypted\r\nMessage-ID: "
                + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data;"
                + " name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\n\r\n";
        return (head + Base64.getMimeEncoder().encodeToString(der) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** No markup from the message became an element, and no script ran. */
    private void assertNothingRan() {
        assertThat(browser.findAll("img")).isEmpty();
        assertThat(browser.findAll("main script")).isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private HttpResponse<byte[]> withSession(String url) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Cookie", cookies).header("Accept", "text/html,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void screenshot(String name) throws Exception {
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(browser.screenshot(name), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String state(long id) {
        return jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(id).query(String.class).single();
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }
}
