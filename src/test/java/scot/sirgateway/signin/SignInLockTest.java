package scot.sirgateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;

/**
 * The sign-in against someone who knows, or guesses, more than they should. Every account and address here is
 * this class's own ({@code lock-*}).
 */
class SignInLockTest extends GatewayTest {

    private static final String PASSWORD = "a-lock-test-password";

    @Test
    void serviceAccountsNameOnTheSignInPageShouldNotCountTowardsItsLock() {
        String service = "lock-service-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + service
                + "\",\"role\":\"OPERATOR\",\"service_account\":true,\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Browser browser = new Browser(port);
        // a careless admin (or anyone) tries the service account on the sign-in page: it has no console
        for (int i = 0; i < 6; i++) {
            assertThat(browser.password(service, PASSWORD).headers().firstValue("Location").orElse(""))
                    .contains("/sign-in?error=");
        }
        // its program still calls the API: its password was never checked there, so nothing counted
        HttpResponse<String> call = get("/api/notifications", service, PASSWORD);
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM operator_account WHERE username = ? AND failed_sign_ins = 0", service))
                .isEqualTo(1);
    }

    @Test
    void passwordAloneShouldReachNoApiAndNoCouncilPage() {
        String username = "lock-council-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@demo-council.test";
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"COUNCIL\",\"council\":\"Demo Council\",\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Browser browser = new Browser(port);
        assertThat(browser.password(username, PASSWORD).headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in/code");
        String csrf = browser.csrfToken("/sign-in/code");
        HttpResponse<String> submit = browser.send(HttpRequest.newBuilder(browser.uri("/api/notifications"))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(submit.statusCode()).as(submit.body()).isIn(401, 403);
        assertThat(browser.get("/api/notifications/SIR-2026-0001").statusCode()).isIn(401, 403);
        assertThat(browser.get("/council").headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        // a code for another account does nothing for this one
        assertThat(browser.post("/sign-in/code", "/sign-in/code", Map.of("code", "000000")).statusCode()).isEqualTo(200);
    }
}
