package scot.sirgateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;

import tools.jackson.databind.JsonNode;

/**
 * Signing in on the shared gateway: a person's password and then the code mailed to the account's own
 * address (or a recovery code, once), HTTP Basic for service accounts only, a council's users and tokens kept
 * to the council's part, sign-out, and the audit trail of it all. Every account and address here is this
 * class's own ({@code signin-*}).
 */
class SignInTest extends GatewayTest {

    private static final String PASSWORD = "a-person's-password";

    @Test
    void personShouldNeedTheMailedCodeAfterThePassword() throws Exception {
        Person person = person("OPERATOR", null, "inspectorate.test");
        Browser browser = new Browser(port);

        int before = Browser.codeMails(mail, person.email).size();
        HttpResponse<String> password = browser.password(person.username, PASSWORD);
        assertThat(password.headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        // the password alone opens nothing but the sign-in pages
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        assertThat(browser.get("/council").headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        assertThat(browser.get("/api/notifications").statusCode()).isEqualTo(403);

        String code = Browser.awaitCode(mail, person.email, before);
        assertThat(browser.get("/sign-in/code").body()).contains("autocomplete=\"one-time-code\"")
                .contains("inputmode=\"numeric\"").contains("Use a recovery code").contains("Send a new code")
                .contains("aria-describedby=\"code-hint\"");
        MimeMessage codeMail = Browser.codeMails(mail, person.email).get(before);
        assertThat(codeMail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(codeMail.getHeader("To")[0]).contains(person.email);
        assertThat(count("SELECT COUNT(*) FROM sign_in_code WHERE username = ? AND code_hash <> ?", person.username, code))
                .as("only a hash of the code is kept").isEqualTo(1);

        HttpResponse<String> wrong = browser.code(code.equals("000000") ? "111111" : "000000");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("<title>Error: Check your email").contains("There is a problem")
                .contains("href=\"#code\"").contains("govuk-error-message");

        HttpResponse<String> right = browser.code(code);
        assertThat(right.headers().firstValue("Location").orElse("")).endsWith("/");
        HttpResponse<String> console = browser.get("/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/notifications").statusCode()).isEqualTo(200);
        assertThat(actions(person.username)).contains("PASSWORD_ACCEPTED", "CODE_SENT", "CODE_FAILED", "SIGN_IN");

        // the code is used: signing in again, the old code is refused (the new one replaced it, and it was spent)
        Browser again = new Browser(port);
        int mails = Browser.codeMails(mail, person.email).size();
        assertThat(again.password(person.username, PASSWORD).headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in/code");
        String newCode = Browser.awaitCode(mail, person.email, mails);
        if (!newCode.equals(code)) {
            assertThat(again.code(code).statusCode()).as("a used code").isEqualTo(200);
        }
        assertThat(again.code(newCode).statusCode()).isEqualTo(302);
        // and the new code again, in a third session: refused
        Browser third = new Browser(port);
        third.password(person.username, PASSWORD);
        assertThat(third.code(newCode).statusCode()).as("a code used once").isEqualTo(200);
    }

    @Test
    void newerCodeShouldReplaceTheOlder() {
        Person person = person("INSPECTOR", null, "inspectorate.test");
        Browser browser = new Browser(port);
        int before = Browser.codeMails(mail, person.email).size();
        browser.password(person.username, PASSWORD);
        String first = Browser.awaitCode(mail, person.email, before);
        HttpResponse<String> resent = browser.post("/sign-in/code/new", "/sign-in/code", Map.of());
        assertThat(resent.headers().firstValue("Location").orElse("")).endsWith("/sign-in/code?sent");
        String second = Browser.awaitCode(mail, person.email, before + 1);
        if (!first.equals(second)) {
            assertThat(browser.code(first).statusCode()).as("the older code").isEqualTo(200);
        }
        assertThat(browser.code(second).headers().firstValue("Location").orElse("")).endsWith("/");
    }

    @Test
    void recoveryCodeShouldWorkOnce() {
        Person person = person("ADMIN", null, "inspectorate.test");
        assertThat(person.recoveryCodes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code.replace("-", "")).hasSizeGreaterThanOrEqualTo(10));
        String recovery = person.recoveryCodes.get(3);

        Browser browser = new Browser(port);
        browser.password(person.username, PASSWORD);
        HttpResponse<String> used = browser.post("/sign-in/recovery", "/sign-in/recovery", Map.of("recovery_code", recovery));
        assertThat(used.headers().firstValue("Location").orElse("")).endsWith("/");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        Browser again = new Browser(port);
        again.password(person.username, PASSWORD);
        HttpResponse<String> reused = again.post("/sign-in/recovery", "/sign-in/recovery", Map.of("recovery_code", recovery));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains("<title>Error: Use a recovery code").contains("href=\"#recovery_code\"");
        assertThat(again.get("/").headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        assertThat(count("SELECT COUNT(*) FROM recovery_code WHERE username = ? AND used_at IS NULL", person.username))
                .isEqualTo(9);

        // an admin issues new codes: the old ones are void, the new ones work
        HttpResponse<String> renewed = post("/api/admin/accounts/" + person.username + "/recovery-codes", "{}");
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        String fresh = json.readTree(renewed.body()).get("recovery_codes").get(0).asString();
        Browser third = new Browser(port);
        third.password(person.username, PASSWORD);
        assertThat(third.post("/sign-in/recovery", "/sign-in/recovery", Map.of("recovery_code", person.recoveryCodes.get(5)))
                .statusCode()).as("an old code").isEqualTo(200);
        assertThat(third.post("/sign-in/recovery", "/sign-in/recovery", Map.of("recovery_code", fresh.toUpperCase()))
                .headers().firstValue("Location").orElse("")).endsWith("/");
        assertThat(post("/api/admin/accounts/operator/recovery-codes", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void councilUserShouldLandOnTheCouncilPagesAndNeverReachTheOperatorsApi() throws Exception {
        Person person = person("COUNCIL", "Demo Council", "demo-council.test");
        Browser browser = new Browser(port);
        assertThat(browser.signIn(mail, person.username, PASSWORD, person.email)).endsWith("/council");
        assertThat(browser.get("/api/notifications").statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/quarantine").statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/admin/accounts").statusCode()).isEqualTo(403);
        assertThat(browser.get("/actuator/metrics").statusCode()).isEqualTo(403);
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith("/council");

        // the council's user reads its council's notification; another council's user does not
        String secret = json.readTree(post("/api/admin/councils/Demo%20Council/tokens", "{\"name\":\"signin reader\"}")
                .body()).get("token").asString();
        String reference = submitWithToken(secret, "signin-session");
        assertThat(browser.get("/api/notifications/" + reference).statusCode()).isEqualTo(200);
        Person other = person("COUNCIL", "Second Demo Council", "second-council.test");
        Browser otherBrowser = new Browser(port);
        assertThat(otherBrowser.signIn(mail, other.username, PASSWORD, other.email)).endsWith("/council");
        assertThat(otherBrowser.get("/api/notifications/" + reference).statusCode()).isIn(403, 404);
    }

    /** A notification submitted by a council API token; answers its reference. */
    private String submitWithToken(String secret, String marker) throws Exception {
        java.util.Map<String, Object> form = new java.util.LinkedHashMap<>(
                scot.sirgateway.support.TestMessages.completeForm(marker));
        form.remove("local_authority");
        form.put("notifier_email", marker + "-notifier@demo-council.test");
        form.put("incident_date", "2026-11-20");
        form.put("offender_initials", "QZ");
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("reference").asString();
    }

    @Test
    void httpBasicShouldBeForServiceAccountsOnly() {
        Person person = person("OPERATOR", null, "inspectorate.test");
        HttpResponse<String> refused = get("/api/notifications", person.username, PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("sign-in page");
        assertThat(count("SELECT failed_sign_ins FROM operator_account WHERE username = ?", person.username))
                .as("Basic never checked a person's password").isZero();

        String service = "signin-svc-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + service + "\",\"role\":\"INSPECTOR\","
                + "\"email\":\"" + service + "@inspectorate.test\",\"password\":\"" + PASSWORD + "\",\"service_account\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(created.body()).has("recovery_codes")).isFalse();
        assertThat(json.readTree(created.body()).get("service_account").asBoolean()).isTrue();
        assertThat(get("/api/notifications", service, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/", service, PASSWORD).statusCode()).as("no console for a service account").isEqualTo(403);
        // nor the sign-in page
        Browser browser = new Browser(port);
        assertThat(browser.password(service, PASSWORD).headers().firstValue("Location").orElse("")).contains("error");

        assertThat(post("/api/admin/accounts", "{\"username\":\"signin-bad-svc\",\"role\":\"COUNCIL\",\"council\":"
                + "\"Demo Council\",\"email\":\"x@demo-council.test\",\"service_account\":true}").statusCode()).isEqualTo(400);
    }

    @Test
    void councilTokenShouldBeShownOnceAuthenticateAsTheCouncilAndStopWhenRevoked() throws Exception {
        HttpResponse<String> made = post("/api/admin/councils/Demo%20Council/tokens", "{\"name\":\"signin case system\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode token = json.readTree(made.body());
        String secret = token.get("token").asString();
        assertThat(secret).startsWith("sirt_").hasSizeGreaterThan(40);
        assertThat(token.get("council").asString()).isEqualTo("Demo Council");
        long id = token.get("id").asLong();
        assertThat(count("SELECT COUNT(*) FROM council_api_token WHERE token_hash = ?", secret)).isZero();

        String listed = api("/api/admin/councils/Demo%20Council/tokens").toString();
        assertThat(listed).contains("signin case system").doesNotContain(secret).doesNotContain("\"token\"");

        // the token is a council caller: past authentication, refused the operators' API
        assertThat(bearer("/api/notifications", secret).statusCode()).isEqualTo(403);
        // the council API lets it in (a reference unknown to its council: 404, past security), and it submits as
        // its council, without a session or CSRF token, and reads what it submitted
        assertThat(bearer("/api/notifications/SIR-1999-0001", secret).statusCode()).isEqualTo(404);
        String reference = submitWithToken(secret, "signin-token");
        assertThat(bearer("/api/notifications/" + reference, secret).statusCode()).isEqualTo(200);
        HttpResponse<String> asCouncil = bearer("/api/quarantine", secret);
        assertThat(asCouncil.statusCode()).isEqualTo(403);
        assertThat(asCouncil.headers().firstValue("Set-Cookie")).as("a token call makes no session").isEmpty();
        assertThat(count("SELECT COUNT(*) FROM council_api_token WHERE id = ? AND last_used_at IS NOT NULL", id))
                .isEqualTo(1);

        HttpResponse<String> unknown = bearer("/api/notifications", "sirt_" + "x".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("unknown or was revoked");

        HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/admin/tokens/" + id)).DELETE()
                .header("Authorization", basicOperator()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).get("revoked_at").isNull()).isFalse();
        assertThat(bearer("/api/notifications", secret).statusCode()).isEqualTo(401);
        assertThat(actions("operator")).contains("TOKEN_MADE", "TOKEN_REVOKED");

        assertThat(post("/api/admin/councils/Atlantis/tokens", "{\"name\":\"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void signOutShouldEndTheSession() {
        Person person = person("OPERATOR", null, "inspectorate.test");
        Browser browser = new Browser(port);
        browser.signIn(mail, person.username, PASSWORD, person.email);
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        HttpResponse<String> out = browser.post("/sign-out", "/", Map.of());
        assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/signed-out");
        assertThat(browser.get("/signed-out").body()).contains("You have signed out");
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith("/sign-in");
        assertThat(actions(person.username)).contains("SIGN_OUT");
        // admins read the trail on the API
        assertThat(api("/api/admin/audit?actor=" + person.username).toString()).contains("SIGN_IN").contains("SIGN_OUT")
                .doesNotContain(PASSWORD).doesNotContain(person.email);
    }

    @Test
    void sessionCookieShouldBeHttpOnlyAndSameSiteAndChangeAtEachFactor() {
        Person person = person("OPERATOR", null, "inspectorate.test");
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.get("/sign-in");
        String cookie = page.headers().firstValue("Set-Cookie").orElse("");
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String first = sessionId(browser);
        int before = Browser.codeMails(mail, person.email).size();
        browser.password(person.username, PASSWORD);
        String second = sessionId(browser);
        assertThat(second).as("a new session id after the password").isNotEqualTo(first);
        browser.code(Browser.awaitCode(mail, person.email, before));
        assertThat(sessionId(browser)).as("and after the code").isNotEqualTo(second);
    }

    @Test
    void signInPageShouldSayWhatIsMissing() {
        Browser browser = new Browser(port);
        HttpResponse<String> blank = browser.post("/sign-in", "/sign-in", Map.of("username", "", "password", ""));
        assertThat(blank.headers().firstValue("Location").orElse("")).endsWith("/sign-in?error=username");
        HttpResponse<String> page = browser.get("/sign-in?error=username");
        assertThat(page.body()).contains("<title>Error: Sign in").contains("Enter your username")
                .contains("href=\"#username\"").contains("for=\"username\"").contains("for=\"password\"")
                .contains("aria-describedby=\"username-error\"").contains("govuk-input--error");
        assertThat(browser.get("/sign-in").body()).doesNotContain("aria-describedby").doesNotContain("Error:")
                .contains("govuk-input").contains("govuk-button").contains("autocomplete=\"current-password\"");
        HttpResponse<String> wrong = browser.password("signin-nobody-at-all", "whatever-it-is");
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/sign-in?error=credentials");
        assertThat(browser.get("/sign-in/code").headers().firstValue("Location").orElse("")).endsWith("/sign-in");
    }

    @Test
    void fiveWrongCodesShouldLockTheAccount() {
        Person person = person("OPERATOR", null, "inspectorate.test");
        Browser browser = new Browser(port);
        int before = Browser.codeMails(mail, person.email).size();
        browser.password(person.username, PASSWORD);
        String code = Browser.awaitCode(mail, person.email, before);
        String wrong = code.equals("123456") ? "654321" : "123456";
        for (int i = 0; i < 4; i++) {
            assertThat(browser.code(wrong).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fifth = browser.code(wrong);
        assertThat(fifth.headers().firstValue("Location").orElse("")).endsWith("/sign-in?error=locked");
        assertThat(browser.get("/sign-in?error=locked").body()).contains("locked");
        // the right password now is told the account is locked
        Browser again = new Browser(port);
        assertThat(again.password(person.username, PASSWORD).headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in?error=locked");
        assertThat(actions(person.username)).contains("LOCKED", "SIGN_IN_REFUSED_LOCKED");
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basicOperator() {
        return "Basic " + Base64.getEncoder().encodeToString("operator:operator-test-password".getBytes(StandardCharsets.UTF_8));
    }

    private static String sessionId(Browser browser) {
        try {
            var cookies = ((java.net.CookieManager) browser.http().cookieHandler().orElseThrow()).getCookieStore().getCookies();
            return cookies.stream().filter(c -> c.getName().equals("SESSION")).map(java.net.HttpCookie::getValue)
                    .findFirst().orElse("");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> actions(String actor) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = ? ORDER BY id").param(actor).query(String.class).list();
    }

    private record Person(String username, String email, List<String> recoveryCodes) {
    }

    /** A person's account of this class, with its own address at the domain. */
    private Person person(String role, String council, String domain) {
        String username = "signin-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@" + domain;
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"" + role
                + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\""
                + (council == null ? "" : ",\"council\":\"" + council + "\"") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<String> codes = new ArrayList<>();
        json.readTree(created.body()).get("recovery_codes").forEach(code -> codes.add(code.asString()));
        return new Person(username, email, codes);
    }
}
