package scot.sirgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

/**
 * A browser at the HTTP level: its own cookies (the session), no redirects followed, the CSRF token read from
 * the pages as a browser's form would send it. {@link #signIn} goes through the password and the code mailed
 * to the account, read from the test mail server.
 */
public final class Browser {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE_LINE = Pattern.compile("(?m)^([0-9]{6})\\s*$");

    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public Browser(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Posts a form as a page would: the CSRF token of the given page added. */
    public HttpResponse<String> post(String path, String tokenFromPage, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrfToken(tokenFromPage));
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session's CSRF token as the page carries it (a session is made if there was none). */
    public String csrfToken(String page) {
        String html = get(page).body();
        Matcher token = CSRF_INPUT.matcher(html);
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return token.group(1);
    }

    /** The password step; answers the redirect (to the code page when the password was right). */
    public HttpResponse<String> password(String username, String password) {
        return post("/sign-in", "/sign-in", Map.of("username", username, "password", password));
    }

    /** The code step. */
    public HttpResponse<String> code(String code) {
        return post("/sign-in/code", "/sign-in/code", Map.of("code", code));
    }

    /** Signs in with both factors; answers where the gateway sent the person (their home). */
    public String signIn(TestMailServer mail, String username, String password, String address) {
        int before = codeMails(mail, address).size();
        HttpResponse<String> first = password(username, password);
        assertThat(first.headers().firstValue("Location").orElse("")).as("password accepted").endsWith("/sign-in/code");
        String code = awaitCode(mail, address, before);
        HttpResponse<String> second = code(code);
        assertThat(second.statusCode()).isEqualTo(302);
        return second.headers().firstValue("Location").orElseThrow();
    }

    /** The code of the next sign-in code mail to the address after the {@code before} already there. */
    public static String awaitCode(TestMailServer mail, String address, int before) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> codeMails(mail, address).size() > before);
        List<MimeMessage> mails = codeMails(mail, address);
        try {
            String text = (String) mails.get(mails.size() - 1).getContent();
            Matcher code = CODE_LINE.matcher(text.replace("\r", ""));
            assertThat(code.find()).as("a 6-digit code on a line of its own").isTrue();
            return code.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MimeMessage> codeMails(TestMailServer mail, String address) {
        return mail.received(address).stream().filter(m -> {
            try {
                return "SIR Gateway sign-in code".equals(m.getSubject());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
