package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.acknowledge.ContactProperties;
import scot.sirgateway.calendar.NotificationClocks;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.CouncilRegistryProperties;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.OutboundMailProperties;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.outbox.OutboxMailBounced;
import scot.sirgateway.register.CouncilAddresses;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.smime.SmimeSigner;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The reminder engine with a clock the test sets, on the shared gateway: notifications arrive through
 * the real intake, reminders leave through the real outbox and SMTP to GreenMail. The engine built here
 * sees only this class's notifications, so the clock it is given (months ahead) chases nobody else's.
 */
class RemindersTest extends GatewayTest {

    private static final String ALERTS = "rem-alerts@sir-gateway.test";
    private static final String CSWO = "cswo@demo-council.test";
    /** The address of the demo council's signing certificate: a signed notification comes from it. */
    private static final String SIGNER = "cjsw@demo-council.test";
    private static final Pattern REMINDER_ID = Pattern.compile("<SIR-\\d{4}-\\d{4}\\.(r\\d+\\.|i\\d+\\.)?"
            + "(review|comment|information)-.*");
    private static final ReminderProperties SETTINGS = ReminderProperties.defaults();

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    CouncilAddresses addresses;
    @Autowired
    Outbox outbox;
    @Autowired
    MailComposer composer;
    @Autowired
    MailTemplates templates;
    @Autowired
    SmimeSigner signer;
    @Autowired
    Timeline timeline;
    @Autowired
    ContactProperties contact;
    @Autowired
    OutboundMailProperties outbound;
    @Autowired
    Notifications notifications;
    @Autowired
    NotificationClocks clocks;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ResourceLoader resources;
    @Autowired
    ConfigurableEnvironment environment;

    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final Set<Long> mineIds = ConcurrentHashMap.newKeySet();

    private Reminders at(Instant now) {
        return at(now, addresses);
    }

    private Reminders at(Instant now, CouncilAddresses councilAddresses) {
        Clock clock = Clock.fixed(now, GatewayClock.ZONE);
        AlertProperties alerts = new AlertProperties(List.of(ALERTS), Duration.ofHours(4), Duration.ofSeconds(60));
        return new Reminders(jdbc, transactions, SETTINGS, calendar, councilAddresses, alerts,
                new OperatorAlerts(jdbc, alerts, outbox, composer, clock), outbox, composer, templates, signer, cipher,
                timeline, contact, outbound, clock) {
            @Override
            List<OpenClock> openClocks() {
                return super.openClocks().stream().filter(c -> mine.contains(c.reference())).toList();
            }

            @Override
            List<Long> overdueReviews(LocalDate today) {
                return super.overdueReviews(today).stream().filter(mineIds::contains).toList();
            }
        };
    }

    private static String nonce() {
        return Long.toString(System.nanoTime(), 36);
    }

    /** A notification signed by the demo council naming {@code notifierEmail}; answers its reference once registered. */
    private String notifySigned(String notifierEmail, String marker) throws Exception {
        String sender = SIGNER;
        Map<String, String> form = TestMessages.completeForm(marker);
        form.put("notifier_email", notifierEmail);
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, ReminderFixtures.signedNotification(sender, messageId, form));
        String reference = awaitReference(messageId);
        own(reference);
        return reference;
    }

    private void own(String reference) {
        mine.add(reference);
        mineIds.add(idOf(reference));
    }

    private long idOf(String reference) {
        return jdbc.sql("SELECT id FROM notification WHERE reference = ?").param(reference).query(Long.class).single();
    }

    private LocalDate reviewDue(String reference) {
        return jdbc.sql("SELECT review_due FROM notification WHERE reference = ?").param(reference)
                .query(LocalDate.class).single();
    }

    private ReminderSchedule schedule(ReminderProperties.Schedule clock) {
        return new ReminderSchedule(clock, SETTINGS.sendAt(), calendar);
    }

    /** The reminders about this notification that reached the address (not its acknowledgement or forward). */
    private List<MimeMessage> reminders(String address, String reference) {
        return mail.received(address).stream().filter(m -> {
            try {
                String id = m.getMessageID();
                return id != null && id.startsWith("<" + reference + ".") && REMINDER_ID.matcher(id).matches();
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private List<String> steps(String reference) {
        return jdbc.sql("SELECT clock, step, step_count, state FROM reminder WHERE notification_id = ? ORDER BY id")
                .param(idOf(reference))
                .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)
                        + (rs.getInt(3) == 0 ? "" : "-" + rs.getInt(3)) + ":" + rs.getString(4))
                .list();
    }

    private List<String> timelineDetails(String reference, String type) {
        return timeline.of(idOf(reference)).stream().filter(e -> e.type().equals(type)).map(Timeline.Event::detail)
                .toList();
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws Exception {
        jakarta.mail.Address[] found = message.getRecipients(type);
        return found == null ? List.of() : Arrays.stream(found).map(Object::toString).toList();
    }

    @Test
    void reviewRemindersShouldGoAtEachStepToTheNotifierAndToTheCswoFromTheSecondOverdue() throws Exception {
        String n = nonce();
        String notifier = "rem-notifier-" + n + "@demo-council.test";
        String marker = "Remind" + n;
        String reference = notifySigned(notifier, marker);
        LocalDate due = reviewDue(reference);
        assertThat(calendar.isWorkingDay(due)).isTrue();

        ReminderSchedule review = schedule(SETTINGS.review());
        List<ReminderSchedule.Step> steps = new ArrayList<>(review.beforeAndOnDue(due));
        steps.add(review.overdue(due, 1));
        steps.add(review.overdue(due, 2));
        steps.add(review.overdue(due, 3));
        assertThat(steps).extracting(ReminderSchedule.Step::label)
                .containsExactly("28d", "7d", "due", "overdue-1", "overdue-2", "overdue-3");

        // a minute before the first step: nothing
        at(steps.get(0).at().minusSeconds(60)).run();
        assertThat(steps(reference)).isEmpty();

        for (int i = 0; i < steps.size(); i++) {
            ReminderSchedule.Step step = steps.get(i);
            at(step.at()).run();
            // a later run at the same step, and another gateway's, adds nothing
            at(step.at().plusSeconds(3600)).run();
            assertThat(awaitOutboxDone(reference, "REMINDER")).isEqualTo(i + 1);
            List<MimeMessage> toNotifier = reminders(notifier, reference);
            assertThat(toNotifier).hasSize(i + 1);
            MimeMessage latest = toNotifier.get(i);
            assertThat(latest.getMessageID()).isEqualTo(composer.messageId(reference + ".review-" + step.label()));
            assertThat(latest.getSubject()).startsWith("[" + reference + "]");
            assertThat(latest.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertThat(latest.getContentType()).startsWith("multipart/signed");
            assertThat(addresses(latest, Message.RecipientType.TO)).containsExactly(notifier);
            boolean cswoCopied = step.overdue() && step.count() >= 2;
            assertThat(addresses(latest, Message.RecipientType.CC)).isEqualTo(cswoCopied ? List.of(CSWO) : List.of());
            assertThat(reminders(CSWO, reference)).hasSize(Math.max(0, i - 3));
        }

        MimeMessage first = reminders(notifier, reference).get(0);
        String text = textOf(first);
        assertThat(text).contains(reference).contains(due.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)))
                .contains("[" + reference + "] in the subject").contains("sir-team@sir-gateway.test");
        // never a value of the notification
        assertThat(text).doesNotContain(marker).doesNotContain("Q.Z.").doesNotContain("Team Leader")
                .doesNotContain("SERIOUS_ASSAULT").doesNotContain(notifier);

        assertThat(steps(reference)).containsExactly("REVIEW:28d:QUEUED", "REVIEW:7d:QUEUED", "REVIEW:due:QUEUED",
                "REVIEW:overdue-1:QUEUED", "REVIEW:overdue-2:QUEUED", "REVIEW:overdue-3:QUEUED");
        Map<String, Object> copied = jdbc.sql("SELECT message_id, recipients, queued_at FROM reminder "
                + "WHERE notification_id = ? AND step = 'overdue' AND step_count = 2").param(idOf(reference)).query().singleRow();
        assertThat(cipher.decryptValue((byte[]) copied.get("recipients"), scot.sirgateway.storage.StorageCipher
                .associatedData("reminder", copied.get("message_id"), "recipients"))).isEqualTo(notifier + "," + CSWO);
        assertThat(timelineDetails(reference, "REMINDER_QUEUED")).contains("review-28d to the notifier",
                "review-overdue-2 to the notifier and the CSWO");

        // the review status: overdue once the day after the due date has begun
        assertThat(jdbc.sql("SELECT review_status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("REVIEW_OVERDUE");
        assertThat(timelineDetails(reference, "REVIEW_OVERDUE")).hasSize(1);
    }

    @Test
    void reviewShouldBecomeOverdueOnlyAfterItsDueDay() throws Exception {
        String n = nonce();
        String reference = notifySigned("rem-status-" + n + "@demo-council.test", n);
        LocalDate due = reviewDue(reference);
        at(due.atTime(23, 59).atZone(GatewayClock.ZONE).toInstant()).run();
        assertThat(jdbc.sql("SELECT review_status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("AWAITING_REVIEW");
        at(due.plusDays(1).atStartOfDay(GatewayClock.ZONE).toInstant()).run();
        assertThat(jdbc.sql("SELECT review_status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("REVIEW_OVERDUE");
    }

    @Test
    void aGatewayDownForThreeWeeksShouldSendOneCatchUpPerClock() throws Exception {
        String n = nonce();
        String notifier = "rem-catchup-" + n + "@demo-council.test";
        String reference = notifySigned(notifier, n);
        long id = idOf(reference);
        LocalDate due = reviewDue(reference);
        // a request for information, due forty days after it was made
        OffsetDateTime requested = OffsetDateTime.now(GatewayClock.ZONE);
        ReminderFixtures.insertRequest(jdbc, id, 1, requested, requested.toLocalDate().plusDays(40));
        ReminderSchedule review = schedule(SETTINGS.review());
        Instant lastRun = review.beforeAndOnDue(due).get(0).at().minus(Duration.ofDays(1));
        at(lastRun).run();
        List<String> before = steps(reference);
        // the gateway is down for three weeks, over the 28-day step and past the 7-day step
        Instant back = review.beforeAndOnDue(due).get(1).at().plus(Duration.ofDays(1));
        assertThat(Duration.between(lastRun, back)).isGreaterThanOrEqualTo(Duration.ofDays(21));
        at(back).run();
        at(back.plusSeconds(60)).run();

        List<String> after = steps(reference).subList(before.size(), steps(reference).size());
        assertThat(after.stream().filter(s -> s.startsWith("REVIEW:")).toList()).containsExactly("REVIEW:7d:QUEUED");
        assertThat(after.stream().filter(s -> s.startsWith("INFORMATION:")).toList()).hasSize(1)
                .allMatch(s -> s.startsWith("INFORMATION:overdue-"));
        awaitOutboxDone(reference, "REMINDER");
        assertThat(reminders(notifier, reference)).hasSize(before.size() + 2);
        assertThat(reminders(notifier, reference).stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).contains(composer.messageId(reference + ".review-7d"))
                .noneMatch(m -> m.equals(composer.messageId(reference + ".review-28d")));
    }

    @Test
    void aReviewAPauseAndTriageShouldStopTheReminders() throws Exception {
        String n = nonce();
        ReminderSchedule review = schedule(SETTINGS.review());

        // a review received stops the review clock
        String reviewed = notifySigned("rem-reviewed-" + n + "@demo-council.test", n);
        ReminderFixtures.insertReview(jdbc, idOf(reviewed), 1, OffsetDateTime.now(GatewayClock.ZONE),
                LocalDate.now(GatewayClock.ZONE).plusYears(2));
        at(review.overdue(reviewDue(reviewed), 1).at()).run();
        assertThat(steps(reviewed)).isEmpty();

        // paused: nothing; resumed: the latest step, once
        String paused = notifySigned("rem-paused-" + n + "@demo-council.test", n);
        jdbc.sql("UPDATE notification SET reminders_paused = TRUE WHERE reference = ?").param(paused).update();
        Instant sevenDays = review.beforeAndOnDue(reviewDue(paused)).get(1).at();
        at(sevenDays).run();
        assertThat(steps(paused)).isEmpty();
        jdbc.sql("UPDATE notification SET reminders_paused = FALSE WHERE reference = ?").param(paused).update();
        at(sevenDays).run();
        assertThat(steps(paused)).containsExactly("REVIEW:7d:QUEUED");

        // an unverified notification in triage chases nobody
        String sender = "rem-triage-" + n + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(n)));
        String triage = awaitReference(messageId);
        own(triage);
        assertThat(jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(triage).query(String.class)
                .single()).isEqualTo("TRIAGE");
        at(review.overdue(reviewDue(triage), 2).at()).run();
        assertThat(steps(triage)).isEmpty();
        assertThat(reminders("notifier@demo-council.test", triage)).isEmpty();
    }

    @Test
    void commentRemindersShouldChaseTheInspectorAndTheAlertRecipientsWhenOverdue() throws Exception {
        String n = nonce();
        String inspector = "rem-inspector-" + n;
        String inspectorAddress = inspector + "@inspectorate.test";
        ReminderFixtures.insertInspector(jdbc, cipher, inspector, inspectorAddress);
        String reference = notifySigned("rem-comment-" + n + "@demo-council.test", n);
        jdbc.sql("UPDATE notification SET inspector = ? WHERE reference = ?").params(inspector, reference).update();
        OffsetDateTime received = OffsetDateTime.now(GatewayClock.ZONE);
        LocalDate commentDue = clocks.commentDue(received);
        ReminderFixtures.insertReview(jdbc, idOf(reference), 1, received, commentDue);

        ReminderSchedule comment = schedule(SETTINGS.comment());
        List<ReminderSchedule.Step> steps = new ArrayList<>(comment.beforeAndOnDue(commentDue));
        steps.add(comment.overdue(commentDue, 1));
        for (ReminderSchedule.Step step : steps) {
            at(step.at()).run();
        }
        awaitOutboxDone(reference, "REMINDER");
        assertThat(steps(reference)).containsExactly("COMMENT:7d:QUEUED", "COMMENT:due:QUEUED", "COMMENT:overdue-1:QUEUED");
        List<MimeMessage> toInspector = reminders(inspectorAddress, reference);
        assertThat(toInspector).extracting(MimeMessage::getMessageID).containsExactly(
                composer.messageId(reference + ".r1.comment-7d"), composer.messageId(reference + ".r1.comment-due"),
                composer.messageId(reference + ".r1.comment-overdue-1"));
        assertThat(addresses(toInspector.get(0), Message.RecipientType.CC)).isEmpty();
        assertThat(addresses(toInspector.get(2), Message.RecipientType.CC)).containsExactly(ALERTS);
        assertThat(reminders(ALERTS, reference)).hasSize(1);
        assertThat(textOf(toInspector.get(0))).contains("review r1").contains("/api/notifications/" + reference
                + "/reviews/r1/comment");
        // a comment recorded stops the comment clock; the review had already stopped the review clock
        jdbc.sql("UPDATE review SET commented_at = ? WHERE notification_id = ?")
                .params(OffsetDateTime.now(GatewayClock.ZONE), idOf(reference)).update();
        at(comment.overdue(commentDue, 2).at()).run();
        at(schedule(SETTINGS.review()).overdue(reviewDue(reference), 1).at()).run();
        assertThat(steps(reference)).hasSize(3);
    }

    @Test
    void withNoInspectorAssignedCommentRemindersShouldGoToTheAlertRecipientsWithAnAlert() throws Exception {
        String n = nonce();
        String reference = notifySigned("rem-noinsp-" + n + "@demo-council.test", n);
        OffsetDateTime received = OffsetDateTime.now(GatewayClock.ZONE);
        LocalDate commentDue = clocks.commentDue(received);
        ReminderFixtures.insertReview(jdbc, idOf(reference), 1, received, commentDue);
        at(schedule(SETTINGS.comment()).beforeAndOnDue(commentDue).get(0).at()).run();
        awaitOutboxDone(reference, "REMINDER");
        List<MimeMessage> toAlerts = reminders(ALERTS, reference);
        assertThat(toAlerts).hasSize(1);
        assertThat(addresses(toAlerts.get(0), Message.RecipientType.TO)).containsExactly(ALERTS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator_alert WHERE kind = 'NO_INSPECTOR' AND subject LIKE ?")
                .param("%" + reference + "%").query(Long.class).single()).isEqualTo(1);
        assertThat(timelineDetails(reference, "REMINDER_QUEUED")).singleElement().asString()
                .contains("comment-7d to the alert recipients");
    }

    @Test
    void aPlaceholderCswoAndANotifierOutsideTheCouncilsDomainsShouldNeverBeMailed() throws Exception {
        CouncilRegistry placeholderCswo = new CouncilRegistry(
                new CouncilRegistryProperties("classpath:reminders/invalid-cswo-councils.yaml", null), resources, environment);
        CouncilAddresses withPlaceholder = new CouncilAddresses(notifications, placeholderCswo);
        String n = nonce();
        String sender = SIGNER;
        String typed = "rem-outside-" + n + "@elsewhere.test";
        String reference = notifySigned(typed, n);
        ReminderSchedule review = schedule(SETTINGS.review());

        at(review.overdue(reviewDue(reference), 2).at(), withPlaceholder).run();
        awaitOutboxDone(reference, "REMINDER");
        // the typed address is outside the council's domains: the address the notification came from is used
        List<MimeMessage> toSender = reminders(sender, reference);
        assertThat(toSender).hasSize(1);
        assertThat(addresses(toSender.get(0), Message.RecipientType.TO)).containsExactly(sender);
        assertThat(addresses(toSender.get(0), Message.RecipientType.CC)).isEmpty();
        assertThat(reminders(typed, reference)).isEmpty();
        assertThat(reminders("cswo@x.invalid", reference)).isEmpty();
        assertThat(timelineDetails(reference, "REMINDER_QUEUED")).containsExactly("review-overdue-2 to the notifier");
        List<String> alerts = jdbc.sql("SELECT subject FROM operator_alert WHERE kind = 'ADDRESS_MISSING'")
                .query(String.class).list();
        assertThat(alerts).contains("Reminders cannot reach the CSWO of Demo Council");
        assertThat(alerts).noneMatch(subject -> subject.contains("@"));
    }

    @Test
    void aBouncedReminderShouldBeMarkedUndeliveredAndRaiseAnAlert() throws Exception {
        String n = nonce();
        String notifier = "rem-bounce-" + n + "@demo-council.test";
        String reference = notifySigned(notifier, n);
        at(schedule(SETTINGS.review()).beforeAndOnDue(reviewDue(reference)).get(0).at()).run();
        awaitOutboxDone(reference, "REMINDER");
        String messageId = composer.messageId(reference + ".review-28d");
        long outboxId = jdbc.sql("SELECT id FROM outbox_mail WHERE message_id = ?").param(messageId)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reminder WHERE message_id = ? AND delivered IS NULL").param(messageId)
                .query(Long.class).single()).isEqualTo(1);

        transactions.executeWithoutResult(s -> events.publishEvent(new OutboxMailBounced(outboxId,
                Outbox.Purpose.REMINDER, messageId, idOf(reference), notifier, OffsetDateTime.now(GatewayClock.ZONE))));

        assertThat(jdbc.sql("SELECT delivered FROM reminder WHERE message_id = ?").param(messageId)
                .query(Boolean.class).single()).isFalse();
        assertThat(timelineDetails(reference, "REMINDER_UNDELIVERED")).singleElement().asString().contains("review-28d");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator_alert WHERE kind = 'REMINDER_UNDELIVERED' AND subject = ?")
                .param("[" + reference + "] Reminder review-28d undelivered").query(Long.class).single()).isEqualTo(1);
        assertThat(api("/api/alerts").findValuesAsString("subject"))
                .contains("[" + reference + "] Reminder review-28d undelivered");
    }
}
