package scot.sirgateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.MutableClock;

/**
 * Sign-in against time, on a gateway of its own whose clock the test moves: a code is good for 10 minutes,
 * five wrong passwords lock an account for 15 minutes (the admins alerted, on the alerts API and by mail,
 * once), the right password is refused while it lasts, an admin can unlock it early, and it ends by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-sign-in-clock;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.alerts.recipients[0]=" + SignInClockTest.ALERTS})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
@ContextConfiguration(initializers = SignInClockTest.OwnMailbox.class)
class SignInClockTest extends GatewayClient {

    static final String INTAKE = "sign-in-clock-intake@sir-gateway.test";
    static final String ALERTS = "sign-in-clock-alerts@sir-gateway.test";
    private static final String PASSWORD = "a-person's-password";

    /** This gateway's own intake mailbox on the shared mail server. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("sign-in-clock-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    MutableClock clock;

    @Test
    void codeShouldExpireAfterTenMinutes() {
        String username = person();
        String email = username + "@inspectorate.test";
        Browser browser = new Browser(port);
        int before = Browser.codeMails(mail, email).size();
        browser.password(username, PASSWORD);
        String code = Browser.awaitCode(mail, email, before);

        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> late = browser.code(code);
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("expired");
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE actor = ?").param(username).query(String.class).list())
                .contains("CODE_EXPIRED");

        // a new code within its ten minutes works
        browser.post("/sign-in/code/new", "/sign-in/code", java.util.Map.of());
        String fresh = Browser.awaitCode(mail, email, before + 1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(browser.code(fresh).headers().firstValue("Location").orElse("")).endsWith("/");
    }

    @Test
    void fiveWrongPasswordsShouldLockForFifteenMinutesAlertOnceAndUnlock() {
        String username = person();
        Browser browser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.password(username, "wrong-password-" + i).headers().firstValue("Location").orElse(""))
                    .endsWith("/sign-in?error=credentials");
        }
        // the right password is refused: the page says locked, not whether the password was right
        assertThat(browser.password(username, PASSWORD).headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in?error=locked");
        assertThat(browser.password(username, "still-wrong").headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in?error=locked");

        // alerted once: on the alerts API and by mail
        assertThat(api("/api/alerts").toString()).contains("ACCOUNT_LOCKED").contains(username);
        // this clock stands still unless moved, and the database rounds its nanoseconds: a second on, the
        // outbox finds the alert due
        clock.advance(Duration.ofSeconds(1));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> alertMails(username).size() == 1);

        // an admin unlocks it
        assertThat(post("/api/admin/accounts/" + username + "/unlock", "{}").statusCode()).isEqualTo(200);
        assertThat(browser.password(username, PASSWORD).headers().firstValue("Location").orElse(""))
                .endsWith("/sign-in/code");

        // locked again; 14 minutes on it still is, 15 minutes on it is over by itself
        Browser other = new Browser(port);
        for (int i = 0; i < 5; i++) {
            other.password(username, "wrong-again-" + i);
        }
        assertThat(other.password(username, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("error=locked");
        clock.advance(Duration.ofMinutes(14));
        assertThat(other.password(username, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("error=locked");
        // (a second past: the database keeps times to the microsecond, the clock may have nanoseconds)
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(other.password(username, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/sign-in/code");
        clock.advance(Duration.ofSeconds(1));
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20))
                .until(() -> alertMails(username).size() == 2);
        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE actor = ? ORDER BY id").param(username)
                .query(String.class).list();
        assertThat(actions).contains("PASSWORD_FAILED", "LOCKED", "SIGN_IN_REFUSED_LOCKED", "PASSWORD_ACCEPTED");
        assertThat(actions.stream().filter("LOCKED"::equals).count()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE actor = 'operator'").query(String.class).list())
                .contains("UNLOCK");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = ?").param(username).query(String.class).list())
                .noneMatch(detail -> detail != null && (detail.contains(PASSWORD) || detail.contains("@")));
    }

    private List<MimeMessage> alertMails(String username) {
        return mail.received(ALERTS).stream().filter(m -> {
            try {
                return m.getSubject().contains(username);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    @Test
    void atMostTenCodeMailsShouldGoToAnAccountInAnHour() {
        String username = person();
        String email = username + "@inspectorate.test";
        Browser browser = new Browser(port);
        int before = Browser.codeMails(mail, email).size();
        browser.password(username, PASSWORD);
        for (int asked = 1; asked < 10; asked++) {
            clock.advance(Duration.ofMinutes(5));
            HttpResponse<String> resent = browser.post("/sign-in/code/new", "/sign-in/code", java.util.Map.of());
            assertThat(resent.headers().firstValue("Location").orElse("")).as("code %d", asked + 1).endsWith("?sent");
        }
        Browser.awaitCode(mail, email, before + 9);

        HttpResponse<String> eleventh = browser.post("/sign-in/code/new", "/sign-in/code", java.util.Map.of());
        assertThat(eleventh.headers().firstValue("Location").orElse("")).endsWith("?too-many");
        assertThat(browser.get("/sign-in/code?too-many").body()).contains("You have asked for 10 codes in the last hour");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'CODE_REFUSED'")
                .param(username).query(Long.class).single()).isEqualTo(1);

        // an hour after the first ones, codes go again, and the newest signs in
        clock.advance(Duration.ofMinutes(20));
        HttpResponse<String> later = browser.post("/sign-in/code/new", "/sign-in/code", java.util.Map.of());
        assertThat(later.headers().firstValue("Location").orElse("")).endsWith("?sent");
        String code = Browser.awaitCode(mail, email, before + 10);
        assertThat(Browser.codeMails(mail, email)).hasSize(before + 11);
        assertThat(browser.code(code).headers().firstValue("Location").orElse("")).endsWith("/");
    }

    private String person() {
        String username = "signin-clock-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"OPERATOR\","
                + "\"email\":\"" + username + "@inspectorate.test\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }
}
