package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * CSRF on the API: a post in the console's session needs the token; a program's HTTP Basic call
 * without a session does not, unless a browser made it from another site.
 */
class CsrfTest extends GatewayTest {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void sessionPostShouldNeedTheTokenOnTheApi() throws Exception {
        String sender = "csrf@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.brokenMultipart(sender, messageId));
        long id = ((Number) awaitQuarantine(messageId).get("id")).longValue();

        // a person of the console, signed in with the password and the code mailed to them
        String username = "csrf-operator";
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"OPERATOR\","
                + "\"email\":\"csrf-operator@inspectorate.test\",\"password\":\"csrf-operator-password\"}")
                .statusCode()).isEqualTo(201);
        Browser signedIn = new Browser(port);
        assertThat(signedIn.signIn(mail, username, "csrf-operator-password", "csrf-operator@inspectorate.test"))
                .endsWith("/");
        HttpClient browser = signedIn.http();

        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(uri("/api/quarantine/" + id + "/reprocess"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF token");
        assertThat(jdbc.sql("SELECT state FROM quarantine WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("OPEN");

        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(uri("/api/quarantine/" + id + "/reprocess"))
                .header("X-CSRF-TOKEN", signedIn.csrfToken("/sign-in"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        // past the CSRF check the controller answers: nothing it depends on changed since, so 409
        assertThat(withToken.statusCode()).isEqualTo(409);
        assertThat(withToken.body()).contains("nothing");
    }

    @Test
    void httpBasicWithoutSessionShouldBeExemptUnlessABrowserSentItCrossSite() throws Exception {
        // an unknown entry: 404 means the call passed authentication and the CSRF check
        assertThat(basicPost(Map.of()).statusCode()).isEqualTo(404);
        assertThat(basicPost(Map.of("Origin", "http://localhost:" + port)).statusCode()).isEqualTo(404);
        assertThat(basicPost(Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
        assertThat(basicPost(Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        // a session cookie with it: the session's rules apply, token needed
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        csrfToken(browser);
        HttpResponse<String> withSession = browser.send(basicRequest(Map.of()), HttpResponse.BodyHandlers.ofString());
        assertThat(withSession.statusCode()).isEqualTo(403);
    }

    @Test
    void postWithNoCredentialsShouldBeAskedToSignInNotRefused() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/api/quarantine/999999999/dismiss")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("Sign in");
    }

    private HttpResponse<String> basicPost(Map<String, String> headers) throws Exception {
        return HttpClient.newHttpClient().send(basicRequest(headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest basicRequest(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/quarantine/999999999/reprocess"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("operator:operator-test-password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return request.build();
    }

    /** The session's CSRF token, as the sign-in page carries it (a session is made if there was none). */
    private String csrfToken(HttpClient browser) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(uri("/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF_INPUT.matcher(page);
        assertThat(token.find()).as("a CSRF token on the sign-in page").isTrue();
        return token.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
