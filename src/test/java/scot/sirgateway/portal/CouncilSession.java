package scot.sirgateway.portal;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.TestMailServer;

/**
 * A council user's browser session without a browser, for the tests of what a page must refuse: cookies
 * kept, the CSRF token read from the last page, form posts and multipart uploads as a browser sends them.
 */
final class CouncilSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private String csrf;

    private CouncilSession(int port) {
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = "http://localhost:" + port;
    }

    /** Signs in with both factors: the password, then the code mailed to {@code email}. */
    static CouncilSession signIn(int port, String username, String password, String email) {
        TestMailServer mail = TestMailServer.shared();
        CouncilSession session = new CouncilSession(port);
        int before = Browser.codeMails(mail, email).size();
        session.get("/sign-in");
        HttpResponse<String> first = session.post("/sign-in", Map.of("username", username, "password", password));
        if (!first.headers().firstValue("Location").orElse("").endsWith("/sign-in/code")) {
            throw new IllegalStateException("the password of " + username + " was not taken: " + first.statusCode());
        }
        session.get("/sign-in/code");
        HttpResponse<String> second = session.post("/sign-in/code", Map.of("code", Browser.awaitCode(mail, email, before)));
        if (second.statusCode() != 302 || second.headers().firstValue("Location").orElse("").contains("/sign-in")) {
            throw new IllegalStateException("the code of " + username + " was not taken: " + second.statusCode());
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher input = CSRF_INPUT.matcher(response.body());
        if (input.find()) {
            Matcher value = VALUE.matcher(input.group());
            if (value.find()) {
                csrf = value.group(1);
            }
        }
        return response;
    }

    /** A form post with the page's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.put("_csrf", csrf);
        }
        return postWithoutToken(path, withToken);
    }

    /** A form post exactly as given: no CSRF token unless the fields carry one. */
    HttpResponse<String> postWithoutToken(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Uploads a file as the documents page's form does, with the CSRF token (in the address too). */
    HttpResponse<String> upload(String path, String filename, byte[] content) {
        String boundary = "----sir" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(content);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path + "?_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
    }

    /** Follows a redirect (one step), or answers the response as it is. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        if (response.statusCode() != 302) {
            return response;
        }
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    /** Starts a notification draft; answers its id. */
    String startDraft() {
        get("/council");
        HttpResponse<String> created = post("/council/drafts", Map.of());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
