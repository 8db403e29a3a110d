package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.Filter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.Openssl;
import scot.sirgateway.support.TestDocx;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import tools.jackson.databind.JsonNode;

/**
 * The council API through the running gateway and the real mail server: a council's JSON or multipart post
 * becomes one notification of source FORM, its sender the verified account, acknowledged and forwarded like
 * mail; invalid values, disallowed and too large documents are refused with nothing kept; an Idempotency-Key
 * makes retries answer the first answer; a council sees and reviews only its own notifications; a mail
 * carrying a form post's headers stays a mail.
 *
 * <p>A council caller is, until the sign-in part lands, authenticated in the test only: MockMvc on the gateway's
 * own web context and security filter chain, with a security context holding the authorities the sign-in gives
 * ({@code ROLE_COUNCIL}, {@code COUNCIL_OF:<council>}) in a session with its CSRF token, as a signed-in council
 * user's browser calls. A council API token reaches the same controllers with the same authorities.
 */
class CouncilApiTest extends GatewayTest {

    private static final String DEMO = "Demo Council";
    private static final String SECOND = "Second Demo Council";
    private static final String GOVERNMENT = "sir@gov-scot.test";

    @Autowired
    private WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter security;

    private MockMvc mvc;

    @BeforeEach
    void council() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(security).build();
    }

    @Test
    void jsonPostShouldRegisterOneVerifiedFormNotificationAcknowledgedAndForwarded() throws Exception {
        String notifier = "submit-json@demo-council.test";
        Map<String, Object> form = form("api-json", notifier);
        // JSON's own types: a boolean for yes/no, a number for the category; the council named is not the caller's
        form.put("mappa", false);
        form.put("incident_category", 1);
        form.put("local_authority", SECOND);
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form)), DEMO, "token:7");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        JsonNode answer = json.readTree(response.getContentAsString());
        String reference = answer.get("reference").asString();
        assertThat(reference).matches("SIR-\\d{4}-\\d{4,}");
        assertThat(answer.get("status").asString()).isIn("REGISTERED", "FORWARDED");
        assertThat(answer.get("acknowledgement").asString()).contains(notifier);
        assertThat(response.getHeader("Location")).isEqualTo("/api/notifications/" + reference);

        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("source").asString()).isEqualTo("FORM");
        assertThat(notification.get("local_authority").asString()).isEqualTo(DEMO);
        assertThat(notification.get("signature_verified").asBoolean()).isFalse();
        JsonNode layer = notification.get("layers").get(0);
        assertThat(layer.get("kind").asString()).isEqualTo("ACCOUNT");
        assertThat(layer.get("signer").asString()).isEqualTo("token:7");
        assertThat(layer.get("key").asString()).isEqualTo(DEMO);
        assertThat(layer.get("verified").asBoolean()).isTrue();
        assertThat(notification.get("mappa").asBoolean()).isFalse();
        assertThat(notification.get("incident_category").asInt()).isEqualTo(1);
        for (String key : List.of("description", "incident_type", "order_type", "mappa", "notifier_name")) {
            assertThat(notification.get("fields").get(key).get("source").asString()).as(key).isEqualTo("FORM_FIELD");
            assertThat(notification.get("fields").get(key).get("confidence").asDouble()).as(key).isEqualTo(1.0);
        }
        assertThat(notification.get("timeline").toString()).contains("submitted through the API by token:7");
        // one notification, one stored message of source FORM
        assertThat(count("SELECT COUNT(*) FROM notification n JOIN stored_message s ON s.id = n.stored_message_id "
                + "WHERE n.reference = ? AND s.source = 'FORM'", reference)).isEqualTo(1);

        MimeMessage acknowledgement = awaitReceived(notifier, m -> subject(m).contains(reference));
        assertThat(subject(acknowledgement)).contains("[" + reference + "]");
        awaitReceived(GOVERNMENT, m -> subject(m).contains(reference));
    }

    @Test
    void postBySignedInCouncilUserShouldBeAcknowledgedToTheAccountsOwnAddress() throws Exception {
        String account = "submit-user-" + UUID.randomUUID().toString().substring(0, 8);
        String address = account + "@demo-council.test";
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + account + "\",\"role\":\"COUNCIL\",\"council\":\""
                + DEMO + "\",\"email\":\"" + address + "\"}").statusCode()).isEqualTo(201);
        String notifier = "submit-user-notifier@demo-council.test";
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(form("api-user", notifier))),
                DEMO, account);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        String reference = json.readTree(response.getContentAsString()).get("reference").asString();
        assertThat(json.readTree(response.getContentAsString()).get("acknowledgement").asString()).contains(address);

        awaitReceived(address, m -> subject(m).contains(reference));
        assertThat(awaitOutboxDone(reference, "ACKNOWLEDGEMENT")).isEqualTo(1);
        assertThat(mail.received(notifier)).isEmpty();
        assertThat(api("/api/notifications/" + reference).get("timeline").toString())
                .contains("submitted through the API by " + account);

        // a multipart review with its document, acknowledged to the account too
        Map<String, Object> review = review();
        byte[] document = Base64.getDecoder().decode((String) review.remove("document"));
        review.remove("document_name");
        MockHttpServletResponse reviewed = call(MockMvcRequestBuilders.multipart("/api/notifications/" + reference + "/reviews")
                .file(new MockMultipartFile("review", "", "application/json",
                        json.writeValueAsString(review).getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("document", "iar.pdf", "application/pdf", document)), DEMO, account);
        assertThat(reviewed.getStatus()).as(reviewed.getContentAsString()).isEqualTo(201);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        awaitReceived(address, m -> subject(m).contains(reference) && subject(m).contains("Review received"));
    }

    @Test
    void multipartPostShouldReadItsPdfAndWordDocumentsThroughTheExtractStage() throws Exception {
        Map<String, Object> form = form("api-multipart", "submit-multipart@demo-council.test");
        form.remove("offender_initials");
        byte[] pdf = TestPdfs.flattened(List.of("Agencies involved: Police Scotland pdf-multipart"));
        byte[] docx = TestDocx.docx(TestDocx.paragraph("Offender initials: M.P."));
        MockHttpServletResponse response = call(MockMvcRequestBuilders.multipart("/api/notifications")
                .file(new MockMultipartFile("notification", "", "application/json",
                        json.writeValueAsString(form).getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("documents", "chronology.pdf", "application/pdf", pdf))
                .file(new MockMultipartFile("documents", "background.docx", "application/octet-stream", docx)),
                DEMO, "token:8");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        String reference = json.readTree(response.getContentAsString()).get("reference").asString();
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("agencies_involved").asString()).isEqualTo("Police Scotland pdf-multipart");
        assertThat(notification.get("fields").get("agencies_involved").get("source").asString()).isEqualTo("DOCUMENT_LABEL");
        assertThat(notification.get("offender_initials").asString()).isEqualTo("M.P.");
        assertThat(notification.get("source").asString()).isEqualTo("FORM");
    }

    @Test
    void invalidValuesShouldBeRefusedNamingEachFieldWithNothingKept() throws Exception {
        long stored = count("SELECT COUNT(*) FROM stored_message");
        Map<String, Object> form = form("api-invalid", "submit-invalid@demo-council.test");
        form.remove("description");
        form.put("incident_date", "31/02/2026");
        form.put("notifier_email", "not an address");
        form.put("incident_type", "NOT_A_TYPE");
        form.put("shoe_size", "9");
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form)), DEMO, "token:9");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("description", "incident_date", "notifier_email", "incident_type", "shoe_size");
        assertThat(problem.get("errors").toString()).contains("Enter ").contains("real date");
        assertThat(count("SELECT COUNT(*) FROM stored_message")).isEqualTo(stored);
    }

    @Test
    void postInASessionWithoutItsCsrfTokenShouldBeRefusedWithNothingKept() throws Exception {
        long stored = count("SELECT COUNT(*) FROM stored_message");
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post("/api/notifications")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form("api-csrf", "submit-csrf@demo-council.test")))
                .with(asCouncil(DEMO, "council-user-csrf", false))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("CSRF");
        assertThat(count("SELECT COUNT(*) FROM stored_message")).isEqualTo(stored);
    }

    @Test
    void otherMediaShouldBe415() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.TEXT_PLAIN)
                .content("description: text"), DEMO, "token:9");
        assertThat(response.getStatus()).isEqualTo(415);
    }

    @Test
    void executableNamedPdfAndTooLargeDocumentShouldBeRefusedWithNothingKept() throws Exception {
        long stored = count("SELECT COUNT(*) FROM stored_message");
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        MockHttpServletResponse executable = call(MockMvcRequestBuilders.multipart("/api/notifications")
                .file(new MockMultipartFile("notification", "", "application/json",
                        json.writeValueAsString(form("api-elf", "submit-elf@demo-council.test")).getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("documents", "report.pdf", "application/pdf", elf)), DEMO, "token:10");
        assertThat(executable.getStatus()).isEqualTo(422);
        JsonNode refused = json.readTree(executable.getContentAsString()).get("errors").get(0);
        assertThat(refused.get("field").asString()).isEqualTo("documents");
        assertThat(refused.get("message").asString()).contains("report.pdf").contains("PDF, Word");

        // a zip that is not a Word or OpenDocument file, and HTML named .txt: refused alike
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("run.sh"));
            out.write("echo hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        for (MockMultipartFile disallowed : List.of(new MockMultipartFile("documents", "notes.docx", "application/octet-stream",
                zip.toByteArray()), new MockMultipartFile("documents", "notes.txt", "text/plain", html))) {
            MockHttpServletResponse refusedToo = call(MockMvcRequestBuilders.multipart("/api/notifications")
                    .file(new MockMultipartFile("notification", "", "application/json",
                            json.writeValueAsString(form("api-zip", "submit-elf@demo-council.test")).getBytes(StandardCharsets.UTF_8)))
                    .file(disallowed), DEMO, "token:10");
            assertThat(refusedToo.getStatus()).as(disallowed.getOriginalFilename()).isEqualTo(422);
            assertThat(refusedToo.getContentAsString()).contains(disallowed.getOriginalFilename() + " must be a PDF");
        }

        // over gateway.forms.max-document-bytes (150000 in the tests)
        byte[] large = TestPdfs.flattened(List.of("Agencies involved: large"));
        byte[] padded = new byte[160_000];
        System.arraycopy(large, 0, padded, 0, large.length);
        MockHttpServletResponse tooLarge = call(MockMvcRequestBuilders.multipart("/api/notifications")
                .file(new MockMultipartFile("notification", "", "application/json",
                        json.writeValueAsString(form("api-large", "submit-large@demo-council.test")).getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("documents", "large.pdf", "application/pdf", padded)), DEMO, "token:10");
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getContentAsString()).contains("smaller than");

        assertThat(count("SELECT COUNT(*) FROM stored_message")).isEqualTo(stored);
    }

    @Test
    void postStoppedByAStageShouldBeKeptInTheQuarantineAndAnsweredWithItsReason() throws Exception {
        // a PDF the gateway has no password for: allowed by its type, stopped by the extract stage
        byte[] locked = TestPdfs.form(Map.of("agencies_involved", "Police"), TestPdfs.Protection.AES_128, "secret-api");
        long quarantined = count("SELECT COUNT(*) FROM stored_message WHERE source = 'FORM' AND state = 'QUARANTINED'");
        MockHttpServletResponse response = call(MockMvcRequestBuilders.multipart("/api/notifications")
                .file(new MockMultipartFile("notification", "", "application/json",
                        json.writeValueAsString(form("api-locked", "submit-locked@demo-council.test")).getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("documents", "locked.pdf", "application/pdf", locked)), DEMO, "token:15");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(422);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("reason_code").asString()).isEqualTo("PDF_PASSWORD_REQUIRED");
        assertThat(problem.get("detail").asString()).contains("quarantine");
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE source = 'FORM' AND state = 'QUARANTINED'"))
                .isEqualTo(quarantined + 1);
    }

    @Test
    void sameIdempotencyKeyShouldAnswerTheFirstAnswerAndMakeOneNotification() throws Exception {
        String body = json.writeValueAsString(form("api-idem", "submit-idem@demo-council.test"));
        String key = UUID.randomUUID().toString();
        long stored = count("SELECT COUNT(*) FROM stored_message WHERE source = 'FORM'");
        MockHttpServletResponse first = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(body), DEMO, "token:11");
        MockHttpServletResponse retry = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(body), DEMO, "token:11");
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(json.readTree(retry.getContentAsString()).get("reference").asString())
                .isEqualTo(json.readTree(first.getContentAsString()).get("reference").asString());
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE source = 'FORM'")).isEqualTo(stored + 1);

        // the same key with another body
        Map<String, Object> other = form("api-idem-other", "submit-idem@demo-council.test");
        MockHttpServletResponse conflict = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(json.writeValueAsString(other)), DEMO, "token:11");
        assertThat(conflict.getStatus()).isEqualTo(422);
        assertThat(conflict.getContentAsString()).contains("Idempotency-Key");

        // twice at once with a new key: one notification, both answered with it
        String parallelKey = UUID.randomUUID().toString();
        String parallelBody = json.writeValueAsString(form("api-idem-parallel", "submit-idem@demo-council.test"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<MockHttpServletResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(() -> call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", parallelKey).content(parallelBody), DEMO, "token:11"));
            }
            List<String> references = new ArrayList<>();
            for (Future<MockHttpServletResponse> answer : pool.invokeAll(calls)) {
                assertThat(answer.get().getStatus()).as(answer.get().getContentAsString()).isEqualTo(201);
                references.add(json.readTree(answer.get().getContentAsString()).get("reference").asString());
            }
            assertThat(references.get(0)).isEqualTo(references.get(1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE source = 'FORM'")).isEqualTo(stored + 2);
    }

    @Test
    void councilShouldSeeAndReviewOnlyItsOwnNotifications() throws Exception {
        String reference = submitted("api-own", "submit-own@demo-council.test");

        // the council's own view: the values, status and clocks, nothing of the operators'
        MockHttpServletResponse own = call(MockMvcRequestBuilders.get("/api/notifications/" + reference), DEMO, "token:12");
        assertThat(own.getStatus()).isEqualTo(200);
        JsonNode view = json.readTree(own.getContentAsString());
        assertThat(view.get("reference").asString()).isEqualTo(reference);
        assertThat(view.get("description").asString()).isEqualTo("Description api-own of an invented incident.");
        assertThat(view.get("review_due").isNull()).isFalse();
        for (String hidden : List.of("layers", "timeline", "fields", "sender", "signer", "message_id",
                "signature_verified", "inspector", "reminders")) {
            assertThat(view.has(hidden)).as(hidden).isFalse();
        }

        // another council: the same 404 as a reference nobody has
        MockHttpServletResponse other = call(MockMvcRequestBuilders.get("/api/notifications/" + reference), SECOND, "token:13");
        MockHttpServletResponse unknown = call(MockMvcRequestBuilders.get("/api/notifications/SIR-2026-9999"), SECOND, "token:13");
        assertThat(other.getStatus()).isEqualTo(404);
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(json.readTree(other.getContentAsString()).get("detail"))
                .isEqualTo(json.readTree(unknown.getContentAsString()).get("detail"));
        MockHttpServletResponse otherReview = call(MockMvcRequestBuilders.post("/api/notifications/" + reference + "/reviews")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(review())), SECOND, "token:13");
        assertThat(otherReview.getStatus()).isEqualTo(404);
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");

        // a review without its document, with a type the form does not know: each named, nothing taken in
        Map<String, Object> incomplete = review();
        incomplete.remove("document");
        incomplete.remove("document_name");
        incomplete.put("review_type", "QUICK");
        MockHttpServletResponse invalid = call(MockMvcRequestBuilders.post("/api/notifications/" + reference + "/reviews")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(incomplete)), DEMO, "token:12");
        assertThat(invalid.getStatus()).isEqualTo(422);
        assertThat(json.readTree(invalid.getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("review_type", "document");
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");

        // its own review: received, through the same review intake as a mailed one
        MockHttpServletResponse reviewed = call(MockMvcRequestBuilders.post("/api/notifications/" + reference + "/reviews")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(review())), DEMO, "token:12");
        assertThat(reviewed.getStatus()).as(reviewed.getContentAsString()).isEqualTo(201);
        assertThat(json.readTree(reviewed.getContentAsString()).get("id").asInt()).isEqualTo(1);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        JsonNode after = json.readTree(call(MockMvcRequestBuilders.get("/api/notifications/" + reference), DEMO, "token:12").getContentAsString());
        assertThat(after.get("review_status").asString()).isEqualTo("REVIEW_RECEIVED");
        assertThat(after.get("reviews").get(0).get("source").asString()).isEqualTo("FORM");
        assertThat(after.get("reviews").get(0).get("review_type").asString()).isEqualTo("IAR");
        assertThat(api("/api/notifications/" + reference).get("timeline").toString())
                .contains("submitted by token:12 through a form post");
    }

    @Test
    void mailCarryingFormHeadersShouldStayAnOrdinaryUnverifiedMail() throws Exception {
        String sender = "submit-imitation@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        StringBuilder body = new StringBuilder();
        TestMessages.completeForm("api-imitation").forEach((k, v) -> body.append(k).append(": ").append(v).append("\r\n"));
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Serious incident notification", body.toString(),
                Map.of("X-SIR-Form-Account", "token:1", "X-SIR-Form-Council", DEMO, "X-SIR-Form-Channel", "the API")));

        String reference = awaitReference(messageId);
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("source").asString()).isEqualTo("MAIL");
        assertThat(notification.get("status").asString()).isEqualTo("TRIAGE");
        assertThat(notification.get("layers").findValuesAsString("kind")).doesNotContain("ACCOUNT");
        assertThat(notification.get("timeline").toString()).contains("the sender is not verified").doesNotContain("token:1");
    }

    @Test
    void scriptTypedIntoFieldsShouldTravelAsInertText() throws Exception {
        String notifier = "submit-script@demo-council.test";
        String script = "<script>alert(1)</script>";
        Map<String, Object> form = form("api-script", notifier);
        form.put("description", script + " Description api-script.");
        form.put("notifier_name", script);
        form.put("agencies_involved", "Police <b>Scotland</b> & \"health\"");
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form)), DEMO, "token:14");
        assertThat(response.getStatus()).isEqualTo(201);
        String reference = json.readTree(response.getContentAsString()).get("reference").asString();

        // stored as typed; JSON escapes it by being JSON
        JsonNode notification = api("/api/notifications/" + reference);
        assertThat(notification.get("description").asString()).isEqualTo(script + " Description api-script.");
        assertThat(notification.get("notifier_name").asString()).isEqualTo(script);

        // the acknowledgement names fields, never values, in plain text only
        MimeMessage acknowledgement = awaitReceived(notifier, m -> subject(m).contains(reference));
        assertThat(htmlParts(acknowledgement)).isZero();
        assertThat(textOf(acknowledgement)).doesNotContain("<script").contains("description");

        // the forward carries the values as plain text, with no HTML part that could run them
        MimeMessage forward = awaitReceived(GOVERNMENT, m -> subject(m).contains(reference));
        String decrypted = Openssl.decrypt(forward, "certs-example/government/scottish-government");
        assertThat(decrypted).contains("notifier_name: " + script).contains("description: " + script);
        assertThat(decrypted).contains("verified by the council account that submitted the form");
        assertThat(decrypted.toLowerCase()).doesNotContain("text/html");
    }

    // --- helpers ---

    /** A complete notification as a council's system posts it (no local_authority: it is the caller's). */
    private static Map<String, Object> form(String marker, String notifier) {
        Map<String, Object> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.remove("local_authority");
        form.put("notifier_email", notifier);
        form.put("incident_date", "2026-11-20");
        form.put("offender_initials", "QZ");
        return form;
    }

    private static Map<String, Object> review() {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("review_type", "IAR");
        review.put("reviewer_name", "Reviewer api");
        review.put("reviewer_role", "Team Manager");
        review.put("signoff_name", "Signoff api");
        review.put("signoff_role", "CSWO");
        review.put("signoff_date", "2026-11-25");
        review.put("document", Base64.getEncoder().encodeToString(TestPdfs.flattened(List.of("Initial analysis review"))));
        review.put("document_name", "review.pdf");
        return review;
    }

    private String submitted(String marker, String notifier) throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(form(marker, notifier))), DEMO, "token:12");
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString()).get("reference").asString();
    }

    /** Calls the gateway as a council caller: the authorities the sign-in gives, as a program's call. */
    private MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String council, String name) throws Exception {
        return mvc.perform(request.with(asCouncil(council, name))).andReturn().getResponse();
    }

    private static final String CSRF = "council-api-test-csrf-token";

    /**
     * A council caller as the sign-in leaves it: a security context with {@code ROLE_COUNCIL} and
     * {@code COUNCIL_OF:<council>} (through the request attribute the security filter chain reads it from) in a
     * session with its CSRF token, sent as a browser sends it (masked, in the {@code X-CSRF-TOKEN} header).
     */
    private static RequestPostProcessor asCouncil(String council, String name) {
        return asCouncil(council, name, true);
    }

    private static RequestPostProcessor asCouncil(String council, String name, boolean csrf) {
        return request -> {
            var authentication = UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(
                    new SimpleGrantedAuthority("ROLE_COUNCIL"), new SimpleGrantedAuthority("COUNCIL_OF:" + council)));
            request.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME,
                    new SecurityContextImpl(authentication));
            MockHttpSession session = new MockHttpSession();
            session.setAttribute(HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN",
                    new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", CSRF));
            request.setSession(session);
            request.setRequestedSessionId(session.getId()); // as a browser's session cookie names it
            // the masked form Spring Security's XorCsrfTokenRequestAttributeHandler reads: random bytes (here
            // zeros) followed by the token xor those bytes
            byte[] token = CSRF.getBytes(StandardCharsets.UTF_8);
            byte[] masked = new byte[token.length * 2];
            System.arraycopy(token, 0, masked, token.length, token.length);
            if (csrf) {
                request.addHeader("X-CSRF-TOKEN", Base64.getUrlEncoder().encodeToString(masked));
            }
            return request;
        };
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int htmlParts(Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return 1;
        }
        int html = 0;
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                html += htmlParts(multipart.getBodyPart(i));
            }
        }
        return html;
    }
}
