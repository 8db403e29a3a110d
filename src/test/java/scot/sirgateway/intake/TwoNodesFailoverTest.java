package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.support.Browser;
import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway nodes ({@code gateway.cluster.enabled}) on one PostgreSQL database and one intake mailbox: only
 * one leads (health on each says which); 100 signed notifications arrive and the leader is closed while they
 * are being registered; the other node takes over within 30 s, and in the end each of the 100 is registered
 * once under a gapless reference, acknowledged once and forwarded once, and nothing is left in the mailbox. A
 * person signed in on the first node is still signed in on the second with the same cookie.
 */
class TwoNodesFailoverTest {

    private static final int MESSAGES = 100;
    private static final String INTAKE = "cluster-intake@sir-gateway.test";
    private static final String GOVERNMENT = "sir-cluster@gov-scot.test";
    private static final String ADMIN = "operator";
    private static final String ADMIN_PASSWORD = "operator-test-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestMailServer mail = TestMailServer.shared();

    @Test
    void otherNodeShouldTakeOverWithNothingLostNothingSentTwiceAndTheSessionKept() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String database = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext nodeA = start("node-a", database);
            ConfigurableApplicationContext nodeB = null;
            try {
                NodeLeadership leadershipA = nodeA.getBean(NodeLeadership.class);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(leadershipA::leading);
                nodeB = start("node-b", database);
                ConfigurableApplicationContext follower = nodeB;
                NodeLeadership leadershipB = nodeB.getBean(NodeLeadership.class);
                int portA = port(nodeA);
                int portB = port(nodeB);
                JdbcClient jdbc = nodeB.getBean(JdbcClient.class);

                // both up: one leader, and each node's health says so (details to operators only)
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> "node-a".equals(cluster(portB, true).path("details").path("leader").asString()));
                assertThat(leadershipB.leading()).isFalse();
                JsonNode healthA = cluster(portA, true);
                assertThat(healthA.path("status").asString()).isEqualTo("UP");
                assertThat(healthA.path("details").path("leads").asBoolean()).isTrue();
                assertThat(healthA.path("details").path("node").asString()).isEqualTo("node-a");
                JsonNode healthB = cluster(portB, true);
                assertThat(healthB.path("status").asString()).as("a follower is healthy").isEqualTo("UP");
                assertThat(healthB.path("details").path("leads").asBoolean()).isFalse();
                assertThat(healthB.path("details").path("node").asString()).isEqualTo("node-b");
                JsonNode anonymous = cluster(portB, false);
                assertThat(anonymous.path("status").asString()).isEqualTo("UP");
                assertThat(anonymous.has("details")).as("no details to an anonymous caller").isFalse();
                assertThat(jdbc.sql("SELECT COUNT(*) FROM int_lock").query(Long.class).single()).isEqualTo(1);
                assertThat(routeStarted(nodeA, "intake-mail")).isTrue();
                assertThat(routeStarted(nodeA, "outbox-send")).isTrue();
                for (String route : List.of("intake-mail", "intake-waiting", "outbox-send", "deadline-reminders",
                        "deadline-forward-alerts", "portal-draft-expiry")) {
                    assertThat(routeStarted(nodeB, route)).as(route + " on the follower").isFalse();
                }
                assertThat(routeStarted(nodeB, "intake-parse")).as("the follower runs the stages").isTrue();
                assertThat(nodeB.getBean(IdleWatcher.class).watching()).as("no IMAP connection on the follower")
                        .isFalse();

                // a person signs in on node A (password, then the code mailed to them)
                String username = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
                String email = username + "@inspectorate.test";
                String password = username + "-password";
                HttpResponse<String> created = post(portA, "/api/admin/accounts", "{\"username\":\"" + username
                        + "\",\"role\":\"OPERATOR\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                Browser onA = new Browser(portA);
                assertThat(onA.signIn(mail, username, password, email)).endsWith("/");
                assertThat(onA.get("/").statusCode()).isEqualTo(200);

                // 100 signed notifications from a sender of this test's own
                String sender = "cluster-" + UUID.randomUUID().toString().substring(0, 8) + "@demo-council.test";
                Instant now = Instant.now();
                TestSmime.Signer signer = TestSmime.issue(sender, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(30)), KeyPurposeId.id_kp_emailProtection);
                List<byte[]> mails = new ArrayList<>();
                Set<String> messageIds = new HashSet<>();
                for (int i = 0; i < MESSAGES; i++) {
                    String messageId = TestMessages.newMessageId("demo-council.test");
                    messageIds.add(messageId);
                    String form = TestMessages.formLines(TestMessages.completeForm("cluster-" + i));
                    mails.add(TestSmime.signedMail(sender, signer, form, Map.of("Message-ID", messageId)));
                }
                mails.parallelStream().forEach(raw -> mail.send(sender, INTAKE, raw));

                // the leader is closed once some, not all, are registered
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(jdbc, "SELECT COUNT(*) FROM notification") >= 10);
                long registeredAtClose = count(jdbc, "SELECT COUNT(*) FROM notification");
                Instant closing = Instant.now();
                ConfigurableApplicationContext leader = nodeA;
                CompletableFuture<Void> closed = CompletableFuture.runAsync(leader::close);
                nodeA = null;
                assertThat(registeredAtClose).as("the leader stops in the middle").isLessThan(MESSAGES);

                // the other node takes over within 30 s of the close
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> leadershipB.leading() && routeStarted(follower, "intake-mail"));
                Duration takeover = Duration.between(closing, Instant.now());
                System.out.println("node-b took over " + takeover.toMillis() + " ms after node-a's close began, with "
                        + registeredAtClose + " of " + MESSAGES + " registered");
                assertThat(takeover).isLessThan(Duration.ofSeconds(30));
                closed.get(60, TimeUnit.SECONDS);
                JsonNode afterHealth = cluster(portB, true);
                assertThat(afterHealth.path("details").path("leads").asBoolean()).isTrue();
                assertThat(afterHealth.path("details").path("leader").asString()).isEqualTo("node-b");

                // the person is still signed in, on node B, with the same cookie
                Browser onB = new Browser(portB);
                CookieManager cookiesB = (CookieManager) onB.http().cookieHandler().orElseThrow();
                List<HttpCookie> cookiesA = ((CookieManager) onA.http().cookieHandler().orElseThrow()).getCookieStore()
                        .getCookies();
                assertThat(cookiesA).extracting(HttpCookie::getName).contains("SESSION");
                cookiesA.forEach(cookie -> cookiesB.getCookieStore().add(onB.uri("/"), cookie));
                HttpResponse<String> console = onB.get("/");
                assertThat(console.statusCode()).as("a console page on node B, not the sign-in page").isEqualTo(200);
                assertThat(console.body()).doesNotContain("name=\"password\"");
                assertThat(onB.get("/api/notifications").statusCode()).isEqualTo(200);

                // every notification registered once, acknowledged once, forwarded once
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                            .until(() -> count(jdbc, "SELECT COUNT(*) FROM outbox_mail WHERE purpose IN ("
                                    + "'ACKNOWLEDGEMENT', 'FORWARD') AND state = 'SENT'") >= 2 * MESSAGES);
                } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                    throw new AssertionError("not all sent: stored " + rows(jdbc, "SELECT state, COUNT(*) FROM "
                            + "stored_message GROUP BY state") + ", outbox " + rows(jdbc, "SELECT purpose || ' ' || state, "
                            + "COUNT(*) FROM outbox_mail GROUP BY purpose, state") + ", quarantine " + rows(jdbc,
                            "SELECT reason_code, COUNT(*) FROM quarantine GROUP BY reason_code") + ", inbox "
                            + mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX") + ", processed "
                            + mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "Processed"), notYet);
                }
                assertThat(count(jdbc, "SELECT COUNT(*) FROM stored_message")).isEqualTo(MESSAGES);
                assertThat(count(jdbc, "SELECT COUNT(*) FROM quarantine")).isZero();
                assertThat(jdbc.sql("SELECT message_id FROM notification").query(String.class).list())
                        .containsExactlyInAnyOrderElementsOf(messageIds);
                int year = LocalDate.now(GatewayClock.ZONE).getYear();
                assertThat(jdbc.sql("SELECT reference FROM notification").query(String.class).list())
                        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, MESSAGES)
                                .mapToObj(n -> String.format("SIR-%04d-%04d", year, n)).toList());
                assertThat(count(jdbc, "SELECT COUNT(*) FROM notification WHERE status = 'FORWARDED'"))
                        .isEqualTo(MESSAGES);
                for (String purpose : List.of("ACKNOWLEDGEMENT", "FORWARD")) {
                    assertThat(count(jdbc, "SELECT COUNT(*) FROM outbox_mail WHERE purpose = '" + purpose + "'"))
                            .as(purpose).isEqualTo(MESSAGES);
                    assertThat(count(jdbc, "SELECT COUNT(DISTINCT notification_id) FROM outbox_mail WHERE purpose = '"
                            + purpose + "'")).as(purpose).isEqualTo(MESSAGES);
                }
                assertThat(messageIdsOf(mail.received(sender))).as("acknowledgements at the mail server")
                        .hasSize(MESSAGES).doesNotHaveDuplicates();
                assertThat(messageIdsOf(mail.received(GOVERNMENT))).as("forwards at the mail server")
                        .hasSize(MESSAGES).doesNotHaveDuplicates();
                assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "INBOX")).isZero();
                assertThat(mail.count(INTAKE, TestMailServer.INTAKE_PASSWORD, "Processed")).isEqualTo(MESSAGES);
            } finally {
                close(nodeB);
                close(nodeA);
            }
        }
    }

    /** A node of the cluster: the test profile, the shared database, the one intake mailbox, a 5 s lease. */
    private ConfigurableApplicationContext start(String nodeId, String database) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--gateway.cluster.enabled=true", "--gateway.cluster.node-id=" + nodeId, "--gateway.cluster.lease=5s",
                // a message the closed node had claimed is taken again soon
                "--gateway.processing.claim=6s",
                "--gateway.government.recipients[0]=" + GOVERNMENT,
                "--gateway.alerts.recipients[0]=cluster-alerts@sir-gateway.test"));
        mail.properties(INTAKE).forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(SirGatewayApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    /** Closes a node, failing rather than hanging if it does not close within a minute. */
    private static void close(ConfigurableApplicationContext node) throws Exception {
        if (node != null) {
            CompletableFuture.runAsync(node::close).get(60, TimeUnit.SECONDS);
        }
    }

    private static String rows(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list().toString();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    private static boolean routeStarted(ConfigurableApplicationContext node, String route) {
        return node.getBean(CamelContext.class).getRouteController().getRouteStatus(route).isStarted();
    }

    /** The health component {@code cluster} as an operator (HTTP Basic) or an anonymous caller sees it. */
    private static JsonNode cluster(int port, boolean operator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"));
        if (operator) {
            request.header("Authorization", basic());
        }
        HttpResponse<String> health = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).path("components").path("cluster");
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static List<String> messageIdsOf(List<MimeMessage> messages) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : messages) {
            ids.add(message.getMessageID());
        }
        return ids;
    }
}
