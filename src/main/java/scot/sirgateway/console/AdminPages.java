package scot.sirgateway.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import scot.sirgateway.calendar.CalendarProperties;
import scot.sirgateway.calendar.ScottishBankHolidays;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.deadline.ReminderProperties;
import scot.sirgateway.deadline.Reminders;
import scot.sirgateway.model.ClockKind;
import scot.sirgateway.operator.OperatorAccounts;

/**
 * The admin pages' index ({@code GET /admin}: each page with what needs attention there), the working calendar's
 * holidays ({@code GET /admin/holidays}) and the reminder schedule ({@code GET /admin/reminders}). Both are read
 * only: the holidays and the schedule are configuration ({@code gateway.calendar.*}, {@code gateway.reminders.*}),
 * which the pages show with where to change it. Admins only (the security configuration).
 */
@Controller
class AdminPages {

    /** One admin page on the index: where, what is there, and what needs attention (empty when nothing). */
    record Section(String title, String href, String description, List<String> attention) {
    }

    /** A holiday of the working calendar. */
    record Holiday(String day, String kind) {
    }

    /** A clock's reminder schedule in words. */
    record ScheduleWords(String clock, String dueDate, String before, String onDue, String overdue, String to) {
    }

    /** A reminder on the page. */
    record ReminderRow(String reference, String clock, String step, String due, String sendOn, String outcome) {
    }

    static final int WORKING_DAYS_AHEAD = 10;

    private final CouncilRegistry councils;
    private final OperatorAccounts accounts;
    private final WorkingCalendar calendar;
    private final CalendarProperties calendarProperties;
    private final ReminderProperties reminderProperties;
    private final Reminders reminders;
    private final java.time.Clock clock;

    AdminPages(CouncilRegistry councils, OperatorAccounts accounts, WorkingCalendar calendar,
            CalendarProperties calendarProperties, ReminderProperties reminderProperties, Reminders reminders,
            java.time.Clock clock) {
        this.councils = councils;
        this.accounts = accounts;
        this.calendar = calendar;
        this.calendarProperties = calendarProperties;
        this.reminderProperties = reminderProperties;
        this.reminders = reminders;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String index(Model model) {
        List<String> councilAttention = new ArrayList<>();
        long placeholderCswo = councils.all().stream().filter(c -> AdminCouncilPages.cswoState(c) != null).count();
        if (placeholderCswo > 0) {
            councilAttention.add(count(placeholderCswo, "council has", "councils have")
                    + " a placeholder or missing CSWO address");
        }
        long unconfirmed = councils.all().stream().filter(c -> !c.domainsConfirmed()).count();
        if (unconfirmed > 0) {
            councilAttention.add(count(unconfirmed, "council has", "councils have") + " mail domains not yet confirmed");
        }
        long certificates = councils.all().stream().flatMap(c -> c.certificates().stream())
                .filter(c -> AdminCouncilPages.expiryState(c, clock) != null).count();
        if (certificates > 0) {
            councilAttention.add(count(certificates, "certificate expires", "certificates expire")
                    + " within 30 days or has expired");
        }
        List<String> accountAttention = new ArrayList<>();
        long locked = accounts.list().stream().filter(OperatorAccounts.Account::locked).count();
        if (locked > 0) {
            accountAttention.add(count(locked, "account", "accounts") + " locked");
        }
        List<String> reminderAttention = new ArrayList<>();
        long missed = reminders.missed(100).size();
        if (missed > 0) {
            reminderAttention.add(count(missed, "reminder", "reminders") + (missed == 100 ? " or more" : "")
                    + " reached nobody");
        }
        model.addAttribute("sections", List.of(
                new Section("Council registry", "/admin/councils", "The councils, their mail domains, certificates, "
                        + "CSWO and contacts, their people's accounts and API tokens.", councilAttention),
                new Section("Accounts", "/admin/accounts", "The inspectorate's and councils' accounts: make a "
                        + "person's account, unlock one, issue new recovery codes.", accountAttention),
                new Section("Holidays", "/admin/holidays", "The working calendar's holidays this year and next, "
                        + "which every clock counts working days on.", List.of()),
                new Section("Reminder schedule", "/admin/reminders", "When reminders go out and to whom, the "
                        + "reminders due in the next " + WORKING_DAYS_AHEAD + " working days and those that reached "
                        + "nobody.", reminderAttention)));
        return "console/admin/index";
    }

    @GetMapping("/admin/holidays")
    String holidays(Model model) {
        int year = LocalDate.now(clock.withZone(calendarProperties.zone())).getYear();
        Set<LocalDate> extra = Set.copyOf(calendarProperties.extraHolidays());
        List<Object[]> years = new ArrayList<>();
        for (int y : List.of(year, year + 1)) {
            List<Holiday> days = calendar.holidays(y).stream().map(day -> new Holiday(AdminWords.weekday(day),
                    extra.contains(day) && !ScottishBankHolidays.forYear(y).contains(day) ? "Extra holiday"
                            : bankHolidayName(day))).toList();
            years.add(new Object[] {y, days});
        }
        model.addAttribute("years", years.stream().map(y -> java.util.Map.of("year", y[0], "days", y[1])).toList());
        model.addAttribute("cancelled", calendarProperties.cancelledHolidays().stream().filter(d -> d.getYear() >= year)
                .sorted().map(AdminWords::weekday).toList());
        model.addAttribute("workday", calendarProperties.workdayStart() + " to " + calendarProperties.workdayEnd());
        return "console/admin/holidays";
    }

    @GetMapping("/admin/reminders")
    String reminders(Model model) {
        LocalDate today = LocalDate.now(clock.withZone(calendarProperties.zone()));
        LocalDate until = calendar.addWorkingDays(today, WORKING_DAYS_AHEAD);
        model.addAttribute("enabled", reminderProperties.enabled());
        model.addAttribute("sendAt", reminderProperties.sendAt().toString());
        model.addAttribute("schedules", List.of(
                words("Review", "three calendar months after the notification was received",
                        reminderProperties.review(), cswoWords(reminderProperties.review())),
                words("Comment on a review", "one calendar month after the review was received",
                        reminderProperties.comment(), reminderProperties.comment().copyAlertsWhenOverdue()
                                ? "The assigned inspector; overdue reminders also to the alert recipients "
                                        + "(gateway.alerts.recipients). With no inspector assigned, the alert recipients."
                                : "The assigned inspector. With no inspector assigned, the alert recipients."),
                words("Further information", "the date set in the request",
                        reminderProperties.information(), cswoWords(reminderProperties.information()))));
        model.addAttribute("until", AdminWords.weekday(until));
        model.addAttribute("coming", reminders.coming(until).stream().map(c -> new ReminderRow(c.reference(),
                clockName(c.clock()), stepWords(c.step()), AdminWords.day(c.due()), AdminWords.weekday(c.sendOn()),
                null)).toList());
        model.addAttribute("missed", reminders.missed(50).stream().map(m -> new ReminderRow(m.reference(),
                clockName(m.clock()), stepWords(m.step()), AdminWords.day(m.due()), AdminWords.when(m.scheduledAt()),
                m.bounced() ? "Bounced: a delivery report says it did not arrive" : "Not sent: nobody could be mailed"))
                .toList());
        return "console/admin/reminders";
    }

    private static ScheduleWords words(String clock, String due, ReminderProperties.Schedule schedule, String to) {
        String before = schedule.daysBefore().isEmpty() ? "None"
                : schedule.daysBefore().stream().sorted(java.util.Comparator.reverseOrder()).map(n -> n + (n == 1 ? " day" : " days"))
                        .collect(java.util.stream.Collectors.joining(" and ")) + " before the due date";
        return new ScheduleWords(clock, due, before, schedule.onDue() ? "Yes" : "No",
                "Every " + schedule.overdueEveryDays() + (schedule.overdueEveryDays() == 1 ? " day" : " days")
                        + " while it is overdue", to);
    }

    private static String cswoWords(ReminderProperties.Schedule schedule) {
        int from = schedule.copyCswoFromOverdue();
        return "The person who notified" + (from == 0 ? "; the CSWO is never copied."
                : "; the council's CSWO copied from the " + ordinal(from) + " overdue reminder on.");
    }

    static String clockName(ClockKind clock) {
        return switch (clock) {
            case REVIEW -> "Review";
            case COMMENT -> "Comment on a review";
            case INFORMATION -> "Further information";
            case FORWARD -> "Forward";
        };
    }

    /** {@code 28d} "28 days before", {@code due} "On the due date", {@code overdue-2} "2nd overdue". */
    static String stepWords(String step) {
        if (step.equals("due")) {
            return "On the due date";
        }
        if (step.startsWith("overdue")) {
            return step.equals("overdue") ? "Overdue" : ordinal(Integer.parseInt(step.substring(8))) + " overdue";
        }
        return step.substring(0, step.length() - 1) + " days before";
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The name of a rule-based Scottish bank holiday, "(substitute day)" added when a fixed date fell on a weekend. */
    static String bankHolidayName(LocalDate day) {
        int year = day.getYear();
        if (day.equals(ScottishBankHolidays.goodFriday(year))) {
            return "Good Friday";
        }
        List<LocalDate> all = List.copyOf(ScottishBankHolidays.forYear(year));
        List<LocalDate> sameMonth = all.stream().filter(d -> d.getMonth() == day.getMonth()).toList();
        int index = sameMonth.indexOf(day);
        String name = switch (day.getMonth()) {
            case JANUARY -> index == 0 ? "New Year's Day" : "2 January";
            case MAY -> index == 0 ? "Early May bank holiday" : "Spring bank holiday";
            case AUGUST -> "Summer bank holiday";
            case NOVEMBER -> "St Andrew's Day";
            case DECEMBER -> day.getDayOfMonth() <= 3 ? "St Andrew's Day"
                    : sameMonth.stream().filter(d -> d.getDayOfMonth() > 3).toList().indexOf(day) == 0 ? "Christmas Day"
                            : "Boxing Day";
            default -> "Scottish bank holiday";
        };
        boolean fixed = switch (name) {
            case "New Year's Day" -> day.getDayOfMonth() != 1;
            case "2 January" -> day.getDayOfMonth() != 2;
            case "St Andrew's Day" -> !(day.getMonth() == java.time.Month.NOVEMBER && day.getDayOfMonth() == 30);
            case "Christmas Day" -> day.getDayOfMonth() != 25;
            case "Boxing Day" -> day.getDayOfMonth() != 26;
            default -> false;
        };
        return name + (fixed ? " (substitute day)" : "");
    }
}
