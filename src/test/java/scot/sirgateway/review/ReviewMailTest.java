package scot.sirgateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestDocx;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

import tools.jackson.databind.JsonNode;

/**
 * Mail about an existing notification, through the real IMAP and SMTP routes: reviews (a plain-text body
 * with labels, a PDF, a Word document) threaded by the subject's reference or by answering the gateway's
 * mail, numbered and acknowledged; references unknown or of another council quarantined; an out-of-office
 * reply kept and nothing more; correspondence kept with an alert; a new notification mentioning an earlier
 * reference registered as new and linked.
 */
class ReviewMailTest extends GatewayTest {

    private static final String DOMAIN = "demo-council.test";

    @Autowired
    Reviews reviews;
    private Review awaitReview(String reference, int seq) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reviews.find(reference, seq), java.util.Optional::isPresent).orElseThrow();
    }
    private List<String> timelineTypes(String reference) {
        return api("/api/notifications/" + reference).get("timeline").findValuesAsString("type");
    }
    /** A mail with a text body and one attached document. */
    private static byte[] withDocument(String from, String messageId, String subject, String headers, String body,
            String fileName, String contentType, byte[] document) {
        String boundary = "b-" + Long.toString(System.nanoTime(), 36);
        return ("From: " + from + "\r\nTo: notifications@sir-gateway.test\r\nSubject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n" + headers + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
                + "--" + boundary + "\r\nContent-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(document) + "\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reviewsByMailShouldBeThreadedNumberedAndAcknowledged() throws Exception {
        String sender = "rv-mail@demo-council.test";
        String reference = notify(sender, "rv-mail");
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");

        // r1: the body is the review, its reference in the subject
        String first = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plain(sender, first, "Re: [" + reference + "] Serious incident notification received",
                "Please find our review below.\r\n\r\nReview type: Part One: Case Review\r\nReviewer name: Reviewer Rvmail\r\n"
                        + "Reviewer role: Team Manager\r\nSigned off by: Signer Rvmail\r\n"
                        + "Sign-off role: Chief Social Work Officer\r\nDate signed off: 30/11/2026\r\n", Map.of()));
        Review r1 = awaitReview(reference, 1);
        assertThat(r1.reviewType()).isEqualTo(ReviewType.IAR);
        // unsigned: anyone can forge the council's From, so it waits for an operator and stops no clock
        assertThat(r1.status()).isEqualTo(Review.Status.TRIAGE);
        assertThat(r1.signoffRole()).isEqualTo(SignoffRole.CSWO);
        assertThat(r1.signoffDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        assertThat(r1.reviewerName()).isEqualTo("Reviewer Rvmail");
        assertThat(r1.source()).isEqualTo("MAIL");
        assertThat(r1.commentDue()).isAfter(r1.receivedAt().toLocalDate());
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        assertThat(awaitThreaded(first)).isEqualTo("REVIEW");
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", first)).isZero();
        assertThat(count("SELECT COUNT(*) FROM stored_message WHERE message_id = ? AND state = 'PROCESSED'", first)).isEqualTo(1);
        // names are sealed at rest
        byte[] sealedName = jdbc.sql("SELECT reviewer_name FROM review WHERE id = ?").param(r1.id())
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(sealedName, StandardCharsets.ISO_8859_1)).doesNotContain("Rvmail");

        MimeMessage ack = awaitReceived(sender, m -> header(m, "Message-ID").equals("<" + reference + ".r1.ack@sir-gateway.test>"));
        assertThat(ack.getSubject()).isEqualTo("[" + reference + "] Review received");
        assertThat(header(ack, "In-Reply-To")).isEqualTo(first);
        assertThat(ack.getContentType()).startsWith("multipart/signed");
        String text = textOf(ack);
        assertThat(text).contains(reference).contains("- Type of review (review_type)")
                .contains("- Date it was signed off (signoff_date)")
                .contains("All review details were received")
                .doesNotContain("Rvmail").doesNotContain("Chief Social Work Officer");
        assertThat(timelineTypes(reference)).contains("REVIEW_RECEIVED", "REVIEW_ACKNOWLEDGEMENT_QUEUED");
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("detail"))
                .anyMatch(detail -> detail.startsWith("review r1 (IAR) received by mail"));

        // r2: a comprehensive review as a PDF, answering the acknowledgement without quoting the reference
        String second = TestMessages.newMessageId(DOMAIN);
        byte[] pdf = TestPdfs.flattened(List.of("Type of review: Part Two: Reflective Learning Review",
                "Reviewer: Reviewer Rvmail Two", "Sign-off role: Head of Service", "Sign-off date: 2026-12-01"));
        mail.send(sender, INTAKE, withDocument(sender, second, "Our next review",
                "In-Reply-To: <" + reference + ".r1.ack@sir-gateway.test>\r\n", "Attached.", "review.pdf",
                "application/pdf", pdf));
        Review r2 = awaitReview(reference, 2);
        assertThat(r2.reviewType()).isEqualTo(ReviewType.COMPREHENSIVE);
        assertThat(r2.signoffRole()).isEqualTo(SignoffRole.HEAD_OF_SERVICE);
        assertThat(r2.status()).isEqualTo(Review.Status.TRIAGE);
        assertThat(reviews.document(r2)).isPresent();
        MimeMessage ack2 = awaitReceived(sender, m -> header(m, "Message-ID").equals("<" + reference + ".r2.ack@sir-gateway.test>"));
        assertThat(textOf(ack2)).contains("Review details not found").contains("- Name of the reviewer (reviewer_name)")
                .contains("- Reviewer's job title (reviewer_role)");
        assertThat(reviews.of(r1.notificationId())).extracting(Review::seq).containsExactly(1, 2);
        assertThat(post("/api/notifications/" + reference + "/reviews/1/release", "{}").statusCode()).isEqualTo(200);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
    }

    @Test
    void reviewAsAFilledPdfFormShouldBeReadFromItsFields() throws Exception {
        String sender = "rv-pdfform@demo-council.test";
        String reference = notify(sender, "rv-pdfform");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("review_type", "Part Two: Reflective Learning Review");
        fields.put("reviewer_name", "Reviewer Rvpdfform");
        fields.put("reviewer_role", "Senior Practitioner");
        fields.put("signoff_name", "Signoff Rvpdfform");
        fields.put("signoff_role", "Chief Social Work Officer");
        fields.put("signoff_date", "30/11/2026");
        byte[] pdf = TestPdfs.form(fields, TestPdfs.Protection.NONE, null);
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, withDocument(sender, messageId, "[" + reference + "] comprehensive review", "",
                "Our review form is attached.", "review-form.pdf", "application/pdf", pdf));

        Review review = awaitReview(reference, 1);
        assertThat(review.reviewType()).isEqualTo(ReviewType.COMPREHENSIVE);
        assertThat(review.signoffRole()).isEqualTo(SignoffRole.CSWO);
        assertThat(review.fields().get(ReviewKey.REVIEW_TYPE).confidence()).isEqualTo(1.0);
        assertThat(review.fields().get(ReviewKey.SIGNOFF_DATE).value()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        // every value certain, but unsigned: an operator confirms it
        assertThat(review.status()).isEqualTo(Review.Status.TRIAGE);
    }

    @Test
    void reviewAsAWordDocumentShouldBeClassifiedFromItsHeadingAndWaitForAnOperator() throws Exception {
        String sender = "rv-docx@demo-council.test";
        String reference = notify(sender, "rv-docx");
        String messageId = TestMessages.newMessageId(DOMAIN);
        byte[] docx = TestDocx.docx(TestDocx.paragraph("Part One: Case Review") + TestDocx.paragraph("Demo Council")
                + TestDocx.paragraph("Reviewer: Reviewer Rvdocx") + TestDocx.paragraph("Sign-off role: Chief Social Work Officer")
                + TestDocx.paragraph("What happened, and what the service learnt from it."));
        mail.send(sender, INTAKE, withDocument(sender, messageId, "[" + reference + "] review", "", "Our review is attached.",
                "review.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx));

        Review review = awaitReview(reference, 1);
        assertThat(review.reviewType()).isEqualTo(ReviewType.IAR);
        assertThat(review.fields().get(ReviewKey.REVIEW_TYPE).confidence()).isEqualTo(0.75);
        assertThat(review.status()).isEqualTo(Review.Status.TRIAGE);
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        MimeMessage ack = awaitReceived(sender, m -> header(m, "Message-ID").equals("<" + reference + ".r1.ack@sir-gateway.test>"));
        assertThat(textOf(ack)).contains("An operator will check").doesNotContain("Rvdocx");

        // the operator confirms the unsure type; a second release is refused
        assertThat(post("/api/notifications/" + reference + "/reviews/1/release", "{}").statusCode()).isEqualTo(200);
        assertThat(reviews.find(reference, 1).orElseThrow().status()).isEqualTo(Review.Status.RECEIVED);
        assertThat(reviewStatus(reference)).isEqualTo("REVIEW_RECEIVED");
        assertThat(post("/api/notifications/" + reference + "/reviews/1/release", "{}").statusCode()).isEqualTo(409);
        assertThat(timelineTypes(reference)).contains("REVIEW_RELEASED");
    }

    @Test
    void unknownReferenceAndAnotherCouncilsReferenceShouldBeQuarantined() throws Exception {
        String sender = "rv-unknown@demo-council.test";
        String unknown = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plain(sender, unknown, "Re: [SIR-2026-9999] our review",
                "Review type: IAR\r\n", Map.of()));
        Map<String, Object> quarantined = awaitQuarantine(unknown);
        assertThat(quarantined.get("reason_code")).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(quarantined.get("stage")).isEqualTo("thread");
        assertThat((String) quarantined.get("reason")).contains("SIR-2026-9999");

        String reference = notify("rv-owner@demo-council.test", "rv-owner");
        String other = "rv-other@second-council.test";
        Instant now = Instant.now();
        TestSmime.Signer signer = TestSmime.issue(other, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                KeyPurposeId.id_kp_emailProtection);
        String otherId = TestMessages.newMessageId("second-council.test");
        mail.send(other, INTAKE, TestSmime.signedMail(other, signer, "Review type: Initial analysis review\r\n"
                + "Reviewer: Someone Else\r\n", Map.of("Message-ID", otherId, "Subject", "[" + reference + "] review")));

        Map<String, Object> foreign = awaitQuarantine(otherId);
        assertThat(foreign.get("reason_code")).isEqualTo("REFERENCE_OF_OTHER_COUNCIL");
        assertThat(foreign.get("stage")).isEqualTo("thread");
        assertThat((String) foreign.get("reason")).contains(reference).doesNotContain("Demo Council");
        assertThat(reviews.find(reference, 1)).isEmpty();
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        // nothing it depends on changed: reprocessing would only quarantine it again
        assertThat(post("/api/quarantine/" + foreign.get("id") + "/reprocess", "").statusCode()).isEqualTo(409);
    }

    @Test
    void outOfOfficeReplyShouldBeKeptOnTheTimelineAndNothingMore() throws Exception {
        String reference = notify("rv-notifier@demo-council.test", "rv-ooo");
        String away = "rv-away@demo-council.test";
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(away, INTAKE, TestMessages.plain(away, messageId, "Automatic reply: [" + reference + "] Serious incident "
                + "notification received", "I am out of the office. Review type: IAR\r\nReviewer: Away Person\r\n",
                Map.of("Auto-Submitted", "auto-replied", "In-Reply-To", "<" + reference + ".ack@sir-gateway.test>")));

        assertThat(awaitThreaded(messageId)).isEqualTo("AUTO_REPLY");
        assertThat(timelineTypes(reference)).contains("AUTO_REPLY").doesNotContain("REVIEW_RECEIVED", "CORRESPONDENCE");
        assertThat(reviews.find(reference, 1)).isEmpty();
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        assertThat(count("SELECT COUNT(*) FROM threaded_message t JOIN stored_message s ON s.id = t.stored_message_id "
                + "WHERE s.message_id = ? AND t.auto_submitted", messageId)).isEqualTo(1);
        assertThat(awaitOutboxDone(away)).isZero();
        assertThat(mail.received(away)).isEmpty();
    }

    @Test
    void correspondenceShouldBeKeptWithAnAlertAndChangeNothing() throws Exception {
        String sender = "rv-letter@demo-council.test";
        String reference = notify(sender, "rv-letter");
        JsonNode before = api("/api/notifications/" + reference);
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plain(sender, messageId, "Re: [" + reference + "] correction",
                "Please correct the date of birth: offender_dob: 02/03/1990\r\nincident_date: 21/11/2026\r\n", Map.of()));

        assertThat(awaitThreaded(messageId)).isEqualTo("CORRESPONDENCE");
        JsonNode after = api("/api/notifications/" + reference);
        assertThat(after.get("timeline").findValuesAsString("type")).contains("CORRESPONDENCE");
        assertThat(after.get("offender_dob")).isEqualTo(before.get("offender_dob"));
        assertThat(after.get("incident_date").asString()).isEqualTo("2026-11-20");
        assertThat(reviewStatus(reference)).isEqualTo("AWAITING_REVIEW");
        assertThat(after.get("timeline").findValuesAsString("detail")).noneMatch(detail -> detail.contains("1990"));
        List<Map<String, Object>> alerts = jdbc.sql("SELECT subject FROM operator_alert WHERE kind = 'CORRESPONDENCE' "
                + "AND subject LIKE ?").param("%" + reference + "%").query().listOfRows();
        assertThat(alerts).hasSize(1);
        assertThat((String) alerts.get(0).get("subject")).contains("Demo Council").doesNotContain("1990");
        assertThat(count("SELECT COUNT(*) FROM notification WHERE message_id = ?", messageId)).isZero();

        // a withdrawn notification takes no review: the mail is correspondence
        assertThat(post("/api/notifications/" + reference + "/withdraw", "{\"reason\":\"test\"}").statusCode()).isEqualTo(200);
        String late = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plain(sender, late, "[" + reference + "] review",
                "Review type: IAR\r\nReviewer: Late Reviewer\r\n", Map.of()));
        assertThat(awaitThreaded(late)).isEqualTo("CORRESPONDENCE");
        assertThat(reviews.find(reference, 1)).isEmpty();
    }

    @Test
    void newNotificationMentioningAnEarlierReferenceShouldBeRegisteredAsNewAndLinked() {
        String sender = "rv-linked@demo-council.test";
        String earlier = notify(sender, "rv-earlier");
        Map<String, String> form = new java.util.LinkedHashMap<>(TestMessages.completeForm("rv-later"));
        form.put("description", "A second incident by the person of " + earlier + ", invented for the test.");
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, form));

        String later = awaitReference(messageId);
        assertThat(later).isNotEqualTo(earlier);
        assertThat(count("SELECT COUNT(*) FROM notification l JOIN notification e ON e.id = l.linked_notification_id "
                + "WHERE l.reference = ? AND e.reference = ?", later, earlier)).isEqualTo(1);
        assertThat(timelineTypes(later)).contains("LINKED");
        assertThat(timelineTypes(earlier)).contains("LINKED");
    }

    @Test
    void signedReviewShouldBeAcknowledgedWithItsValuesEncryptedToTheSigner() throws Exception {
        String reference = notify("rv-signed@demo-council.test", "rv-signed");
        String signer = "cjsw@demo-council.test";
        MimeBodyPart review = new MimeBodyPart();
        review.setText("Review type: Initial analysis review\r\nReviewer name: Reviewer Rvsigned\r\n"
                + "Sign-off role: Head of Service\r\n", "UTF-8");
        MimeMessage message = new MimeMessage(null, new java.io.ByteArrayInputStream(
                TestSmime.mail(signer, TestSmime.signDetached(review, TestSmime.demoCouncil()))));
        String messageId = TestMessages.newMessageId(DOMAIN);
        message.setHeader("Message-ID", messageId);
        message.setSubject("[" + reference + "] initial analysis review");
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);
        mail.send(signer, INTAKE, raw.toByteArray());

        assertThat(awaitReview(reference, 1).status()).isEqualTo(Review.Status.RECEIVED);
        MimeMessage ack = awaitReceived(signer, m -> header(m, "Message-ID").equals("<" + reference + ".r1.ack@sir-gateway.test>"));
        assertThat(ack.getContentType()).startsWith("application/pkcs7-mime");
        assertThat(scot.sirgateway.support.Openssl.decrypt(ack, "certs-example/councils/demo-council"))
                .contains(reference).contains("Name of the reviewer (reviewer_name): Reviewer Rvsigned")
                .contains("Their role (signoff_role): HEAD_OF_SERVICE");
    }

    @Test
    void reviewWithAnUnreadableDocumentShouldBeQuarantinedAtTheReviewStage() {
        String sender = "rv-broken@demo-council.test";
        String reference = notify(sender, "rv-broken");
        String messageId = TestMessages.newMessageId(DOMAIN);
        mail.send(sender, INTAKE, withDocument(sender, messageId, "[" + reference + "] our review", "", "Attached.",
                "review.pdf", "application/pdf", "this is not a PDF at all".getBytes(StandardCharsets.US_ASCII)));

        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined.get("stage")).isEqualTo("review");
        assertThat(quarantined.get("reason_code")).isEqualTo("UNREADABLE_DOCUMENT");
        assertThat(reviews.find(reference, 1)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM threaded_message t JOIN stored_message s ON s.id = t.stored_message_id "
                + "WHERE s.message_id = ?", messageId)).isZero();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, null);
            return value == null ? "" : value;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
