package scot.sirgateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

import scot.sirgateway.submit.FormProperties;
import scot.sirgateway.support.GatewayTest;

/**
 * What the council pages refuse: another council's drafts and notifications (404 exactly as a missing one,
 * and nothing changed), a post without the CSRF token (403, nothing changed), an executable named
 * {@code .pdf} and an oversized file (a clear message, nothing kept); and typed markup is shown as text.
 */
class CouncilFormBoundariesTest extends GatewayTest {

    static final String DEMO_USER = "boundaries-demo";
    static final String SECOND_USER = "boundaries-second";
    static final String PASSWORD = "boundaries-test-password";
    static final String DEMO_EMAIL = "boundaries-demo@demo-council.test";
    static final String SECOND_EMAIL = "boundaries-second@second-council.test";
    static final String SCRIPT = "<script>alert(1)</script>";

    @Autowired
    FormProperties limits;

    @Value("${spring.servlet.multipart.max-file-size:1MB}")
    DataSize multipartLimit;

    @BeforeEach
    void accounts() {
        account(DEMO_USER, "Demo Council", DEMO_EMAIL);
        account(SECOND_USER, "Second Demo Council", SECOND_EMAIL);
    }

    private void account(String username, String council, String email) {
        if (count("SELECT COUNT(*) FROM operator_account WHERE username = ?", username) == 0) {
            assertThat(post("/api/admin/accounts", "{\"username\":\"" + username + "\",\"role\":\"COUNCIL\",\"council\":\""
                    + council + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void anotherCouncilsDraftShouldAnswerAsAMissingOneAndStayUnchanged() {
        CouncilSession demo = CouncilSession.signIn(port, DEMO_USER, PASSWORD, DEMO_EMAIL);
        String draft = demo.startDraft();
        demo.get("/council/drafts/" + draft + "/notifier");
        assertThat(demo.post("/council/drafts/" + draft + "/notifier", Map.of("action", "later",
                "notifier_name", "Boundaries Owner")).statusCode()).isEqualTo(302);
        byte[] before = answers(draft);

        CouncilSession second = CouncilSession.signIn(port, SECOND_USER, PASSWORD, SECOND_EMAIL);
        second.get("/council");
        HttpResponse<String> missing = second.get("/council/drafts/0123456789abcdef0123456789abcdef");
        assertThat(missing.statusCode()).isEqualTo(404);
        for (String path : new String[] {"", "/notifier", "/documents", "/check", "/delete"}) {
            HttpResponse<String> other = second.get("/council/drafts/" + draft + path);
            assertThat(other.statusCode()).as("GET %s of another council's draft", path).isEqualTo(404);
            assertThat(other.body()).as("the same page as a missing draft").isEqualTo(missing.body());
        }
        second.get("/council");
        assertThat(second.post("/council/drafts/" + draft + "/notifier", Map.of("action", "later",
                "notifier_name", "Intruder")).statusCode()).isEqualTo(404);
        assertThat(second.post("/council/drafts/" + draft + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(second.post("/council/drafts/" + draft + "/check", Map.of()).statusCode()).isEqualTo(404);
        assertThat(second.upload("/council/drafts/" + draft + "/documents", "a.pdf", pdf()).statusCode()).isEqualTo(404);
        assertThat(second.get("/council").body()).doesNotContain(draft);

        assertThat(answers(draft)).as("the draft is untouched").isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM form_draft_document WHERE draft_id = ?", draft)).isZero();
        assertThat(demo.get("/council/drafts/" + draft + "/notifier").body()).contains("Boundaries Owner")
                .doesNotContain("Intruder");
    }

    @Test
    void anotherCouncilsNotificationShouldAnswerAsAMissingOne() {
        String reference = notify("boundaries-notifier@demo-council.test", "boundaries-own-council");
        CouncilSession demo = CouncilSession.signIn(port, DEMO_USER, PASSWORD, DEMO_EMAIL);
        assertThat(demo.get("/council/notifications/" + reference).statusCode()).isEqualTo(200);
        assertThat(demo.get("/council").body()).contains(reference);

        CouncilSession second = CouncilSession.signIn(port, SECOND_USER, PASSWORD, SECOND_EMAIL);
        HttpResponse<String> missing = second.get("/council/notifications/SIR-1999-9999");
        HttpResponse<String> other = second.get("/council/notifications/" + reference);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(missing.body());
        assertThat(second.get("/council/notifications/" + reference + "/submitted").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT actor, action, detail FROM audit_event WHERE reference = ? ORDER BY id")
                .param(reference).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list())
                .as("the council's own view is audited; another council's refused one is not")
                .containsExactly(DEMO_USER + " NOTIFICATION_VIEWED the council's page");
        second.get("/council");
        long drafts = count("SELECT COUNT(*) FROM form_draft WHERE kind = 'REVIEW'");
        assertThat(second.post("/council/notifications/" + reference + "/reviews", Map.of()).statusCode()).isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM form_draft WHERE kind = 'REVIEW'")).isEqualTo(drafts);
        assertThat(second.get("/council").body()).doesNotContain(reference);
    }

    @Test
    void aPostWithoutTheCsrfTokenShouldBeRefusedAndChangeNothing() {
        CouncilSession demo = CouncilSession.signIn(port, DEMO_USER, PASSWORD, DEMO_EMAIL);
        String draft = demo.startDraft();
        byte[] before = answers(draft);
        assertThat(demo.postWithoutToken("/council/drafts/" + draft + "/notifier",
                Map.of("action", "later", "notifier_name", "Forged")).statusCode()).isEqualTo(403);
        assertThat(demo.postWithoutToken("/council/drafts/" + draft + "/delete", Map.of()).statusCode()).isEqualTo(403);
        long drafts = count("SELECT COUNT(*) FROM form_draft");
        assertThat(demo.postWithoutToken("/council/drafts", Map.of()).statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM form_draft")).isEqualTo(drafts);
        assertThat(answers(draft)).isEqualTo(before);
    }

    @Test
    void anExecutableNamedPdfAndAnOversizedFileShouldBeRefusedAndNotKept() {
        CouncilSession demo = CouncilSession.signIn(port, DEMO_USER, PASSWORD, DEMO_EMAIL);
        String draft = demo.startDraft();
        demo.get("/council/drafts/" + draft + "/documents");
        byte[] executable = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, executable, 0, 7);
        HttpResponse<String> refused = demo.upload("/council/drafts/" + draft + "/documents", "report.pdf", executable);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("<title>Error: Documents - SIR Gateway</title>")
                .contains("There is a problem").contains("must be a PDF, Word (.docx or .doc)")
                .contains("href=\"#document\"");

        // one byte over the limit the page states: the lower of gateway.forms.max-document-bytes and the
        // servlet's own multipart limit (then the servlet refuses it before the page sees it)
        int limit = (int) Math.min(limits.maxDocumentBytes(), multipartLimit.toBytes());
        byte[] oversized = new byte[limit + 1];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, oversized, 0, header.length);
        Arrays.fill(oversized, header.length, oversized.length, (byte) ' ');
        HttpResponse<String> tooLarge = demo.follow(demo.upload("/council/drafts/" + draft + "/documents", "large.pdf", oversized));
        assertThat(tooLarge.statusCode()).isEqualTo(200);
        assertThat(tooLarge.body()).contains("<title>Error: Documents - SIR Gateway</title>")
                .contains("The selected file must be smaller than " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit / 1024 + " KB"));
        assertThat(count("SELECT COUNT(*) FROM form_draft_document WHERE draft_id = ?", draft)).isZero();

        assertThat(demo.upload("/council/drafts/" + draft + "/documents", "fine.pdf", pdf()).statusCode()).isEqualTo(302);
        assertThat(count("SELECT COUNT(*) FROM form_draft_document WHERE draft_id = ?", draft)).isEqualTo(1);
        assertThat(demo.get("/council/drafts/" + draft + "/documents").body()).contains("fine.pdf");
        demo.post("/council/drafts/" + draft + "/delete", Map.of());
        assertThat(count("SELECT COUNT(*) FROM form_draft_document WHERE draft_id = ?", draft))
                .as("documents go with their draft").isZero();
    }

    @Test
    void markupTypedIntoAFieldShouldBeShownAsText() {
        CouncilSession demo = CouncilSession.signIn(port, DEMO_USER, PASSWORD, DEMO_EMAIL);
        String draft = demo.startDraft();
        demo.get("/council/drafts/" + draft + "/notifier");
        demo.post("/council/drafts/" + draft + "/notifier", Map.of("action", "later", "notifier_name", SCRIPT,
                "notifier_role", SCRIPT, "notifier_email", SCRIPT));
        HttpResponse<String> withError = demo.post("/council/drafts/" + draft + "/notifier", Map.of("action", "continue",
                "notifier_name", SCRIPT, "notifier_email", SCRIPT));
        for (HttpResponse<String> page : new HttpResponse[] {withError, demo.get("/council/drafts/" + draft + "/notifier"),
                demo.get("/council/drafts/" + draft), demo.get("/council")}) {
            assertThat(page.body()).doesNotContain(SCRIPT).doesNotContain("alert(1)</script>");
        }
        assertThat(withError.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(demo.get("/council/drafts/" + draft + "/notifier").body()).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    private byte[] answers(String draft) {
        return jdbc.sql("SELECT answers FROM form_draft WHERE id = ?").param(draft).query(byte[].class).single();
    }

    private static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }
}
