package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.support.GatewayTest;

import tools.jackson.databind.JsonNode;

/**
 * The admins' accounts API: inspectors with the address their reminders go to, council accounts at their
 * council's domains, generated passwords shown once, and the lock after repeated failed sign-ins.
 */
class AccountApiTest extends GatewayTest {

    @Test
    void adminShouldCreateAndListAnInspectorWithItsAddressSealed() {
        String username = unique("insp");
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"INSPECTOR\",\"email\":\"" + username + "@inspectorate.test\","
                + "\"password\":\"a-long-enough-password\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode account = json.readTree(created.body());
        assertThat(account.get("role").asString()).isEqualTo("INSPECTOR");
        assertThat(account.get("email").asString()).isEqualTo(username + "@inspectorate.test");
        assertThat(account.get("locked").asBoolean()).isFalse();
        assertThat(account.has("initial_password")).isFalse();
        assertThat(account.get("service_account").asBoolean()).isFalse();
        // a person's recovery codes, shown once, kept only as hashes
        assertThat(account.get("recovery_codes")).hasSize(10);
        String recovery = account.get("recovery_codes").get(0).asString();
        assertThat(count("SELECT COUNT(*) FROM recovery_code WHERE username = ?", username)).isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM recovery_code WHERE code_hash LIKE ?", "%" + recovery + "%")).isZero();

        JsonNode listed = listed(username);
        assertThat(listed.get("email").asString()).isEqualTo(username + "@inspectorate.test");
        assertThat(listed.get("enabled").asBoolean()).isTrue();
        assertThat(api("/api/admin/accounts").toString()).doesNotContain("password").doesNotContain("{noop}")
                .doesNotContain("{bcrypt}");

        byte[] sealed = jdbc.sql("SELECT email FROM operator_account WHERE username = ?").param(username)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("inspectorate.test");
        assertThat(cipher.decryptValue(sealed, StorageCipher.associatedData("operator_account", username, "email")))
                .isEqualTo(username + "@inspectorate.test");

        // the admin who made it is in the audit trail, with no address or password
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = 'operator' AND action = 'ACCOUNT_CREATED' "
                + "AND detail LIKE ?").param("account " + username + " %").query(String.class).list())
                .containsExactly("account " + username + " with role INSPECTOR");

        HttpResponse<String> again = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"OPERATOR\",\"service_account\":true}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(detail(again)).contains(username);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'ACCOUNT_CREATED' AND detail LIKE ?",
                "account " + username + " %")).as("a refused account is not recorded").isEqualTo(1);
    }

    @Test
    void badAccountsShouldBeRefusedWithTheReason() {
        assertThat(refusal("{\"username\":\"No Spaces\",\"role\":\"OPERATOR\"}")).contains("username");
        assertThat(refusal("{\"username\":\"ab\",\"role\":\"OPERATOR\"}")).contains("3 to 100");
        assertThat(refusal("{\"username\":\"" + unique("r") + "\",\"role\":\"BOSS\"}"))
                .contains("OPERATOR, INSPECTOR, ADMIN or COUNCIL");
        assertThat(refusal("{\"username\":\"" + unique("i") + "\",\"role\":\"INSPECTOR\"}")).contains("email");
        assertThat(refusal("{\"username\":\"" + unique("i") + "\",\"role\":\"INSPECTOR\","
                + "\"email\":\"Ann Other <ann@inspectorate.test>\"}")).contains("one plain address");
        assertThat(refusal("{\"username\":\"" + unique("i") + "\",\"role\":\"INSPECTOR\","
                + "\"email\":\"ann@inspectorate.invalid\"}")).contains("placeholder");
        assertThat(refusal("{\"username\":\"" + unique("p") + "\",\"role\":\"OPERATOR\",\"password\":\"short\","
                + "\"service_account\":true}")).contains("at least 12");
        assertThat(refusal("{\"username\":\"" + unique("p") + "\",\"role\":\"OPERATOR\"}"))
                .contains("a person's account needs an email");
        assertThat(refusal("{\"username\":\"" + unique("s") + "\",\"role\":\"COUNCIL\",\"council\":\"Demo Council\","
                + "\"email\":\"it@demo-council.test\",\"service_account\":true}")).contains("council API token");
        assertThat(refusal("{\"username\":\"" + unique("o") + "\",\"role\":\"OPERATOR\",\"council\":\"Fife\"}"))
                .contains("only for COUNCIL");
        assertThat(refusal("not json")).isNotBlank();
    }

    @Test
    void councilAccountShouldBelongToAKnownCouncilWithAnAddressAtItsDomains() {
        String username = unique("council");
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"COUNCIL\",\"council\":\"demo council\",\"email\":\"it@demo-council.test\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode account = json.readTree(created.body());
        assertThat(account.get("council").asString()).isEqualTo("Demo Council");
        assertThat(account.get("initial_password").asString()).hasSizeGreaterThanOrEqualTo(12);

        assertThat(refusal("{\"username\":\"" + unique("c") + "\",\"role\":\"COUNCIL\",\"council\":\"Demo Council\","
                + "\"email\":\"it@elsewhere.test\"}")).contains("Demo Council's registered domains");
        assertThat(refusal("{\"username\":\"" + unique("c") + "\",\"role\":\"COUNCIL\",\"council\":\"Atlantis\","
                + "\"email\":\"it@demo-council.test\"}")).contains("Atlantis");
        assertThat(refusal("{\"username\":\"" + unique("c") + "\",\"role\":\"COUNCIL\","
                + "\"email\":\"it@demo-council.test\"}")).contains("needs a council");
        assertThat(refusal("{\"username\":\"" + unique("c") + "\",\"role\":\"COUNCIL\",\"council\":\"Demo Council\"}"))
                .contains("needs an email");
    }

    @Test
    void generatedPasswordShouldBeAnsweredOnceAndSignIn() {
        String username = unique("gen");
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"OPERATOR\",\"service_account\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        String password = json.readTree(created.body()).get("initial_password").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(get("/api/notifications", username, password).statusCode()).isEqualTo(200);
        assertThat(listed(username).has("initial_password")).isFalse();
    }

    @Test
    void nonAdminShouldBeRefusedTheAccountsApi() {
        String username = unique("op");
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"OPERATOR\","
                + "\"password\":\"operator-two-password\",\"service_account\":true}").statusCode()).isEqualTo(201);
        assertThat(get("/api/admin/accounts", username, "operator-two-password").statusCode()).isEqualTo(403);
        assertThat(postAs("/api/admin/accounts", "{\"username\":\"" + unique("x") + "\",\"role\":\"ADMIN\"}",
                username, "operator-two-password").statusCode()).isEqualTo(403);
        assertThat(postAs("/api/admin/accounts/" + username + "/unlock", "{}", username, "operator-two-password")
                .statusCode()).isEqualTo(403);
        assertThat(post("/api/admin/accounts/no-such-account-here/unlock", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void fiveFailedSignInsInARowShouldLockUntilAnAdminUnlocks() {
        String username = unique("lock");
        String password = "the-right-password";
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"OPERATOR\","
                + "\"password\":\"" + password + "\",\"service_account\":true}").statusCode()).isEqualTo(201);

        // four failures, then a success: the count starts again
        for (int i = 0; i < 4; i++) {
            assertThat(get("/api/notifications", username, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(failedSignIns(username)).isEqualTo(4);
        assertThat(get("/api/notifications", username, password).statusCode()).isEqualTo(200);
        assertThat(failedSignIns(username)).isZero();

        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/notifications", username, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("/api/notifications", username, password).statusCode()).as("locked").isEqualTo(401);
        assertThat(listed(username).get("locked").asBoolean()).isTrue();

        HttpResponse<String> unlocked = post("/api/admin/accounts/" + username + "/unlock", "{}");
        assertThat(unlocked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(unlocked.body()).get("locked").asBoolean()).isFalse();
        assertThat(failedSignIns(username)).isZero();
        assertThat(get("/api/notifications", username, password).statusCode()).isEqualTo(200);
    }

    @Test
    void lockShouldEndByItselfAfterTheLockDuration() {
        // anyone who knows a username can lock it: were the lock for ever, five requests per admin would leave
        // nobody able to unlock anybody
        String username = unique("lockout");
        String password = "the-right-password";
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"ADMIN\","
                + "\"password\":\"" + password + "\",\"service_account\":true}").statusCode()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/notifications", username, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("/api/notifications", username, password).statusCode()).as("locked").isEqualTo(401);

        // the lock began longer ago than gateway.security.lock-duration (15 minutes by default)
        jdbc.sql("UPDATE operator_account SET locked_at = ? WHERE username = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(16), username).update();
        assertThat(listed(username).get("locked").asBoolean()).isFalse();
        assertThat(get("/api/notifications", username, password).statusCode()).as("lock over").isEqualTo(200);
        assertThat(failedSignIns(username)).isZero();
        // and a new run of failures locks it again
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/notifications", username, "wrong-again-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("/api/notifications", username, password).statusCode()).as("locked again").isEqualTo(401);
    }

    @Test
    void failedFormSignInShouldCountToo() throws Exception {
        String username = unique("form");
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"OPERATOR\","
                + "\"email\":\"" + username + "@inspectorate.test\",\"password\":\"the-right-password\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> login = new scot.sirgateway.support.Browser(port).password(username, "not-the-password");
        assertThat(login.headers().firstValue("Location").orElse("")).contains("error");
        assertThat(failedSignIns(username)).isEqualTo(1);
    }

    private String refusal(String body) {
        HttpResponse<String> response = post("/api/admin/accounts", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return detail(response);
    }

    private JsonNode listed(String username) {
        for (JsonNode account : api("/api/admin/accounts")) {
            if (account.get("username").asString().equals(username)) {
                return account;
            }
        }
        throw new AssertionError(username + " is not listed");
    }

    private long failedSignIns(String username) {
        return count("SELECT failed_sign_ins FROM operator_account WHERE username = ?", username);
    }

    private HttpResponse<String> postAs(String path, String body, String user, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String detail(HttpResponse<String> response) {
        return json.readTree(response.body()).get("detail").asString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
