package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The council API against a careless or hostile caller over real HTTP with a real council API token: whatever
 * is wrong with the request, the answer is problem+json with a reason, never a 500 or the servlet container's
 * error page. This class's marks are {@code hostile-*}.
 */
class CouncilApiHostileTest extends GatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String token;

    @BeforeEach
    void token() {
        token = json.readTree(post("/api/admin/councils/Demo%20Council/tokens", "{\"name\":\"hostile system\"}").body())
                .get("token").asString();
    }

    @Test
    void wrongContentTypeShouldBeAProblemNamingTheTypesTaken() throws Exception {
        HttpResponse<String> answer = send("/api/notifications", "text/plain", "description=hello".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertProblem(answer);
        assertThat(json.readTree(answer.body()).get("detail").asString()).contains("application/json")
                .contains("multipart/form-data");
    }

    @Test
    void councilTokenAtTheOperatorsApiShouldBeToldWhatItMayCall() throws Exception {
        for (String path : new String[] {"/api/notifications", "/api/quarantine", "/api/admin/accounts"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(403);
            assertProblem(answer);
            assertThat(json.readTree(answer.body()).get("detail").asString()).as(path)
                    .contains("POST /api/notifications").contains("GET /api/notifications/{reference}");
        }
    }

    @Test
    void badIdempotencyKeysAndHostileFileNamesShouldBeAnsweredNeverFailed() throws Exception {
        byte[] body = json.writeValueAsBytes(form("hostile-keys"));
        for (String key : new String[] {" ", "k".repeat(300), "key with spaces"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/notifications")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(key + ": " + answer.body()).isEqualTo(400);
            assertProblem(answer);
        }
        Multipart parts = new Multipart().json("notification", json.writeValueAsString(form("hostile-names")))
                .file("documents", "../../etc/passwd", "application/pdf", "plain words of a chronology".getBytes(StandardCharsets.UTF_8))
                .file("documents", "<script>alert(1)</script>.txt", "text/html", "more plain words".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> named = send("/api/notifications", parts.contentType(), parts.bytes());
        assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
        assertThat(named.body()).doesNotContain("passwd").doesNotContain("<script>");
    }

    @Test
    void unknownApiPathOrMethodShouldBeAProblemToo() throws Exception {
        HttpResponse<String> unknown = get("/api/no-such-thing", "operator", "operator-test-password");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertProblem(unknown);
        HttpResponse<String> method = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/notifications")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).as(method.body()).isIn(403, 405);
        assertProblem(method);
    }

    @Test
    void multipartWithoutTheNotificationPartShouldBeAProblem() throws Exception {
        Multipart parts = new Multipart().file("documents", "a.txt", "text/plain", "plain words".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send("/api/notifications", parts.contentType(), parts.bytes());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertProblem(answer);
    }

    @Test
    void documentOverTheMultipartLimitShouldBeAProblem() throws Exception {
        byte[] big = new byte[26 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        Multipart parts = new Multipart().json("notification", json.writeValueAsString(form("hostile-big")))
                .file("documents", "big.txt", "text/plain", big);
        HttpResponse<String> answer = send("/api/notifications", parts.contentType(), parts.bytes());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertProblem(answer);
    }

    @Test
    void jsonArrayOrDeepNestingShouldBeAProblem() throws Exception {
        HttpResponse<String> array = send("/api/notifications", "application/json", "[1,2]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.statusCode()).as(array.body()).isEqualTo(400);
        assertProblem(array);
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        HttpResponse<String> nested = send("/api/notifications", "application/json", deep.getBytes(StandardCharsets.UTF_8));
        assertThat(nested.statusCode()).as(nested.body()).isIn(400, 422);
        assertProblem(nested);
    }

    @Test
    void bearerWithNothingOrAnotherSchemeShouldBeRefusedAsAProblem() throws Exception {
        for (String authorization : new String[] {"Bearer ", "Bearer", "Bearer sirt_" + "x".repeat(5000), "Bearer ünknown"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/notifications/SIR-2026-0001")).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(authorization + ": " + answer.body()).isEqualTo(401);
            assertProblem(answer);
        }
    }

    private static void assertProblem(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(answer.body())
                .startsWith("application/problem+json");
        assertThat(json.readTree(answer.body()).get("detail").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("\"null\"").doesNotContain("Exception").doesNotContain("at scot.").doesNotContain("at org.");
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> form(String marker) {
        Map<String, Object> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("local_authority");
        form.put("notifier_email", marker + "-notifier@demo-council.test");
        form.put("incident_date", "2026-11-20");
        form.put("offender_initials", "QZ");
        return form;
    }

    /** A multipart/form-data body written by hand, so nothing between the test and the gateway tidies it. */
    static final class Multipart {
        private final String boundary = "boundary" + System.nanoTime();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart json(String name, String value) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json",
                    value.getBytes(StandardCharsets.UTF_8));
        }

        Multipart file(String name, String filename, String type, byte[] content) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + type, content);
        }

        Multipart part(String headers, byte[] content) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
