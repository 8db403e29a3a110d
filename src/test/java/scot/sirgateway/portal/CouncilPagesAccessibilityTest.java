package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import scot.sirgateway.support.Chromium;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestPdfs;

/**
 * The council pages the journey does not pass through, in a real browser and checked with axe-core: the
 * documents page (a refused file, then one kept), deleting a draft, the review form's pages with errors, and
 * a page that is not there. One browser for the class, the council user signed in once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CouncilPagesAccessibilityTest extends GatewayTest {

    static final String USER = "pages-a11y";
    static final String PASSWORD = "pages-a11y-password";
    static final String EMAIL = "pages-a11y@demo-council.test";

    Chromium browser;

    @BeforeAll
    void councilUser() {
        if (count("SELECT COUNT(*) FROM operator_account WHERE username = ?", USER) == 0) {
            assertThat(post("/api/admin/accounts", "{\"username\":\"" + USER + "\",\"role\":\"COUNCIL\",\"council\":"
                    + "\"Demo Council\",\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}").statusCode())
                    .isEqualTo(201);
        }
        browser = Chromium.start(port);
        browser.signIn(USER, PASSWORD, EMAIL);
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void documentsAndDeletingADraftShouldBeAccessible() throws Exception {
        browser.open("/council");
        browser.press("Start a new notification");
        String draft = browser.path();
        browser.press("Documents");
        assertThat(browser.title()).isEqualTo("Documents - SIR Gateway");
        browser.checkAccessible();

        Path executable = Files.createTempFile("sir-a11y-", ".pdf");
        Path pdf = Files.createTempFile("sir-a11y-", ".pdf");
        try {
            Files.write(executable, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            Files.write(pdf, TestPdfs.flattened(java.util.List.of("Chronology")));
            browser.find("#document").sendKeys(executable.toString());
            browser.press("Upload file");
            assertThat(browser.title()).isEqualTo("Error: Documents - SIR Gateway");
            assertThat(browser.find("#document-error").getText()).contains("must be a PDF");
            browser.checkAccessible();
            browser.find("#document").sendKeys(pdf.toString());
            browser.press("Upload file");
            assertThat(browser.find(".govuk-summary-list").getText()).contains(pdf.getFileName().toString());
            browser.checkAccessible();
        } finally {
            Files.deleteIfExists(executable);
            Files.deleteIfExists(pdf);
        }

        browser.open(draft);
        browser.press("Delete this draft");
        assertThat(browser.title()).isEqualTo("Delete this draft - SIR Gateway");
        browser.checkAccessible();
        browser.press("Yes, delete this draft");
        assertThat(browser.path()).isEqualTo("/council");
        assertThat(browser.find(".govuk-notification-banner").getText()).contains("The draft has been deleted");
        browser.checkAccessible();

        browser.open(draft);
        assertThat(browser.title()).isEqualTo("Page not found - SIR Gateway");
        browser.checkAccessible();
    }

    @Test
    void reviewFormPagesShouldBeAccessible() {
        String reference = notify("pages-a11y-notifier@demo-council.test", "pages-a11y-review");
        browser.open("/council/notifications/" + reference);
        assertThat(browser.title()).isEqualTo("Notification " + reference + " - SIR Gateway");
        browser.checkAccessible();
        browser.press("Submit a review");
        assertThat(browser.title()).isEqualTo("Serious incident review - SIR Gateway");
        browser.checkAccessible();
        browser.press("The review");
        browser.checkAccessible();
        browser.press("Save and continue");
        assertThat(browser.title()).isEqualTo("Error: The review - SIR Gateway");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("govuk-error-summary");
        browser.checkAccessible();
        browser.press("Back to the task list");
        browser.press("Review document");
        assertThat(browser.title()).isEqualTo("Review document - SIR Gateway");
        browser.checkAccessible();
    }
}
