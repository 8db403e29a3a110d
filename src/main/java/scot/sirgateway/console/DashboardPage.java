package scot.sirgateway.console;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.deadline.Deadlines;
import scot.sirgateway.deadline.ForwardAlerts;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.followup.FollowUpRecords;
import scot.sirgateway.model.ClockKind;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.register.Notifications;

/**
 * {@code GET /} (operators, inspectors, admins; both factors): the dashboard. What arrived today and this week
 * (counts by status and by source, each linking to the list filtered so); what waits in triage and in quarantine,
 * oldest first, with the time left on each one's forward clock (2 working days from receipt); forwards due by the
 * end of the next working day and not yet sent; reviews, comments and requests for information due within a week
 * or overdue ({@link Deadlines}, as {@code GET /api/deadlines}); reminders that bounced; the open alerts (as
 * {@code GET /api/alerts}). The same for every role: it links only to pages, never to actions.
 */
@Controller
class DashboardPage {

    /** The most rows a block shows; the triage and quarantine headings still count them all. */
    static final int SHOWN = 200;

    private final Notifications notifications;
    private final QuarantineEntries quarantine;
    private final Deadlines deadlines;
    private final FollowUpRecords followUp;
    private final ForwardAlerts forwardAlerts;
    private final OperatorAlerts operatorAlerts;
    private final WorkingCalendar calendar;
    private final Clock clock;

    DashboardPage(Notifications notifications, QuarantineEntries quarantine, Deadlines deadlines,
            FollowUpRecords followUp, ForwardAlerts forwardAlerts, OperatorAlerts operatorAlerts,
            WorkingCalendar calendar, Clock clock) {
        this.notifications = notifications;
        this.quarantine = quarantine;
        this.deadlines = deadlines;
        this.followUp = followUp;
        this.forwardAlerts = forwardAlerts;
        this.operatorAlerts = operatorAlerts;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** One row of the arrivals table: what, today's count and this week's, each with the list's address for them. */
    record Arrived(String label, long today, String todayLink, long week, String weekLink) {
    }

    /** Something on a forward clock: a notification (reference) or a quarantine entry (id). */
    record Waiting(String reference, long quarantineId, String link, String council, String received, String detail,
            String due, String timeLeft, boolean overdue) {
    }

    /** A clock due: what it is, for which notification, when. */
    record Due(String reference, String link, String council, String what, String due, boolean overdue, boolean paused) {
    }

    /** A reminder that bounced. */
    record Bounced(String reference, String link, String council, String reminder, String at) {
    }

    /** An open alert. */
    record Alert(String kind, String subject, String link, String when, int count) {
    }

    @GetMapping("/")
    String dashboard(Model model) {
        Instant now = clock.instant();
        ZonedDateTime here = now.atZone(GatewayClock.ZONE);
        LocalDate today = here.toLocalDate();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

        model.addAttribute("today", DashboardText.day(today));
        model.addAttribute("weekStart", DashboardText.day(monday));
        List<Notifications.Arrivals> todays = notifications.arrivedSince(today.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime());
        List<Notifications.Arrivals> weeks = notifications.arrivedSince(monday.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime());
        model.addAttribute("arrivedToday", todays.stream().mapToLong(Notifications.Arrivals::count).sum());
        model.addAttribute("arrivedWeek", weeks.stream().mapToLong(Notifications.Arrivals::count).sum());
        String todayRange = "from=" + today + "&to=" + today;
        String weekRange = "from=" + monday + "&to=" + today;
        List<Arrived> byStatus = new ArrayList<>();
        for (NotificationStatus status : NotificationStatus.values()) {
            byStatus.add(new Arrived(DashboardText.status(status),
                    count(todays, a -> a.status() == status), "/notifications?status=" + status + "&" + todayRange,
                    count(weeks, a -> a.status() == status), "/notifications?status=" + status + "&" + weekRange));
        }
        model.addAttribute("byStatus", byStatus);
        List<Arrived> bySource = new ArrayList<>();
        for (String source : List.of("MAIL", "FORM")) {
            bySource.add(new Arrived("MAIL".equals(source) ? "By mail" : "By web form or API",
                    count(todays, a -> source.equals(a.source())), "/notifications?source=" + source + "&" + todayRange,
                    count(weeks, a -> source.equals(a.source())), "/notifications?source=" + source + "&" + weekRange));
        }
        model.addAttribute("bySource", bySource);

        List<Waiting> triage = notifications.waiting(NotificationStatus.TRIAGE, SHOWN).stream()
                .map(n -> waiting(n.reference(), 0, "/notifications/" + n.reference(), n.council(), n.receivedAt(),
                        DashboardText.type(n.incidentType(), n.incidentTypeOther()), n.forwardDue(), now))
                .toList();
        model.addAttribute("triage", triage);
        model.addAttribute("triageTotal", notifications.page(new Notifications.Search(
                new Notifications.Filter(null, null, null, NotificationStatus.TRIAGE), null, null, null), 0, 1).total());

        List<QuarantineEntries.Entry> open = quarantine.open();
        model.addAttribute("quarantineTotal", open.size());
        List<Waiting> quarantined = open.stream()
                .sorted(Comparator.comparing(QuarantineEntries.Entry::receivedAt).thenComparing(QuarantineEntries.Entry::id))
                .limit(SHOWN)
                .map(q -> waiting(null, q.id(), "/quarantine/" + q.id(), q.sender(), q.receivedAt(),
                        q.reasonCode().name() + " at " + q.stage(),
                        calendar.forwardDue(q.receivedAt().toInstant()).atZone(GatewayClock.ZONE).toOffsetDateTime(), now))
                .toList();
        model.addAttribute("quarantine", quarantined);

        // one period for every clock: back as far as the deadlines allow (overdue ones), on to a week ahead
        LocalDate nextWorkingDay = calendar.addWorkingDays(today, 1);
        LocalDate weekAhead = today.plusDays(7);
        LocalDate until = nextWorkingDay.isAfter(weekAhead) ? nextWorkingDay : weekAhead;
        List<Deadlines.Deadline> clocks = deadlines.between(until.minusDays(Deadlines.MAX_DAYS - 1), until);
        OffsetDateTime forwardsBy = nextWorkingDay.plusDays(1).atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        model.addAttribute("nextWorkingDay", DashboardText.day(nextWorkingDay));
        model.addAttribute("forwards", clocks.stream()
                .filter(d -> d.clock() == ClockKind.FORWARD && d.forwardDue().isBefore(forwardsBy))
                .limit(SHOWN)
                .map(d -> waiting(d.reference(), 0, "/notifications/" + d.reference(), d.council(), null,
                        null, d.forwardDue(), now))
                .toList());
        model.addAttribute("weekAhead", DashboardText.day(weekAhead));
        model.addAttribute("due", clocks.stream()
                .filter(d -> d.clock() != ClockKind.FORWARD && !d.due().isAfter(weekAhead))
                .limit(SHOWN)
                .map(d -> new Due(d.reference(), "/notifications/" + d.reference(), d.council(), what(d),
                        DashboardText.day(d.due()), d.overdue(), d.paused()))
                .toList());

        model.addAttribute("bounced", followUp.undeliveredReminders(SHOWN).stream()
                .map(r -> new Bounced(r.reference(), "/notifications/" + r.reference(), r.council(), r.step(),
                        DashboardText.moment(r.at())))
                .toList());

        List<Alert> alerts = new ArrayList<>();
        forwardAlerts.open().forEach(a -> alerts.add(new Alert(
                "QUARANTINE".equals(a.kind()) ? "Quarantined message, forward due" : "Forward due",
                a.subject(), link(a.kind(), a.subject()), "Due " + DashboardText.moment(a.forwardDue()), 1)));
        operatorAlerts.recent().forEach(a -> alerts.add(new Alert(alertKind(a.kind()), a.subject(), null,
                "Raised " + DashboardText.moment(a.raisedAt()), a.occurrences())));
        model.addAttribute("alerts", alerts);
        return "console/dashboard";
    }

    private static long count(List<Notifications.Arrivals> arrivals,
            java.util.function.Predicate<Notifications.Arrivals> which) {
        return arrivals.stream().filter(which).mapToLong(Notifications.Arrivals::count).sum();
    }

    private static Waiting waiting(String reference, long quarantineId, String link, String council,
            OffsetDateTime received, String detail, OffsetDateTime due, Instant now) {
        return new Waiting(reference, quarantineId, link, council, received == null ? null : DashboardText.moment(received),
                detail, due == null ? "Not known" : DashboardText.moment(due),
                due == null ? "" : DashboardText.timeLeft(now, due.toInstant()), due != null && due.toInstant().isBefore(now));
    }

    private static String what(Deadlines.Deadline d) {
        return switch (d.clock()) {
            case REVIEW -> "Review from the council";
            case COMMENT -> "Inspectorate comment on review r" + d.reviewId();
            case INFORMATION -> "Additional information (request i" + d.requestId() + ")";
            default -> d.clock().name();
        };
    }

    /** A forward alert's page: the notification it names, or the quarantine entry ("quarantine 12"). */
    private static String link(String kind, String subject) {
        if ("QUARANTINE".equals(kind)) {
            return "/quarantine/" + subject.substring(subject.lastIndexOf(' ') + 1);
        }
        return "/notifications/" + subject;
    }

    private static String alertKind(String kind) {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("REPLAY", "Replayed notification");
        words.put("REMINDER_UNDELIVERED", "Reminder undelivered");
        words.put("ADDRESS_MISSING", "Address missing");
        words.put("ACKNOWLEDGEMENTS_HELD", "Acknowledgements held back");
        return words.getOrDefault(kind, kind.charAt(0) + kind.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
}
