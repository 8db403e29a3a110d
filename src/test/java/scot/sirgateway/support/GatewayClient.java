package scot.sirgateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests do with a running gateway: call its API, wait for its database, read the mail server.
 */
public abstract class GatewayClient {

    protected static final TestMailServer mail = TestMailServer.shared();
    protected static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected scot.sirgateway.storage.StorageCipher cipher;

    @Autowired
    private scot.sirgateway.quarantine.QuarantineEntries quarantineEntries;

    protected HttpResponse<String> get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a mail: its body, or the first text part inside a multipart (a signed mail). */
    protected static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            return textOf(multipart.getBodyPart(0));
        }
        throw new AssertionError("no text in a part of type " + part.getContentType());
    }

    /** POST a JSON body as the test operator. */
    protected HttpResponse<String> post(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "operator:operator-test-password".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the message has been quarantined this many times; answers the nth entry. */
    protected Map<String, Object> awaitQuarantineEntry(String messageId, int nth) {
        return opened(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT * FROM quarantine WHERE message_id = ? ORDER BY id").param(messageId)
                        .query().listOfRows(), rows -> rows.size() >= nth).get(nth - 1));
    }

    /** A quarantine row with its sealed columns (sender, reason) decrypted. */
    private Map<String, Object> opened(Map<String, Object> row) {
        var entry = quarantineEntries.find(((Number) row.get("id")).longValue()).orElseThrow();
        row.put("sender", entry.sender());
        row.put("reason", entry.reason());
        return row;
    }

    /** GET as the test operator, answering the parsed JSON body. */
    protected JsonNode api(String path) {
        HttpResponse<String> response = get(path, "operator", "operator-test-password");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** Waits until the message with this Message-ID has become a notification; answers its reference. */
    protected String awaitReference(String messageId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT reference FROM notification WHERE message_id = ?").param(messageId)
                        .query(String.class).optional().orElse(null), r -> r != null);
    }

    /** Waits until the message with this Message-ID is quarantined; answers the quarantine row. */
    protected Map<String, Object> awaitQuarantine(String messageId) {
        return opened(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT * FROM quarantine WHERE message_id = ?").param(messageId)
                        .query().listOfRows().stream().findFirst().orElse(null), r -> r != null));
    }

    /** Waits until this many mails have arrived for the address, answering them. */
    protected List<jakarta.mail.internet.MimeMessage> awaitReceived(String address, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.received(address), list -> list.size() >= count);
    }

    /** The first mail to a shared mailbox that matches, once it has arrived (others may be there already). */
    protected jakarta.mail.internet.MimeMessage awaitReceived(String address,
            java.util.function.Predicate<jakarta.mail.internet.MimeMessage> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.received(address).stream().filter(which).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Waits until no mail to this address waits in the outbox (each has gone to the mail server or
     * been cancelled); answers how many were ever queued to it. A mail marked sent has been accepted
     * by the server, so after this the server holds every mail the gateway will send there.
     */
    protected long awaitOutboxDone(String recipient) {
        String hash = cipher.lookupHash(recipient);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "SELECT COUNT(*) FROM outbox_mail WHERE recipient_hash = ? AND state = 'PENDING'", hash) == 0);
        return count("SELECT COUNT(*) FROM outbox_mail WHERE recipient_hash = ?", hash);
    }

    /**
     * Waits until no mail of this purpose ({@code ACKNOWLEDGEMENT}, {@code FORWARD}, ...) for the
     * notification waits in the outbox; answers how many were ever queued.
     */
    protected long awaitOutboxDone(String reference, String purpose) {
        String mails = "SELECT COUNT(*) FROM outbox_mail o JOIN notification n ON n.id = o.notification_id "
                + "WHERE n.reference = ? AND o.purpose = ?";
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(mails + " AND o.state = 'PENDING'", reference, purpose) == 0);
        return count(mails, reference, purpose);
    }

    /** Waits until the quarantine has decided whether to reply to this message; answers its decision. */
    protected String awaitReplyDecision(String messageId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT reply FROM quarantine WHERE message_id = ? AND reply IS NOT NULL")
                        .param(messageId).query(String.class).list().stream().findFirst().orElse(null), r -> r != null);
    }

    /**
     * A complete notification mailed in clear from this sender (a council address of the demo council); answers
     * its reference once its acknowledgement has gone.
     */
    protected String notify(String sender, String marker) {
        String messageId = TestMessages.newMessageId(sender.substring(sender.indexOf('@') + 1));
        mail.send(sender, scot.sirgateway.support.GatewayTest.INTAKE,
                TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        String reference = awaitReference(messageId);
        awaitOutboxDone(reference, "ACKNOWLEDGEMENT");
        return reference;
    }

    /** Waits until the stored message with this Message-ID has been threaded; answers the kind it was taken as. */
    protected String awaitThreaded(String messageId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT t.kind FROM threaded_message t JOIN stored_message s ON s.id = t.stored_message_id "
                        + "WHERE s.message_id = ?").param(messageId).query(String.class).optional().orElse(null), k -> k != null);
    }

    /** The notification's review status now. */
    protected String reviewStatus(String reference) {
        return jdbc.sql("SELECT review_status FROM notification WHERE reference = ?").param(reference).query(String.class).single();
    }

    /** A person's account (password and mailed code) of the inspectorate: username, password and address. */
    public record Person(String username, String password, String email) {
    }

    /**
     * A person with this role (OPERATOR, INSPECTOR or ADMIN), made through the admin API the first time a test
     * class asks: one per test class and role (its name from both), so that one class's sign-ins never count
     * towards another's limit of code mails.
     */
    protected Person person(String role) {
        String username = getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "-" + role.toLowerCase(java.util.Locale.ROOT);
        Person person = new Person(username, username + "-password", username + "@inspectorate.test");
        if (count("SELECT COUNT(*) FROM operator_account WHERE username = ?", username) == 0) {
            HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\""
                    + role + "\",\"email\":\"" + person.email() + "\",\"password\":\"" + person.password() + "\"}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("the account " + username + " was not made: " + created.body());
            }
        }
        return person;
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
