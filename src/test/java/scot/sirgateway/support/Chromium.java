package scot.sirgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium} and its driver, never a download) on a
 * running gateway: sign in, open pages, check each page with axe-core against WCAG 2.1 A and AA, take
 * screenshots into {@code target/screenshots/}. One browser profile of its own, removed on {@link #close()}.
 */
public final class Chromium implements AutoCloseable {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** The sign-in pages checked with axe-core in this JVM: each once, not at every sign-in of every test. */
    private static final java.util.Set<String> SIGN_IN_PAGES_CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Chromium(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A fresh browser on the gateway at this port. */
    public static Chromium start(int port) {
        try {
            Path profile = Files.createTempDirectory("sir-browser-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1100,1400", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the gateway. */
    public void open(String path) {
        driver.get(base + path);
    }

    /** The path of the page shown now. */
    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /**
     * Signs in as a person, both factors: the password at {@code /sign-in}, then the 6-digit code mailed to
     * {@code email} (read from the test mail server) at {@code /sign-in/code}; both pages checked with axe-core (the first
     * time in this JVM). The one place that knows how signing in goes.
     */
    public void signIn(String username, String password, String email) {
        TestMailServer mail = TestMailServer.shared();
        int before = Browser.codeMails(mail, email).size();
        open("/sign-in");
        checkSignInPageOnce();
        type("username", username);
        type("password", password);
        press("Continue");
        assertThat(path()).as("the password was taken").isEqualTo("/sign-in/code");
        checkSignInPageOnce();
        type("code", Browser.awaitCode(mail, email, before));
        press("Continue");
        assertThat(path()).as("signed in with the code: %s", title()).doesNotStartWith("/sign-in");
    }

    /**
     * Forgets the session, as a browser closed and opened again would: the gateway's cookies deleted (from one of
     * its pages, since a browser deletes the cookies of the page shown). The next person signs in afresh.
     */
    public void forgetSession() {
        open("/sign-in");
        driver.manage().deleteAllCookies();
    }

    /** Signs in as this person of the inspectorate ({@link GatewayClient#person(String)}), both factors. */
    public void signIn(GatewayClient.Person person) {
        signIn(person.username(), person.password(), person.email());
    }

    /** Signs out with the header's button; the signed-out page checked with axe-core (the first time in this JVM). */
    public void signOut() {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(".sir-header__sign-out button")).click();
        awaitNewPage(page);
        checkSignInPageOnce();
    }

    private void checkSignInPageOnce() {
        if (SIGN_IN_PAGES_CHECKED.add(path().replaceFirst("\\?.*$", ""))) {
            checkAccessible();
        }
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Types into the field of this id, after clearing it. */
    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the button or link with exactly these words, and waits for the page it leads to. */
    public void press(String words) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.xpath("//button[normalize-space(.)='" + words + "'] | //a[normalize-space(.)='" + words + "']"))
                .click();
        awaitNewPage(page);
    }

    /** Waits until the page shown is no longer {@code page} (its {@code html} element): a form was sent, a link followed. */
    public void awaitNewPage(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
    }

    public String title() {
        return driver.getTitle();
    }

    public String source() {
        return driver.getPageSource();
    }

    /**
     * Asserts axe-core finds no WCAG 2.1 A or AA violation on the page shown, naming each one found. Every rule of
     * those tags runs; axe reports the violations in full and not the nodes that passed, which are never read. In
     * the page itself (legacy mode): the gateway's pages have no frames, so axe is not injected a second time into
     * a blank tab opened to gather frames' results.
     */
    public void checkAccessible() {
        AxeRunOptions options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        Results results = new AxeBuilder().withOptions(options).withTags(WCAG).setLegacyMode(true).analyze(driver);
        assertThat(results.isErrored()).as("axe-core ran on %s", path()).isFalse();
        assertThat(results.getViolations()).as("accessibility violations on %s (%s):%n%s", path(), title(),
                describe(results.getViolations())).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "  " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp()
                        + rule.getNodes().stream().map(node -> "\n    at " + node.getTarget() + ": " + node.getHtml())
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    /** Saves a screenshot of the page as {@code target/screenshots/<name>.png}; answers its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover profile in the temp folder harms nothing
            }
        }
    }
}
