package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The console's pages reached the wrong way: without a person, by the service account's HTTP Basic, with the password
 * factor only, without the CSRF token, with PUT, PATCH, DELETE or HEAD by a person who may only read, at
 * {@code /admin} spelt another way by an operator, and with ids and references no page has (0, negative, past
 * 2^63, encoded slashes, another case): each is refused or not found, never a page, a download or a change, and
 * never a server error. A bulk send-through-again of thousands of ids is refused or answered, not a failure.
 */
class ConsoleAccessTest extends GatewayTest {

    private static HttpRequest.Builder request(Browser browser, String path) {
        return HttpRequest.newBuilder(browser.uri(path));
    }

    @Test
    void consolePagesShouldRefuseEveryoneButASignedInPersonOfTheRightRole() {
        String reference = notify("console-access@demo-council.test", "console-access");
        String sender = "console-access-q@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Nothing", "No form here", Map.of()));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();
        String[] pages = {"/notifications/" + reference, "/notifications/" + reference + "/withdraw", "/quarantine",
            "/quarantine/" + id, "/quarantine/" + id + "/message.eml", "/reviews", "/admin", "/admin/accounts",
            "/reports/national"};

        Browser nobody = new Browser(port);
        String basic = "Basic " + Base64.getEncoder().encodeToString("operator:operator-test-password".getBytes(StandardCharsets.UTF_8));
        for (String page : pages) {
            assertThat(nobody.get(page).statusCode()).as("no one at " + page).isEqualTo(302);
            assertThat(nobody.send(request(nobody, page).header("Authorization", basic).GET().build()).statusCode())
                    .as("service account at " + page).isIn(302, 401, 403);
        }
        HttpResponse<String> basicDismiss = nobody.send(request(nobody, "/quarantine/" + id + "/dismiss").header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("reason=x")).build());
        assertThat(basicDismiss.statusCode()).isIn(401, 403);

        var operatorPerson = person("OPERATOR");
        Browser half = new Browser(port);
        half.password(operatorPerson.username(), operatorPerson.password());
        for (String page : pages) {
            assertThat(half.get(page).statusCode()).as("password only at " + page).isIn(302, 403);
        }

        Browser operator = new Browser(port);
        operator.signIn(mail, operatorPerson.username(), operatorPerson.password(), operatorPerson.email());
        for (String path : new String[] {"/admin/", "/ADMIN", "//admin", "/admin;jsessionid=x", "/%61dmin", "/admin/./accounts",
            "/x/../admin", "/admin%2Faccounts", "/admin/accounts/", "/Admin/accounts", "/admin/accounts.json", "/admin/holidays/"}) {
            assertThat(operator.get(path).statusCode()).as("operator at " + path).isIn(400, 403, 404);
        }
        // the stored bytes of a quarantined message: an attachment, never rendered, sandboxed should a browser try
        HttpResponse<String> eml = operator.get("/quarantine/" + id + "/message.eml");
        assertThat(eml.statusCode()).isEqualTo(200);
        assertThat(eml.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(eml.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(eml.headers().allValues("Content-Security-Policy")).contains("sandbox");
        HttpResponse<String> noToken = operator.send(request(operator, "/quarantine/" + id + "/dismiss")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("reason=x")).build());
        assertThat(noToken.statusCode()).isEqualTo(403);

        var reader = person("INSPECTOR");
        Browser inspector = new Browser(port);
        inspector.signIn(mail, reader.username(), reader.password(), reader.email());
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            assertThat(inspector.send(request(inspector, "/notifications/" + reference).method(method, HttpRequest.BodyPublishers.noBody())
                    .build()).statusCode()).as("inspector " + method).isIn(403, 405);
        }
        assertThat(inspector.send(request(inspector, "/quarantine/" + id + "/message.eml")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(403);

        for (String path : new String[] {"/quarantine/0", "/quarantine/-1", "/quarantine/9223372036854775807",
            "/quarantine/9223372036854775808", "/quarantine/abc", "/quarantine/0/message.eml", "/quarantine/0/decrypted.eml",
            "/notifications/" + reference + "/documents/%2e%2e%2f1", "/notifications/" + reference + "/documents/-1",
            "/notifications/" + reference + "/documents/99999999999", "/notifications/" + reference + "/reviews/99999999999",
            "/notifications/" + reference + "/reviews/r0", "/notifications/..%2F" + reference, "/notifications/%00",
            "/notifications/" + reference.toLowerCase(java.util.Locale.ROOT), "/notifications/" + reference + "%20"}) {
            assertThat(operator.get(path).statusCode()).as("operator at " + path).isIn(400, 404);
        }

        String ids = IntStream.range(0, 3000).mapToObj(i -> "id=" + (900_000 + i)).collect(Collectors.joining("&"));
        HttpResponse<String> bulk = operator.send(request(operator, "/quarantine/reprocess")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + operator.csrfToken("/quarantine") + "&" + ids)).build());
        assertThat(bulk.statusCode()).isIn(200, 400);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'QUARANTINE_DISMISSED' AND quarantine_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'QUARANTINE_REPROCESSED' AND quarantine_id >= 900000")).isZero();
        assertThat(jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(id).query(String.class).single()).isEqualTo("OPEN");
    }
}
