package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.thread.ThreadedMailReceived;

import tools.jackson.databind.JsonNode;

/**
 * What the inspectorate does after notification, through the API and the real mail server: the strategic
 * inspector assigned, a request for information mailed to the council and answered by a threaded mail, the
 * reminders paused and resumed, and the notification's JSON with its reviews, requests and reminders.
 */
class FollowUpApiTest extends GatewayTest {

    private static final String INSPECTOR_PASSWORD = "inspector-password-1";

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    BlobStore blobs;

    @Test
    void operatorShouldAssignAnInspectorAccountOnly() {
        Registered n = register("assign", null);
        String inspector = inspector();
        String operatorAccount = unique("op");
        assertThat(post("/api/admin/accounts", "{\"username\":\"" + operatorAccount + "\",\"role\":\"OPERATOR\","
                + "\"service_account\":true}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> notInspector = post(path(n, "/inspector"), "{\"username\":\"" + operatorAccount + "\"}");
        assertThat(notInspector.statusCode()).isEqualTo(400);
        assertThat(detail(notInspector)).contains(operatorAccount).contains("not INSPECTOR");
        assertThat(detail(post(path(n, "/inspector"), "{\"username\":\"nobody-at-all\"}"))).contains("no account");
        assertThat(postAs(path(n, "/inspector"), "{\"username\":\"" + inspector + "\"}", inspector, INSPECTOR_PASSWORD)
                .statusCode()).as("an inspector does not assign").isEqualTo(403);

        HttpResponse<String> assigned = post(path(n, "/inspector"), "{\"username\":\"" + inspector + "\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        JsonNode notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("inspector").asString()).isEqualTo(inspector);
        JsonNode event = event(notification, "INSPECTOR_ASSIGNED");
        assertThat(event.get("detail").asString()).contains(inspector).doesNotContain("@");
        assertThat(event.get("actor").asString()).isEqualTo("operator");
        assertThat(post("/api/notifications/SIR-2026-9999/inspector", "{\"username\":\"" + inspector + "\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void informationRequestShouldBeMailedToTheNotifierWithTheCswoCopiedAndNoQuestionInClear() throws Exception {
        String notifier = unique("fu-notifier") + "@demo-council.test";
        Registered n = register("request", notifier);
        String inspector = inspector();
        String question = "Which agencies attended the review meeting " + UUID.randomUUID() + "?";
        LocalDate due = LocalDate.now(GatewayClock.ZONE).plusDays(14);

        HttpResponse<String> created = postAs(path(n, "/information-requests"), "{\"due\":\"" + due
                + "\",\"question\":\"" + question + "\"}", inspector, INSPECTOR_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode request = json.readTree(created.body());
        assertThat(request.get("id").asInt()).isEqualTo(1);
        assertThat(request.get("review_id").isNull()).isTrue();
        assertThat(request.get("due").asString()).isEqualTo(due.toString());
        assertThat(request.get("mailed_to").asInt()).isEqualTo(2);
        assertThat(request.get("answered_at").isNull()).isTrue();

        String messageId = "<" + n.reference() + ".i1.request@sir-gateway.test>";
        MimeMessage received = awaitReceived(notifier, m -> messageIdOf(m).equals(messageId));
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(notifier);
        assertThat(received.getRecipients(Message.RecipientType.CC)).extracting(Object::toString)
                .containsExactly("cswo@demo-council.test");
        assertThat(received.getSubject()).isEqualTo("[" + n.reference() + "] Request for additional information");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(received.getContentType()).startsWith("multipart/signed");
        String text = textOf(received);
        assertThat(text).contains(n.reference()).contains("[" + n.reference() + "]").contains("encrypted to the gateway's certificate")
                .doesNotContain(question);
        assertThat(raw(received)).doesNotContain(question).doesNotContain("agencies attended");
        awaitReceived("cswo@demo-council.test", m -> messageIdOf(m).equals(messageId));

        byte[] sealed = jdbc.sql("SELECT question FROM information_request i JOIN notification n ON n.id = i.notification_id "
                + "WHERE n.reference = ?").param(n.reference()).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("agencies");
        assertThat(cipher.decryptValue(sealed, StorageCipher.associatedData("information_request",
                n.reference() + ".i1", "question"))).isEqualTo(question);
        JsonNode notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("information_requests")).hasSize(1);
        assertThat(notification.get("information_requests").get(0).get("id").asInt()).isEqualTo(1);
        JsonNode event = event(notification, "INFORMATION_REQUESTED");
        assertThat(event.get("detail").asString()).contains("i1").doesNotContain("agencies");
        assertThat(event.get("actor").asString()).isEqualTo(inspector);
    }

    @Test
    void informationRequestShouldBeRefusedWhenItCannotBeMade() {
        Registered n = register("refused", null);
        String inspector = inspector();
        String today = LocalDate.now(GatewayClock.ZONE).toString();
        String later = LocalDate.now(GatewayClock.ZONE).plusDays(7).toString();
        assertThat(detail(postAs(path(n, "/information-requests"), "{\"due\":\"" + today + "\",\"question\":\"q\"}",
                inspector, INSPECTOR_PASSWORD))).contains("after today");
        assertThat(detail(postAs(path(n, "/information-requests"), "{\"question\":\"q\"}", inspector,
                INSPECTOR_PASSWORD))).contains("due is required");
        assertThat(detail(postAs(path(n, "/information-requests"), "{\"due\":\"12/12/2026\",\"question\":\"q\"}",
                inspector, INSPECTOR_PASSWORD))).contains("yyyy-mm-dd");
        assertThat(detail(postAs(path(n, "/information-requests"), "{\"due\":\"" + later + "\"}", inspector,
                INSPECTOR_PASSWORD))).contains("question");
        HttpResponse<String> unknownReview = postAs(path(n, "/information-requests"), "{\"due\":\"" + later
                + "\",\"question\":\"q\",\"review_id\":\"r9\"}", inspector, INSPECTOR_PASSWORD);
        assertThat(unknownReview.statusCode()).isEqualTo(400);
        assertThat(detail(unknownReview)).contains("r9");
        assertThat(post(path(n, "/information-requests"), "{\"due\":\"" + later + "\",\"question\":\"q\"}").statusCode())
                .as("only an inspector asks").isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM information_request WHERE notification_id = ?", n.id())).isZero();

        assertThat(post(path(n, "/withdraw"), "{\"reason\":\"a duplicate\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> withdrawn = postAs(path(n, "/information-requests"), "{\"due\":\"" + later
                + "\",\"question\":\"q\"}", inspector, INSPECTOR_PASSWORD);
        assertThat(withdrawn.statusCode()).isEqualTo(409);
        assertThat(detail(withdrawn)).contains("WITHDRAWN");
    }

    @Test
    void notifierOutsideTheCouncilsDomainsShouldNeverBeMailed() throws Exception {
        String outside = unique("outsider") + "@elsewhere.example";
        Registered n = register("outside", outside);
        String inspector = inspector();
        HttpResponse<String> created = postAs(path(n, "/information-requests"), "{\"due\":\""
                + LocalDate.now(GatewayClock.ZONE).plusDays(10) + "\",\"question\":\"q\"}", inspector, INSPECTOR_PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        String messageId = "<" + n.reference() + ".i1.request@sir-gateway.test>";
        // the address the notification came from, at the council's domain, stands in for the typed one
        MimeMessage received = awaitReceived(n.sender(), m -> messageIdOf(m).equals(messageId));
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly(n.sender());
        assertThat(awaitOutboxDone(n.reference(), "INFORMATION_REQUEST")).isEqualTo(1);
        assertThat(mail.received(outside)).isEmpty();
    }

    @Test
    void requestWithNobodyToWriteToShouldBeRecordedUnmailedAndAlert() {
        Registered n = register("nobody", null);
        jdbc.sql("UPDATE notification SET local_authority = NULL WHERE id = ?").param(n.id()).update();
        String inspector = inspector();
        HttpResponse<String> created = postAs(path(n, "/information-requests"), "{\"due\":\""
                + LocalDate.now(GatewayClock.ZONE).plusDays(10) + "\",\"question\":\"q\"}", inspector, INSPECTOR_PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode request = json.readTree(created.body());
        assertThat(request.get("mailed_to").asInt()).isZero();
        assertThat(request.get("not_mailed").asString()).contains("no address");
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE notification_id = ? AND purpose = 'INFORMATION_REQUEST'",
                n.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM operator_alert WHERE kind = 'ADDRESS_MISSING' AND notification_id = ?",
                n.id())).isPositive();
        assertThat(event(api("/api/notifications/" + n.reference()), "INFORMATION_REQUESTED").get("detail").asString())
                .contains("not mailed");
    }

    @Test
    void threadedReplyShouldAnswerTheRequestItNamesAndAnAutomaticReplyNothing() {
        Registered n = register("answer", null);
        String inspector = inspector();
        String due = LocalDate.now(GatewayClock.ZONE).plusDays(21).toString();
        for (int i = 0; i < 2; i++) {
            assertThat(postAs(path(n, "/information-requests"), "{\"due\":\"" + due + "\",\"question\":\"q" + i + "\"}",
                    inspector, INSPECTOR_PASSWORD).statusCode()).isEqualTo(201);
        }
        String i1 = "<" + n.reference() + ".i1.request@sir-gateway.test>";
        long stored = count("SELECT stored_message_id FROM notification WHERE id = ?", n.id());

        publish(n, stored, ThreadedMailReceived.Kind.AUTO_REPLY, true, List.of(i1));
        assertThat(answered(n)).containsExactly(false, false);

        publish(n, stored, ThreadedMailReceived.Kind.CORRESPONDENCE, false, List.of("<elsewhere@demo-council.test>", i1));
        assertThat(answered(n)).containsExactly(true, false);
        assertThat(count("SELECT answer_message_id FROM information_request WHERE notification_id = ? AND seq = 1", n.id()))
                .isEqualTo(stored);

        // a second reply to i1 leaves i2 open; a reply naming no request answers every open one
        publish(n, stored, ThreadedMailReceived.Kind.CORRESPONDENCE, false, List.of(i1));
        assertThat(answered(n)).containsExactly(true, false);
        publish(n, stored, ThreadedMailReceived.Kind.REVIEW, false, List.of());
        assertThat(answered(n)).containsExactly(true, true);

        JsonNode notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("information_requests").findValuesAsString("answered_at")).doesNotContainNull();
        assertThat(notification.get("timeline").findValuesAsString("type")).filteredOn("INFORMATION_ANSWERED"::equals)
                .hasSize(2);
    }

    @Test
    void operatorShouldPauseAndResumeRemindersWithAReason() {
        Registered n = register("pause", null);
        HttpResponse<String> paused = post(path(n, "/reminders/pause"), "{\"reason\":\"council asked for an extension\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        JsonNode notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("reminders_paused").asBoolean()).isTrue();
        JsonNode event = event(notification, "REMINDERS_PAUSED");
        assertThat(event.get("detail").asString()).isEqualTo("council asked for an extension");
        assertThat(event.get("actor").asString()).isEqualTo("operator");

        HttpResponse<String> twice = post(path(n, "/reminders/pause"), "{\"reason\":\"again\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(detail(twice)).contains("already paused");
        assertThat(detail(post(path(n, "/reminders/resume"), "{}"))).contains("reason");
        assertThat(detail(post(path(n, "/reminders/resume"), "{\"reason\":\"" + "x".repeat(501) + "\"}")))
                .contains("500");
        String inspector = inspector();
        assertThat(postAs(path(n, "/reminders/resume"), "{\"reason\":\"r\"}", inspector, INSPECTOR_PASSWORD).statusCode())
                .isEqualTo(403);

        assertThat(post(path(n, "/reminders/resume"), "{\"reason\":\"extension over\"}").statusCode()).isEqualTo(200);
        notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("reminders_paused").asBoolean()).isFalse();
        assertThat(event(notification, "REMINDERS_RESUMED").get("detail").asString()).isEqualTo("extension over");
        assertThat(post(path(n, "/reminders/resume"), "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void notificationJsonShouldShowReviewsRequestsAndRemindersSentOrWaiting() {
        Registered earlier = register("earlier", null);
        Registered n = register("json", null);
        OffsetDateTime now = OffsetDateTime.now(GatewayClock.ZONE).withNano(0);
        jdbc.sql("UPDATE notification SET linked_notification_id = ?, review_status = 'COMMENTED' WHERE id = ?")
                .params(earlier.id(), n.id()).update();
        jdbc.sql("INSERT INTO review (notification_id, seq, status, source, received_at, review_type, signoff_role, "
                        + "signoff_date, comment_due, commented_at, commented_by, risk_assessment_evident, "
                        + "risk_assessment_up_to_date, lscmi_used, rmp_referred, order_reviews_referred, iar_sufficient, "
                        + "additional_information_requested, created_at) "
                        + "VALUES (?, 1, 'RECEIVED', 'MAIL', ?, 'IAR', 'CSWO', ?, ?, ?, 'insp-json', TRUE, FALSE, TRUE, "
                        + "TRUE, FALSE, TRUE, FALSE, ?)")
                .params(n.id(), now.minusDays(40), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 10), now, now)
                .update();
        jdbc.sql("INSERT INTO review (notification_id, seq, status, source, received_at, review_type, comment_due, created_at) "
                        + "VALUES (?, 2, 'TRIAGE', 'API', ?, 'COMPREHENSIVE', ?, ?)")
                .params(n.id(), now, LocalDate.of(2027, 1, 3), now).update();
        long r1 = count("SELECT id FROM review WHERE notification_id = ? AND seq = 1", n.id());
        String inspector = inspector();
        assertThat(postAs(path(n, "/information-requests"), "{\"due\":\"" + LocalDate.now(GatewayClock.ZONE).plusDays(9)
                + "\",\"question\":\"q\",\"review_id\":\"r1\"}", inspector, INSPECTOR_PASSWORD).statusCode()).isEqualTo(201);

        String sent = reminder(n, "REVIEW", 0, "28d", 0, "QUEUED", null, now.minusDays(50),
                List.of("a@demo-council.test"));
        outboxRow(sent, now.minusDays(50).plusMinutes(1), null);
        String bounced = reminder(n, "COMMENT", r1, "overdue", 2, "QUEUED", false, now.minusDays(1),
                List.of("insp-json@inspectorate.test", "alerts@inspectorate.test"));
        outboxRow(bounced, now.minusDays(1), now.minusHours(20));
        reminder(n, "REVIEW", 0, "7d", 0, "NOT_SENT", null, now.minusDays(30), List.of());

        JsonNode notification = api("/api/notifications/" + n.reference());
        assertThat(notification.get("review_status").asString()).isEqualTo("COMMENTED");
        assertThat(notification.get("linked_reference").asString()).isEqualTo(earlier.reference());
        assertThat(notification.get("reminders_paused").asBoolean()).isFalse();
        assertThat(notification.get("inspector").isNull()).isTrue();

        JsonNode reviews = notification.get("reviews");
        assertThat(reviews).hasSize(2);
        JsonNode first = reviews.get(0);
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(first.get("review_type").asString()).isEqualTo("IAR");
        assertThat(first.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(first.get("source").asString()).isEqualTo("MAIL");
        assertThat(first.get("signoff_role").asString()).isEqualTo("CSWO");
        assertThat(first.get("signoff_date").asString()).isEqualTo("2026-10-01");
        assertThat(first.get("comment_due").asString()).isEqualTo("2026-11-10");
        assertThat(first.get("commented_by").asString()).isEqualTo("insp-json");
        assertThat(first.get("risk_assessment_evident").asBoolean()).isTrue();
        assertThat(first.get("order_reviews_referred").asBoolean()).isFalse();
        assertThat(first.get("additional_information_requested").isBoolean()).isTrue();
        JsonNode second = reviews.get(1);
        assertThat(second.get("id").asInt()).isEqualTo(2);
        assertThat(second.get("commented_at").isNull()).isTrue();
        assertThat(second.has("iar_sufficient")).as("no findings before the comment").isFalse();

        JsonNode requests = notification.get("information_requests");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("review_id").asInt()).isEqualTo(1);
        assertThat(requests.get(0).get("requested_at").asString()).isNotBlank();

        JsonNode reminders = notification.get("reminders");
        assertThat(reminders).hasSize(2);
        assertThat(reminders.get(0).get("clock").asString()).isEqualTo("REVIEW");
        assertThat(reminders.get(0).get("step").asString()).isEqualTo("review-28d");
        assertThat(reminders.get(0).get("to").get(0).asString()).isEqualTo("a@demo-council.test");
        assertThat(reminders.get(0).get("delivered").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(reminders.get(0).get("at").asString()).toInstant())
                .isEqualTo(now.minusDays(50).plusMinutes(1).toInstant());
        assertThat(reminders.get(1).get("clock").asString()).isEqualTo("COMMENT");
        assertThat(reminders.get(1).get("step").asString()).isEqualTo("r1.comment-overdue-2");
        assertThat(reminders.get(1).get("to")).hasSize(2);
        assertThat(reminders.get(1).get("delivered").asBoolean()).isFalse();
    }

    @Test
    void listShouldCarryAndFilterByReviewStatus() {
        Registered n = register("listed", null);
        jdbc.sql("UPDATE notification SET review_status = 'REVIEW_OVERDUE' WHERE id = ?").param(n.id()).update();
        JsonNode overdue = api("/api/notifications?review_status=REVIEW_OVERDUE");
        assertThat(overdue.findValuesAsString("reference")).contains(n.reference());
        assertThat(overdue.findValuesAsString("review_status")).containsOnly("REVIEW_OVERDUE");
        for (JsonNode summary : overdue) {
            assertThat(summary.has("review_due")).isTrue();
        }
        assertThat(api("/api/notifications?review_status=commented").findValuesAsString("reference"))
                .doesNotContain(n.reference());
        HttpResponse<String> bad = get("/api/notifications?review_status=LATE", "operator", "operator-test-password");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(detail(bad)).contains("AWAITING_REVIEW", "REVIEW_OVERDUE", "REVIEW_RECEIVED", "COMMENTED");
    }

    /** A notification registered from its own sender, with this notifier address typed in its form. */
    private record Registered(long id, String reference, String sender) {
    }

    private Registered register(String marker, String notifierEmail) {
        String sender = unique("fu-" + marker) + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm(marker));
        form.put("notifier_email", notifierEmail == null ? sender : notifierEmail);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));
        String reference = awaitReference(messageId);
        return new Registered(count("SELECT id FROM notification WHERE reference = ?", reference), reference, sender);
    }

    /** An inspector account made through the accounts API. */
    private String inspector() {
        String username = unique("insp");
        HttpResponse<String> created = post("/api/admin/accounts", "{\"username\":\"" + username
                + "\",\"role\":\"INSPECTOR\",\"email\":\"" + username + "@inspectorate.test\",\"password\":\""
                + INSPECTOR_PASSWORD + "\",\"service_account\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private void publish(Registered n, long storedMessageId, ThreadedMailReceived.Kind kind, boolean autoSubmitted,
            List<String> repliesTo) {
        transactions.executeWithoutResult(tx -> events.publishEvent(new ThreadedMailReceived(n.id(), n.reference(),
                storedMessageId, kind, autoSubmitted, repliesTo, OffsetDateTime.now(GatewayClock.ZONE), true)));
    }

    private List<Boolean> answered(Registered n) {
        return jdbc.sql("SELECT answered_at IS NOT NULL FROM information_request WHERE notification_id = ? ORDER BY seq")
                .param(n.id()).query(Boolean.class).list();
    }

    /** A reminder row as the reminders write it; answers its Message-ID. */
    private String reminder(Registered n, String clock, long subjectId, String step, int stepCount, String state,
            Boolean delivered, OffsetDateTime at, List<String> to) {
        String local = n.reference() + "." + UUID.randomUUID();
        String messageId = "<" + local + "@sir-gateway.test>";
        jdbc.sql("INSERT INTO reminder (notification_id, clock, subject_id, step, step_count, due_on, scheduled_at, state, "
                        + "message_id, recipients, queued_at, delivered, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(n.id(), clock, subjectId, step, stepCount, at.toLocalDate().plusDays(28), at, state, messageId,
                        to.isEmpty() ? null : cipher.encryptValue(String.join(", ", to),
                                StorageCipher.associatedData("reminder", messageId, "recipients")),
                        "QUEUED".equals(state) ? at : null, delivered, at)
                .update();
        return messageId;
    }

    private void outboxRow(String messageId, OffsetDateTime sentAt, OffsetDateTime bouncedAt) {
        jdbc.sql("INSERT INTO outbox_mail (purpose, message_id, recipient, recipient_hash, mime_blob_id, state, attempts, "
                        + "next_attempt_at, created_at, sent_at, bounced_at) VALUES ('REMINDER', ?, ?, ?, ?, 'SENT', 1, ?, ?, ?, ?)")
                .params(messageId, cipher.encryptValue("a@demo-council.test",
                                StorageCipher.associatedData("outbox_mail", messageId, "recipient")),
                        cipher.lookupHash("a@demo-council.test"), blobs.put("x".getBytes(StandardCharsets.US_ASCII)),
                        sentAt, sentAt, sentAt, bouncedAt)
                .update();
    }

    private static JsonNode event(JsonNode notification, String type) {
        for (JsonNode event : notification.get("timeline")) {
            if (event.get("type").asString().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " on the timeline");
    }

    private HttpResponse<String> postAs(String path, String body, String user, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Registered n, String tail) {
        return "/api/notifications/" + n.reference() + tail;
    }

    private static String detail(HttpResponse<String> response) {
        return json.readTree(response.body()).get("detail").asString();
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return String.valueOf(message.getMessageID());
        } catch (Exception e) {
            return "";
        }
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
