package scot.sirgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.Browser;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * A notification's page over HTTP, as a signed-in person's browser sends it: documents come decrypted as
 * attachments with a safe name, a safe type, nosniff and a sandbox; a hostile subject, field or file name is
 * escaped; an inspector reads the page but cannot release or withdraw (403, nothing changed); a withdrawal needs a
 * reason; a bad correction is sent back with its error and changes nothing.
 */
class NotificationPageTest extends GatewayTest {

    static final String SENDER = "notification-page@demo-council.test";
    static final String HOSTILE_IMG = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";

    static Browser operator;
    static Browser inspector;

    @BeforeEach
    void signedIn() {
        if (operator == null) {
            var person = person("OPERATOR");
            operator = new Browser(port);
            operator.signIn(mail, person.username(), person.password(), person.email());
            var reader = person("INSPECTOR");
            inspector = new Browser(port);
            inspector.signIn(mail, reader.username(), reader.password(), reader.email());
        }
    }

    /** A notification in TRIAGE (no offender reference), with a hostile subject, description and two documents. */
    private String triageNotificationWithDocuments(String marker, byte[] first, byte[] second) {
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("offender_ref");
        form.put("description", "Description " + marker + " " + HOSTILE_IMG + " " + HOSTILE_SCRIPT);
        mail.send(SENDER, INTAKE, NotificationMails.withDocuments(SENDER, messageId,
                HOSTILE_SCRIPT + " Serious incident notification " + marker, form,
                new NotificationMails.Attached(HOSTILE_IMG + ".txt", "text/plain; charset=UTF-8", first),
                new NotificationMails.Attached("../../etc/passwd", "text/plain; charset=UTF-8", second)));
        String reference = awaitReference(messageId);
        assertThat(status(reference)).isEqualTo("TRIAGE");
        return reference;
    }

    private String status(String reference) {
        return jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(reference).query(String.class).single();
    }

    private long audited(String reference, String action) {
        return count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = ?", reference, action);
    }

    @Test
    void documentsShouldDownloadAsAttachmentsWithSafeNamesAndTheBytesSent() throws Exception {
        byte[] first = "First document of the page test\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "root:x:0:0 is not here\n".getBytes(StandardCharsets.UTF_8);
        String reference = triageNotificationWithDocuments("page-documents", first, second);

        HttpResponse<String> page = operator.get("/notifications/" + reference);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;.txt", "&lt;script&gt;alert(1)&lt;/script&gt; Serious incident")
                .contains("Description page-documents &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(HOSTILE_IMG, HOSTILE_SCRIPT)
                .contains("/notifications/" + reference + "/documents/1", "/notifications/" + reference + "/documents/2");

        HttpResponse<byte[]> one = operator.http().send(HttpRequest.newBuilder(
                operator.uri("/notifications/" + reference + "/documents/1")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo(first);
        assertThat(one.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(one.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(one.headers().allValues("Content-Security-Policy")).contains("sandbox");
        String disposition = one.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").contains("filename=\"_img src_x onerror_alert(1)_.txt\"")
                .contains("filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt");

        HttpResponse<byte[]> two = operator.http().send(HttpRequest.newBuilder(
                operator.uri("/notifications/" + reference + "/documents/2")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(two.body()).isEqualTo(second);
        assertThat(two.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"passwd\"; filename*=UTF-8''passwd");

        assertThat(operator.get("/notifications/" + reference + "/documents/3").statusCode()).isEqualTo(404);
        assertThat(operator.get("/notifications/" + reference + "/documents/x").statusCode()).isEqualTo(404);
        // a notification without documents has no document 1: a number never reaches another notification's
        String plain = notify("notification-page-plain@demo-council.test", "page-plain");
        assertThat(operator.get("/notifications/" + plain + "/documents/1").statusCode()).isEqualTo(404);
        assertThat(operator.get("/notifications/SIR-1999-9999").statusCode()).isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE reference = ? AND action = 'NOTIFICATION_VIEWED' "
                + "AND detail LIKE 'document 1%'", reference)).isEqualTo(1);
    }

    @Test
    void safeNamesAndTypesShouldKeepBrowsersFromOpeningOrPlacingTheFile() {
        assertThat(Downloads.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Downloads.safeName("..\\..\\boot.ini")).isEqualTo("boot.ini");
        assertThat(Downloads.safeName("a\"b;c\r\nd.pdf")).isEqualTo("a_b_c__d.pdf");
        assertThat(Downloads.safeName("../")).isEqualTo("document");
        assertThat(Downloads.contentDisposition("Rapport é.pdf"))
                .isEqualTo("attachment; filename=\"Rapport _.pdf\"; filename*=UTF-8''Rapport%20%C3%A9.pdf");
        assertThat(NotificationDocuments.servedType("application/pdf")).isEqualTo("application/pdf");
        assertThat(NotificationDocuments.servedType("text/html")).isEqualTo("application/octet-stream");
        assertThat(NotificationDocuments.servedType("image/svg+xml")).isEqualTo("application/octet-stream");
    }

    @Test
    void inspectorShouldReadThePageButNeitherReleaseNorWithdraw() {
        String reference = triageNotificationWithDocuments("page-inspector", new byte[] {'a'}, new byte[] {'b'});
        HttpResponse<String> page = inspector.get("/notifications/" + reference);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(reference).doesNotContain("Release to forward", "/release", "/withdraw",
                "Pause reminders");

        HttpResponse<String> release = inspector.post("/notifications/" + reference + "/release",
                "/notifications/" + reference, Map.of("offender_ref", "FORGED-1"));
        assertThat(release.statusCode()).isEqualTo(403);
        HttpResponse<String> withdraw = inspector.post("/notifications/" + reference + "/withdraw",
                "/notifications/" + reference, Map.of("reason", "forged"));
        assertThat(withdraw.statusCode()).isEqualTo(403);
        assertThat(inspector.get("/notifications/" + reference + "/withdraw").statusCode()).isEqualTo(403);
        assertThat(status(reference)).isEqualTo("TRIAGE");
        assertThat(audited(reference, "RELEASED") + audited(reference, "WITHDRAWN")).isZero();
    }

    @Test
    void withdrawalShouldNeedAReason() {
        String reference = triageNotificationWithDocuments("page-withdraw", new byte[] {'a'}, new byte[] {'b'});
        String path = "/notifications/" + reference + "/withdraw";
        HttpResponse<String> empty = operator.post(path, path, Map.of("reason", "  "));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("<title>Error: Withdraw " + reference, "Enter why the notification is withdrawn",
                "govuk-error-summary");
        assertThat(status(reference)).isEqualTo("TRIAGE");
        assertThat(audited(reference, "WITHDRAWN")).isZero();

        HttpResponse<String> done = operator.post(path, path, Map.of("reason", "A duplicate of an earlier one"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(status(reference)).isEqualTo("WITHDRAWN");
        assertThat(audited(reference, "WITHDRAWN")).isEqualTo(1);
        assertThat(operator.get("/notifications/" + reference).body()).contains("Withdrawn", "A duplicate of an earlier one")
                .contains(reference + " was withdrawn");
    }

    @Test
    void badCorrectionsAndARefusedForwardShouldChangeNothing() {
        String reference = triageNotificationWithDocuments("page-errors", new byte[] {'a'}, new byte[] {'b'});
        String path = "/notifications/" + reference;
        HttpResponse<String> missing = operator.post(path + "/release", path, Map.of("offender_ref", ""));
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("<title>Error: " + reference, "href=\"#offender_ref\"",
                "the notification cannot be released without it");
        // a field besides the unsure ones is checked as the API checks it: a code that is none, a date that is none
        HttpResponse<String> badType = operator.post(path + "/release", path, Map.of("offender_ref", "OPR-1",
                "incident_type", "NOT_A_TYPE", "incident_date-day", "31", "incident_date-month", "2",
                "incident_date-year", "2026"));
        assertThat(badType.statusCode()).isEqualTo(200);
        assertThat(badType.body()).contains("href=\"#incident_type\"", "href=\"#incident_date-day\"",
                "must be a real date");
        HttpResponse<String> unknown = operator.post(path + "/release", path, Map.of("offender_ref", "OPR-1",
                "shoe_size", "9"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("&#39;shoe_size&#39; is not a field the release can correct");
        HttpResponse<String> forward = operator.post(path + "/forward", path, Map.of());
        assertThat(forward.statusCode()).isEqualTo(200);
        assertThat(forward.body()).contains("has not been forwarded yet");
        assertThat(status(reference)).isEqualTo("TRIAGE");
        assertThat(audited(reference, "RELEASED") + audited(reference, "FORWARDED_AGAIN")).isZero();

        HttpResponse<String> released = operator.post(path + "/release", path, Map.of("offender_ref", "OPR-1"));
        assertThat(released.statusCode()).isEqualTo(302);
        assertThat(status(reference)).isIn("REGISTERED", "FORWARDED");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE reference = ? AND action = 'RELEASED'").param(reference)
                .query(String.class).single()).isEqualTo("released; corrected fields: offender_ref, on the console's page");
    }

    @Test
    void operatorShouldAssignAnInspectorAndPauseAndResumeReminders() {
        String reference = notify("notification-page-followup@demo-council.test", "page-followup");
        String path = "/notifications/" + reference;
        String inspectorName = person("INSPECTOR").username();
        HttpResponse<String> page = operator.get(path);
        assertThat(page.body()).contains("<option value=\"" + inspectorName + "\">" + inspectorName + "</option>")
                .doesNotContain("<option value=\"" + person("OPERATOR").username() + "\"");

        HttpResponse<String> notAnInspector = operator.post(path + "/inspector", path,
                Map.of("username", person("OPERATOR").username()));
        assertThat(notAnInspector.statusCode()).isEqualTo(200);
        assertThat(notAnInspector.body()).contains("Select an inspector from the list");
        HttpResponse<String> assigned = operator.post(path + "/inspector", path, Map.of("username", inspectorName));
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT inspector FROM notification WHERE reference = ?").param(reference).query(String.class)
                .single()).isEqualTo(inspectorName);
        assertThat(audited(reference, "INSPECTOR_ASSIGNED")).isEqualTo(1);

        HttpResponse<String> noReason = operator.post(path + "/reminders/pause", path, Map.of("reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(200);
        assertThat(noReason.body()).contains("Enter why the reminders are paused");
        assertThat(audited(reference, "REMINDERS_PAUSED")).isZero();
        assertThat(operator.post(path + "/reminders/pause", path, Map.of("reason", "The council asked for time"))
                .statusCode()).isEqualTo(302);
        String paused = operator.get(path).body();
        assertThat(paused).contains("Paused", "Resume reminders", "The council asked for time");
        assertThat(operator.post(path + "/reminders/pause", path, Map.of("reason", "again")).body())
                .contains("are already paused");
        assertThat(operator.post(path + "/reminders/resume", path, Map.of("reason", "Time is up")).statusCode())
                .isEqualTo(302);
        assertThat(jdbc.sql("SELECT reminders_paused FROM notification WHERE reference = ?").param(reference)
                .query(Boolean.class).single()).isFalse();
        assertThat(audited(reference, "REMINDERS_PAUSED") + audited(reference, "REMINDERS_RESUMED")).isEqualTo(2);

        // forward again, once it has been forwarded: a new copy queued, audited. A mail in clear from a council's
        // address waits in triage (its sender is not verified by a signature): released as it is first
        assertThat(status(reference)).isEqualTo("TRIAGE");
        assertThat(operator.post(path + "/release", path, Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE reference = ? AND action = 'RELEASED'").param(reference)
                .query(String.class).single()).isEqualTo("released without corrections, on the console's page");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "FORWARDED".equals(status(reference)));
        assertThat(operator.get(path).body()).contains("Forward again", "Sent on ");
        assertThat(operator.post(path + "/forward", path, Map.of()).statusCode()).isEqualTo(302);
        assertThat(audited(reference, "FORWARDED_AGAIN")).isEqualTo(1);
        assertThat(awaitOutboxDone(reference, "FORWARD")).isEqualTo(2);
        assertThat(operator.get(path).body()).contains("sent again 1 time");

        // an inspector can do none of these
        assertThat(inspector.post(path + "/inspector", path, Map.of("username", inspectorName)).statusCode()).isEqualTo(403);
        assertThat(inspector.post(path + "/reminders/pause", path, Map.of("reason", "no")).statusCode()).isEqualTo(403);
        assertThat(inspector.post(path + "/forward", path, Map.of()).statusCode()).isEqualTo(403);
    }
}
