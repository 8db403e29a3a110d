package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
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

import scot.sirgateway.GatewayClock;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.MutableClock;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/**
 * A notification's four months after it is received, through the real IMAP and SMTP routes, on a clock the
 * test moves: the review reminders go at 09:00 on their days to the notifier, the CSWO copied from the
 * second overdue one, and to nobody else; the council's review, mailed with the reference in its subject,
 * is threaded, acknowledged, read as an initial analysis review and stops the council's reminders; the
 * inspectorate's comment clock starts on its receipt, chases the assigned inspector, and stops on the
 * comment. A delivery report for the first reminder marks it undelivered. The gateway has its own database,
 * intake mailbox and recipients, so no other test's mail mixes in.
 *
 * <p>Received Monday 11 January 2027 at 10:00: the review is due three months on, Sunday 11 April, moved to
 * Monday 12 April; its steps fall on Monday 15 March (28 days before), Monday 5 April (7 days before), 12
 * April (due), 19 April and 26 April (overdue; the CSWO copied from the second). The review comes on Tuesday
 * 27 April: its comment is due Thursday 27 May; its steps Thursday 20 May (7 days before) and 27 May.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-four-months;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-four-months@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-four-months@sir-gateway.test",
        "gateway.reminders.poll-delay=200ms"})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
@ContextConfiguration(initializers = FourMonthsAfterNotificationTest.OwnMailbox.class)
class FourMonthsAfterNotificationTest extends GatewayClient {

    static final String INTAKE = "four-months-intake@sir-gateway.test";
    static final String COUNCIL = "cjsw@demo-council.test";
    static final String NOTIFIER = "four-months-notifier@demo-council.test";
    static final String CSWO = "cswo@demo-council.test";
    static final String INSPECTOR = "four-months-inspector@careinspectorate.test";
    static final String ALERTS = "alerts-four-months@sir-gateway.test";

    /** This gateway's own intake mailbox on the shared mail server. */
    public static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("four-months-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    Reminders reminders;

    @Test
    void notificationShouldBeChasedThroughItsFourMonthsExactlyAsScheduled() throws Exception {
        clock.set(at(2027, 1, 11, 10, 0));
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(COUNCIL, INTAKE, signedNotification(messageId));
        String reference = awaitReference(messageId);
        assertThat(reference).startsWith("SIR-2027-");
        assertThat(api("/api/notifications/" + reference).get("review_due").asString()).isEqualTo("2027-04-12");
        assertThat(api("/api/notifications/" + reference).get("review_status").asString()).isEqualTo("AWAITING_REVIEW");

        // the inspector who will comment, assigned by an operator
        assertThat(post("/api/admin/accounts", "{\"username\": \"four-months-inspector\", \"role\": \"INSPECTOR\", "
                + "\"email\": \"" + INSPECTOR + "\", \"password\": \"inspector-test-password\", \"service_account\": true}").statusCode()).isEqualTo(201);
        assertThat(post("/api/notifications/" + reference + "/inspector", "{\"username\": \"four-months-inspector\"}")
                .statusCode()).isEqualTo(200);

        step(reference, at(2027, 3, 15, 9, 0), "review-28d", NOTIFIER);
        // the notifier's mail server reports it undelivered: matched by its Message-ID, shown undelivered, alerted
        String report = TestMessages.newMessageId("demo-council.test");
        mail.send("postmaster@demo-council.test", INTAKE, TestMessages.deliveryReport("postmaster@demo-council.test",
                report, "<" + reference + ".review-28d@sir-gateway.test>", "failed", NOTIFIER));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                api("/api/notifications/" + reference).get("reminders").get(0).get("delivered").asBoolean(), d -> !d);
        assertThat(api("/api/notifications/" + reference).get("timeline").findValuesAsString("type"))
                .contains("REMINDER_UNDELIVERED");
        assertThat(count("SELECT COUNT(*) FROM operator_alert WHERE kind = 'REMINDER_UNDELIVERED'")).isEqualTo(1);
        assertThat(mail.received("postmaster@demo-council.test").stream().map(FourMonthsAfterNotificationTest::messageIdOf)
                .filter(id -> id.startsWith("<" + reference + ".")).toList()).isEmpty();
        step(reference, at(2027, 4, 5, 9, 0), "review-7d", NOTIFIER);
        step(reference, at(2027, 4, 12, 9, 0), "review-due", NOTIFIER);
        step(reference, at(2027, 4, 19, 9, 0), "review-overdue-1", NOTIFIER);
        assertThat(api("/api/notifications/" + reference).get("review_status").asString()).isEqualTo("REVIEW_OVERDUE");
        step(reference, at(2027, 4, 26, 9, 0), "review-overdue-2", NOTIFIER, CSWO);

        // the council's initial analysis review, by mail, answering the acknowledgement
        clock.set(at(2027, 4, 27, 10, 0));
        String reviewId = TestMessages.newMessageId("demo-council.test");
        // signed like the notification: an unsigned review would wait for an operator, the clock running on
        mail.send(COUNCIL, INTAKE, TestSmime.signedMail(COUNCIL, TestSmime.demoCouncil(), "Please find our review below.\r\n\r\n"
                + "Review type: Part One: Case Review\r\n"
                + "Reviewer name: Reviewer Four Months\r\n"
                + "Reviewer role: Senior Practitioner\r\n"
                + "Signed off by: Signoff Four Months\r\n"
                + "Sign-off role: Head of Service\r\n"
                + "Sign-off date: 26/04/2027\r\n", Map.of("Message-ID", reviewId,
                "Subject", "Re: [" + reference + "] Serious incident notification received")));
        MimeMessage reviewAck = awaitReceived(COUNCIL, m -> messageIdOf(m).equals("<" + reference + ".r1.ack@sir-gateway.test>"));
        assertThat(reviewAck.getSubject()).contains("[" + reference + "]");
        var review = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/notifications/" + reference).get("reviews"), r -> r.size() == 1).get(0);
        assertThat(review.get("review_type").asString()).isEqualTo("IAR");
        assertThat(review.get("signoff_role").asString()).isEqualTo("HEAD_OF_SERVICE");
        assertThat(review.get("comment_due").asString()).isEqualTo("2027-05-27");
        assertThat(api("/api/notifications/" + reference).get("review_status").asString()).isEqualTo("REVIEW_RECEIVED");

        // the council is chased no more: the third overdue step's day passes in silence
        quiet(reference, at(2027, 5, 3, 9, 0));

        step(reference, at(2027, 5, 20, 9, 0), "r1.comment-7d", INSPECTOR);
        step(reference, at(2027, 5, 27, 9, 0), "r1.comment-due", INSPECTOR);

        clock.set(at(2027, 5, 28, 11, 0));
        HttpResponse<String> comment = postAs("four-months-inspector", "inspector-test-password",
                "/api/notifications/" + reference + "/reviews/1/comment", "{\"text\": \"Enough for now.\", "
                        + "\"risk_assessment_evident\": true, \"risk_assessment_up_to_date\": true, \"lscmi_used\": true, "
                        + "\"rmp_referred\": false, \"order_reviews_referred\": false, \"iar_sufficient\": true, "
                        + "\"additional_information_requested\": false}");
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
        assertThat(api("/api/notifications/" + reference).get("review_status").asString()).isEqualTo("COMMENTED");

        // the comment stopped its clock: the first overdue step's day passes in silence
        quiet(reference, at(2027, 6, 3, 9, 0));

        // every reminder at its moment, to the right people, and none other
        assertThat(reminderIds(NOTIFIER, reference)).containsExactly(ids(reference, "review-28d", "review-7d",
                "review-due", "review-overdue-1", "review-overdue-2"));
        assertThat(reminderIds(CSWO, reference)).containsExactly(ids(reference, "review-overdue-2"));
        assertThat(reminderIds(INSPECTOR, reference)).containsExactly(ids(reference, "r1.comment-7d", "r1.comment-due"));
        assertThat(reminderIds(ALERTS, reference)).isEmpty();
        assertThat(api("/api/notifications/" + reference).get("reminders").size()).isEqualTo(7);
    }

    /**
     * A minute before the step nothing goes; at its moment the reminder goes to exactly these people, once,
     * with the reference in its subject and nothing of the notification's content.
     */
    private void step(String reference, java.time.Instant moment, String step, String... to) throws Exception {
        quiet(reference, moment.minusSeconds(60));
        clock.set(moment);
        reminders.run();
        String id = "<" + reference + "." + step + "@sir-gateway.test>";
        MimeMessage reminder = awaitReceived(to[0], m -> messageIdOf(m).equals(id));
        assertThat(reminder.getSubject()).contains("[" + reference + "]");
        List<String> recipients = new java.util.ArrayList<>();
        for (Message.RecipientType type : new Message.RecipientType[] {Message.RecipientType.TO, Message.RecipientType.CC}) {
            if (reminder.getRecipients(type) != null) {
                for (var address : reminder.getRecipients(type)) {
                    recipients.add(((jakarta.mail.internet.InternetAddress) address).getAddress());
                }
            }
        }
        assertThat(recipients).containsExactlyInAnyOrder(to);
        String text = textOf(reminder);
        assertThat(text).contains(reference).doesNotContain("Four Months").doesNotContain("REF-four-months")
                .doesNotContain("SERIOUS_ASSAULT");
    }

    /** Nothing new goes out at this moment: the engine runs, and no reminder about the notification is queued. */
    private void quiet(String reference, java.time.Instant moment) {
        long before = reminderRows(reference);
        clock.set(moment);
        reminders.run();
        assertThat(reminderRows(reference)).isEqualTo(before);
    }

    private long reminderRows(String reference) {
        return count("SELECT COUNT(*) FROM reminder r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ? AND r.state <> 'NOT_SENT'", reference);
    }

    private List<String> reminderIds(String mailbox, String reference) {
        return mail.received(mailbox).stream().map(FourMonthsAfterNotificationTest::messageIdOf)
                .filter(id -> id.startsWith("<" + reference + ".") && !id.endsWith(".ack@sir-gateway.test>"))
                .filter(id -> id.contains("review-") || id.contains("comment-") || id.contains("information-"))
                .toList();
    }

    private static String[] ids(String reference, String... steps) {
        return java.util.Arrays.stream(steps).map(s -> "<" + reference + "." + s + "@sir-gateway.test>").toArray(String[]::new);
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return String.valueOf(message.getMessageID());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static java.time.Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), GatewayClock.ZONE).toInstant();
    }

    private byte[] signedNotification(String messageId) throws Exception {
        Map<String, String> form = TestMessages.completeForm("four-months");
        form.put("notifier_email", NOTIFIER);
        form.put("incident_date", "06/01/2027");
        form.put("aware_date", "2027-01-07");
        return ReminderFixtures.signedNotification(COUNCIL, messageId, form);
    }

    private HttpResponse<String> postAs(String user, String password, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
