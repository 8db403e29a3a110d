package scot.sirgateway.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.acknowledge.ContactProperties;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.model.ClockKind;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.outbox.OutboundMailProperties;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.CouncilAddresses;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.review.Reviews;
import scot.sirgateway.smime.SmimeEncryptor;
import scot.sirgateway.smime.SmimeSigner;
import scot.sirgateway.storage.StorageCipher;

/**
 * The {@code deadline-reminders} step: the reminder engine. Each run
 * <ol>
 * <li>marks the notifications whose review is overdue ({@code AWAITING_REVIEW} to {@code REVIEW_OVERDUE}
 * once the day after {@code review_due} has begun);</li>
 * <li>for every open clock (review, comment on a review, information asked for) creates the row of its
 * latest step now due ({@link ReminderSchedule}), unless it is there: {@code INSERT ... ON CONFLICT DO
 * NOTHING} on the reminder's key, so two gateways create it once, and steps missed while the gateway
 * was down are never sent (one catch-up per clock);</li>
 * <li>claims the pending rows one by one ({@code SELECT ... FOR UPDATE SKIP LOCKED}) and, in the same
 * transaction, renders the reminder, queues it in the outbox under the Message-ID built from its key,
 * and marks it QUEUED (or NOT_SENT when nobody can be mailed).</li>
 * </ol>
 * A clock stops with its answer (a review, a comment, an answer); a withdrawn notification has none,
 * and nobody is chased about a notification in triage or with reminders paused. Reminders never name a
 * value of the notification; addresses that are missing or placeholders are never mailed, the
 * operators are alerted instead, naming the council.
 */
@Component("reminders")
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final Duration ALERT_WINDOW = Duration.ofDays(7);
    private static final String CHASED = "n.status NOT IN ('WITHDRAWN', 'TRIAGE') AND n.reminders_paused = FALSE";

    /** A clock that runs: what it is about, when it is due, and when it started. */
    record OpenClock(long notificationId, String reference, ClockKind clock, long subjectId, int seq, LocalDate due,
            Instant startedAt) {

        /** {@code SIR-2026-0042.review-28d}, {@code SIR-2026-0042.r2.comment-due}, {@code SIR-2026-0042.i1.information-overdue-2}. */
        String key(ReminderSchedule.Step step) {
            return switch (clock) {
                case REVIEW -> reference + ".review-" + step.label();
                case COMMENT -> reference + ".r" + seq + ".comment-" + step.label();
                case INFORMATION -> reference + ".i" + seq + ".information-" + step.label();
                case FORWARD -> throw new IllegalStateException("no reminders for the forward clock");
            };
        }
    }

    /** A reminder row claimed for sending. */
    private record Claimed(long id, long notificationId, ClockKind clock, long subjectId, String step, int stepCount,
            LocalDate due, String messageId) {

        String label() {
            return stepCount == 0 ? step : step + "-" + stepCount;
        }

        boolean overdue() {
            return "overdue".equals(step);
        }
    }

    /** Who a reminder goes to, and how the timeline says it. */
    private record Recipients(List<String> to, List<String> cc, String who) {

        List<String> all() {
            List<String> all = new ArrayList<>(to);
            all.addAll(cc);
            return all;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReminderProperties properties;
    private final WorkingCalendar calendar;
    private final CouncilAddresses addresses;
    private final AlertProperties alerts;
    private final OperatorAlerts operatorAlerts;
    private final Outbox outbox;
    private final MailComposer composer;
    private final MailTemplates templates;
    private final SmimeSigner signer;
    private final StorageCipher cipher;
    private final Timeline timeline;
    private final ContactProperties contact;
    private final OutboundMailProperties outbound;
    private final Clock clock;

    public Reminders(JdbcClient jdbc, TransactionTemplate transactions, ReminderProperties properties,
            WorkingCalendar calendar, CouncilAddresses addresses, AlertProperties alerts, OperatorAlerts operatorAlerts,
            Outbox outbox, MailComposer composer, MailTemplates templates, SmimeSigner signer, StorageCipher cipher,
            Timeline timeline, ContactProperties contact, OutboundMailProperties outbound, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.calendar = calendar;
        this.addresses = addresses;
        this.alerts = alerts;
        this.operatorAlerts = operatorAlerts;
        this.outbox = outbox;
        this.composer = composer;
        this.templates = templates;
        this.signer = signer;
        this.cipher = cipher;
        this.timeline = timeline;
        this.contact = contact;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** One run of the engine; answers how many reminders it queued. */
    public int run() {
        transactions.executeWithoutResult(status -> markOverdueReviews());
        Integer created = transactions.execute(status -> createDue());
        int queued = queuePending();
        if (created != null && created > 0 || queued > 0) {
            log.info("reminders: {} step(s) due, {} queued", created, queued);
        }
        return queued;
    }

    /** AWAITING_REVIEW to REVIEW_OVERDUE for every notification whose review was due before today. */
    int markOverdueReviews() {
        int marked = 0;
        for (long id : overdueReviews(LocalDate.now(clock.withZone(GatewayClock.ZONE)))) {
            if (jdbc.sql("UPDATE notification SET review_status = 'REVIEW_OVERDUE' WHERE id = ? "
                    + "AND review_status = 'AWAITING_REVIEW'").param(id).update() == 1) {
                timeline.append(id, now(), "REVIEW_OVERDUE", "the review was not received by its due date", Timeline.SYSTEM);
                marked++;
            }
        }
        return marked;
    }

    /** The notifications still AWAITING_REVIEW whose review was due before {@code today}. */
    List<Long> overdueReviews(LocalDate today) {
        return jdbc.sql("SELECT n.id FROM notification n WHERE n.review_status = 'AWAITING_REVIEW' "
                        + "AND n.review_due < ? AND n.status <> 'WITHDRAWN' "
                        + "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.notification_id = n.id AND " + Reviews.COUNTS_FOR_CLOCKS + ") ORDER BY n.id")
                .param(today).query(Long.class).list();
    }

    /** Creates the row of the latest due step of every open clock, unless it is there; answers how many were created. */
    int createDue() {
        Instant now = clock.instant();
        int created = 0;
        for (OpenClock open : openClocks()) {
            ReminderSchedule schedule = new ReminderSchedule(properties.of(open.clock()), properties.sendAt(), calendar);
            Optional<ReminderSchedule.Step> step = schedule.latest(open.due(), open.startedAt(), now);
            if (step.isEmpty()) {
                continue;
            }
            ReminderSchedule.Step s = step.get();
            created += jdbc.sql("INSERT INTO reminder (notification_id, clock, subject_id, step, step_count, due_on, "
                            + "scheduled_at, state, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .params(open.notificationId(), open.clock().name(), open.subjectId(), s.name(), s.count(), open.due(),
                            s.at().atZone(GatewayClock.ZONE).toOffsetDateTime(), composer.messageId(open.key(s)), now())
                    .update();
        }
        return created;
    }

    /**
     * Every clock that runs and chases someone now. Only clocks due within the longest before-step (and a
     * margin for steps moved to an earlier working day) can have a step due.
     */
    List<OpenClock> openClocks() {
        LocalDate horizon = LocalDate.now(clock.withZone(GatewayClock.ZONE)).plusDays(longestLead() + 10);
        List<OpenClock> open = new ArrayList<>();
        jdbc.sql("SELECT n.id, n.reference, n.review_due, n.received_at FROM notification n WHERE " + CHASED
                        + " AND n.review_due IS NOT NULL AND n.review_due <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.notification_id = n.id AND " + Reviews.COUNTS_FOR_CLOCKS + ") ORDER BY n.id")
                .param(horizon)
                .query((rs, i) -> new OpenClock(rs.getLong(1), rs.getString(2), ClockKind.REVIEW, 0, 0,
                        rs.getObject(3, LocalDate.class), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list().forEach(open::add);
        jdbc.sql("SELECT n.id, n.reference, r.id, r.seq, r.comment_due, r.received_at FROM review r "
                        + "JOIN notification n ON n.id = r.notification_id WHERE " + CHASED
                        + " AND r.commented_at IS NULL AND " + Reviews.COUNTS_FOR_CLOCKS
                        + " AND r.comment_due <= ? ORDER BY r.id")
                .param(horizon)
                .query((rs, i) -> new OpenClock(rs.getLong(1), rs.getString(2), ClockKind.COMMENT, rs.getLong(3),
                        rs.getInt(4), rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list().forEach(open::add);
        jdbc.sql("SELECT n.id, n.reference, q.id, q.seq, q.due, q.requested_at FROM information_request q "
                        + "JOIN notification n ON n.id = q.notification_id WHERE " + CHASED
                        + " AND q.answered_at IS NULL AND q.due <= ? ORDER BY q.id")
                .param(horizon)
                .query((rs, i) -> new OpenClock(rs.getLong(1), rs.getString(2), ClockKind.INFORMATION, rs.getLong(3),
                        rs.getInt(4), rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list().forEach(open::add);
        return open;
    }

    private int longestLead() {
        return List.of(properties.review(), properties.comment(), properties.information()).stream()
                .flatMap(s -> s.daysBefore().stream()).mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Claims and queues the pending reminders, each in a transaction of its own; answers how many were queued. */
    int queuePending() {
        int queued = 0;
        while (true) {
            Boolean outcome;
            try {
                outcome = transactions.execute(status -> claimAndQueue());
            } catch (RuntimeException e) {
                // left PENDING: the next run tries again
                log.warn("a reminder could not be queued ({}); next run tries again", e.getClass().getSimpleName());
                return queued;
            }
            if (outcome == null) {
                return queued;
            }
            if (outcome) {
                queued++;
            }
        }
    }

    /** Null when no reminder waits; true when one was queued, false when it could not be sent. */
    private Boolean claimAndQueue() {
        Optional<Claimed> next = jdbc.sql("SELECT id, notification_id, clock, subject_id, step, step_count, due_on, "
                        + "message_id FROM reminder WHERE state = 'PENDING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .query((rs, i) -> new Claimed(rs.getLong(1), rs.getLong(2), ClockKind.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getObject(7, LocalDate.class), rs.getString(8)))
                .optional();
        if (next.isEmpty()) {
            return null;
        }
        Claimed reminder = next.get();
        Map<String, Object> notification = jdbc.sql("SELECT reference, local_authority, inspector FROM notification "
                + "WHERE id = ?").param(reminder.notificationId()).query().singleRow();
        String reference = (String) notification.get("reference");
        if (!stillRuns(reminder)) {
            // the clock stopped, or the notification is paused, in triage or withdrawn, since the row was made
            markNotSent(reminder);
            return false;
        }
        String council = (String) notification.get("local_authority");
        Recipients recipients = reminder.clock() == ClockKind.COMMENT
                ? inspectorRecipients(reminder, reference, council, (String) notification.get("inspector"))
                : councilRecipients(reminder, reference);
        if (recipients.all().isEmpty()) {
            markNotSent(reminder);
            timeline.append(reminder.notificationId(), now(), "REMINDER_NOT_SENT",
                    clockName(reminder) + "-" + reminder.label() + ": nobody could be mailed", Timeline.SYSTEM);
            return false;
        }
        String text = templates.render("reminder-" + reminder.clock().name().toLowerCase(Locale.ROOT),
                model(reminder, reference));
        byte[] mime = composer.compose(reminder.messageId(), recipients.to(), recipients.cc(),
                subject(reminder, reference), signer.sign(SmimeEncryptor.textPart(text)), "auto-generated", null);
        outbox.queue(Outbox.Purpose.REMINDER, reminder.messageId(), recipients.all(), mime, reminder.notificationId(), null);
        jdbc.sql("UPDATE reminder SET state = 'QUEUED', recipients = ?, queued_at = ? WHERE id = ?")
                .params(cipher.encryptValue(String.join(",", recipients.all()),
                        StorageCipher.associatedData("reminder", reminder.messageId(), "recipients")), now(), reminder.id())
                .update();
        timeline.append(reminder.notificationId(), now(), "REMINDER_QUEUED",
                clockName(reminder) + "-" + reminder.label() + " to " + recipients.who(), Timeline.SYSTEM);
        return true;
    }

    private boolean stillRuns(Claimed reminder) {
        String chased = "SELECT COUNT(*) FROM notification n WHERE n.id = ? AND " + CHASED;
        String sql = switch (reminder.clock()) {
            case REVIEW -> chased + " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.notification_id = n.id AND " + Reviews.COUNTS_FOR_CLOCKS + ")";
            case COMMENT -> chased + " AND EXISTS (SELECT 1 FROM review r WHERE r.id = ? AND r.commented_at IS NULL AND "
                    + Reviews.COUNTS_FOR_CLOCKS + ")";
            case INFORMATION -> chased + " AND EXISTS (SELECT 1 FROM information_request q WHERE q.id = ? "
                    + "AND q.answered_at IS NULL)";
            case FORWARD -> throw new IllegalStateException("no reminders for the forward clock");
        };
        var query = jdbc.sql(sql).param(reminder.notificationId());
        if (reminder.clock() != ClockKind.REVIEW) {
            query = query.param(reminder.subjectId());
        }
        return query.query(Long.class).single() > 0;
    }

    private void markNotSent(Claimed reminder) {
        jdbc.sql("UPDATE reminder SET state = 'NOT_SENT' WHERE id = ?").param(reminder.id()).update();
    }

    /** Review and information clocks: the notifier, and the CSWO copied from the configured overdue step on. */
    private Recipients councilRecipients(Claimed reminder, String reference) {
        CouncilAddresses.Addresses found = addresses.of(reference);
        String councilName = found.council() == null ? "an unknown council" : found.council();
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        found.notifier().ifPresentOrElse(to::add, () -> addressMissing(councilName, "notifier",
                "Reminders cannot reach the notifier at " + councilName, found.notifierMissing(), reminder, reference));
        int copyFrom = properties.of(reminder.clock()).copyCswoFromOverdue();
        boolean copyCswo = reminder.overdue() && copyFrom > 0 && reminder.stepCount() >= copyFrom;
        if (copyCswo) {
            found.cswo().ifPresentOrElse(cswo -> (to.isEmpty() ? to : cc).add(cswo), () -> addressMissing(councilName,
                    "cswo", "Reminders cannot reach the CSWO of " + councilName, found.cswoMissing(), reminder, reference));
        }
        cc.removeAll(to);
        String who = found.notifier().isPresent()
                ? (copyCswo && found.cswo().isPresent() ? "the notifier and the CSWO" : "the notifier")
                : copyCswo && found.cswo().isPresent() ? "the CSWO" : "nobody";
        return new Recipients(to, cc, who);
    }

    /** Comment clock: the assigned inspector; overdue also the alert recipients; with no inspector, the alert recipients. */
    private Recipients inspectorRecipients(Claimed reminder, String reference, String council, String inspector) {
        String councilName = council == null ? "an unknown council" : council;
        Optional<String> inspectorAddress = Optional.empty();
        if (inspector == null) {
            operatorAlerts.raise("NO_INSPECTOR", "NO_INSPECTOR:" + reference, ALERT_WINDOW,
                    "[" + reference + "] No inspector assigned: comment reminders go to the alert recipients",
                    "No strategic inspector is assigned to " + reference + ", so the reminders of the comment on its "
                            + "review go to the alert recipients. Assign one in the console or the API.",
                    reminder.notificationId());
        } else {
            inspectorAddress = inspectorAddress(inspector);
            if (inspectorAddress.isEmpty()) {
                addressMissing(councilName, "inspector-" + inspector,
                        "Comment reminders for " + councilName + " cannot reach the assigned inspector",
                        "the inspector's account has no usable e-mail address; set one under the accounts of the API",
                        reminder, reference);
            }
        }
        List<String> alertRecipients = usableAlertRecipients();
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        String who;
        if (inspectorAddress.isPresent()) {
            to.add(inspectorAddress.get());
            boolean copyAlerts = reminder.overdue() && properties.comment().copyAlertsWhenOverdue();
            if (copyAlerts) {
                alertRecipients.stream().filter(a -> !to.contains(a)).forEach(cc::add);
            }
            who = copyAlerts && !cc.isEmpty() ? "the inspector and the alert recipients" : "the inspector";
        } else {
            to.addAll(alertRecipients);
            who = "the alert recipients (" + (inspector == null ? "no inspector assigned"
                    : "the inspector has no usable address") + ")";
        }
        return new Recipients(to, cc, who);
    }

    private Optional<String> inspectorAddress(String username) {
        return jdbc.sql("SELECT email FROM operator_account WHERE username = ?").param(username)
                .query((rs, i) -> Optional.ofNullable(cipher.decryptValue(rs.getBytes(1),
                        StorageCipher.associatedData("operator_account", username, "email"))))
                .optional().flatMap(o -> o).filter(Reminders::usableAddress);
    }

    private List<String> usableAlertRecipients() {
        return alerts.recipients().stream().filter(Reminders::usableAddress).distinct().toList();
    }

    /** A plain address, not a placeholder ({@code .invalid}). */
    static boolean usableAddress(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            new jakarta.mail.internet.InternetAddress(address.trim(), true);
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
        return address.contains("@") && !scot.sirgateway.storage.MessageHeaders.placeholder(address);
    }

    /** One alert per council and cause; it names the council, never an address. */
    private void addressMissing(String council, String cause, String subject, String why, Claimed reminder,
            String reference) {
        operatorAlerts.addressMissing(council, cause, subject, subject + ": " + why + ". The reminder "
                + clockName(reminder) + "-" + reminder.label() + " of " + reference + " went to whoever else could be mailed.",
                reminder.notificationId());
    }

    private Map<String, Object> model(Claimed reminder, String reference) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", reference);
        model.put("due", reminder.due().format(WRITTEN));
        model.put("step", reminder.step());
        model.put("overdue", reminder.overdue());
        model.put("onDue", "due".equals(reminder.step()));
        model.put("overdueCount", reminder.stepCount());
        model.put("tag", "[" + reference + "]");
        model.put("intake", outbound.from());
        model.put("contact", contact.lines());
        if (reminder.clock() == ClockKind.COMMENT) {
            model.put("reviewId", "r" + seqOf("review", reminder.subjectId()));
        }
        if (reminder.clock() == ClockKind.INFORMATION) {
            model.put("requestId", "i" + seqOf("information_request", reminder.subjectId()));
        }
        return model;
    }

    private int seqOf(String table, long id) {
        return jdbc.sql("SELECT seq FROM " + table + " WHERE id = ?").param(id).query(Integer.class).single();
    }

    private String subject(Claimed reminder, String reference) {
        String what = switch (reminder.clock()) {
            case REVIEW -> "Review";
            case COMMENT -> "Comment on review r" + seqOf("review", reminder.subjectId());
            case INFORMATION -> "Information requested (i" + seqOf("information_request", reminder.subjectId()) + ")";
            case FORWARD -> throw new IllegalStateException();
        };
        String due = reminder.due().format(WRITTEN);
        if (reminder.overdue()) {
            return "[" + reference + "] Overdue: " + what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1)
                    + " was due on " + due;
        }
        return "[" + reference + "] Reminder: " + what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1)
                + " due " + ("due".equals(reminder.step()) ? "today, " : "on ") + due;
    }

    private static String clockName(Claimed reminder) {
        return switch (reminder.clock()) {
            case REVIEW -> "review";
            case COMMENT -> "comment";
            case INFORMATION -> "information";
            case FORWARD -> "forward";
        };
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(GatewayClock.ZONE));
    }

    /** A reminder that the schedule will send: the notification, the clock, the step and the working day it goes out. */
    public record Coming(String reference, ClockKind clock, String step, LocalDate due, LocalDate sendOn) {
    }

    /**
     * The reminders the schedule will send from today to {@code until} (both included), by day: for every clock
     * that runs now, each of its steps on those days that has not been sent or tried yet. Reads only.
     */
    public List<Coming> coming(LocalDate until) {
        LocalDate today = LocalDate.now(clock.withZone(GatewayClock.ZONE));
        List<Coming> coming = new ArrayList<>();
        for (OpenClock open : openClocks()) {
            ReminderSchedule schedule = new ReminderSchedule(properties.of(open.clock()), properties.sendAt(), calendar);
            List<ReminderSchedule.Step> steps = new ArrayList<>(schedule.beforeAndOnDue(open.due()));
            for (int k = 1; ; k++) {
                ReminderSchedule.Step step = schedule.overdue(open.due(), k);
                if (step.date().isAfter(until)) {
                    break;
                }
                steps.add(step);
            }
            for (ReminderSchedule.Step step : steps) {
                if (step.date().isBefore(today) || step.date().isAfter(until) || step.at().isBefore(open.startedAt())
                        || sentOrTried(open, step)) {
                    continue;
                }
                coming.add(new Coming(open.reference(), open.clock(), step.label(), open.due(), step.date()));
            }
        }
        coming.sort(java.util.Comparator.comparing(Coming::sendOn).thenComparing(Coming::reference));
        return coming;
    }

    private boolean sentOrTried(OpenClock open, ReminderSchedule.Step step) {
        return jdbc.sql("SELECT COUNT(*) FROM reminder WHERE notification_id = ? AND clock = ? AND subject_id = ? "
                        + "AND step = ? AND step_count = ?")
                .params(open.notificationId(), open.clock().name(), open.subjectId(), step.name(), step.count())
                .query(Long.class).single() > 0;
    }

    /** A reminder that reached nobody: a delivery report said it did not arrive, or nobody could be mailed. */
    public record Missed(String reference, ClockKind clock, String step, LocalDate due, OffsetDateTime scheduledAt,
            boolean bounced) {
    }

    /** The newest reminders that bounced or could not be sent to anyone, newest first. */
    public List<Missed> missed(int limit) {
        return jdbc.sql("SELECT n.reference, r.clock, r.step, r.step_count, r.due_on, r.scheduled_at, r.state, r.delivered "
                        + "FROM reminder r JOIN notification n ON n.id = r.notification_id "
                        + "WHERE r.delivered = FALSE OR r.state = 'NOT_SENT' ORDER BY r.scheduled_at DESC, r.id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> {
                    int count = rs.getInt("step_count");
                    return new Missed(rs.getString("reference"), ClockKind.valueOf(rs.getString("clock")),
                            count == 0 ? rs.getString("step") : rs.getString("step") + "-" + count,
                            rs.getObject("due_on", LocalDate.class), rs.getObject("scheduled_at", OffsetDateTime.class),
                            Boolean.FALSE.equals(rs.getObject("delivered", Boolean.class)));
                }).list();
    }
}
