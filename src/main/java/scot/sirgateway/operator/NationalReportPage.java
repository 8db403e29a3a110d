package scot.sirgateway.operator;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import scot.sirgateway.report.MonthlyTrend;
import scot.sirgateway.report.NationalReport;

/**
 * {@code GET /reports/national} (operators, inspectors, admins; both factors): a form for the period, two GOV.UK
 * date inputs sent by GET ({@code from-day}, {@code from-month}, {@code from-year}, the same for {@code to}; or
 * {@code from} and {@code to} as yyyy-mm-dd), checked here with the error summary; then the report's figures,
 * Table 2 (by council) and Table 3 (by type), each with a bar chart drawn as SVG on the server, the monthly
 * trend, and a link to the same report as CSV. The tables are the accessible source; each chart is one image
 * with a summary for assistive technology.
 */
@Controller
class NationalReportPage {

    /** The chart's drawing width for the longest bar, in SVG user units. */
    static final int BAR_SPACE = 400;

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private final NationalReport reports;
    private final MonthlyTrend trend;

    NationalReportPage(NationalReport reports, MonthlyTrend trend) {
        this.reports = reports;
        this.trend = trend;
    }

    /** One bar of a chart: its label, value, the text beside it, its length (a width or a height) and its position. */
    record Bar(String label, long value, String text, int length, int y, int x) {
    }

    /** One date input as typed, shown again as typed. */
    record DateField(String day, String month, String year) {
    }

    @GetMapping("/reports/national")
    String page(@RequestParam Map<String, String> query, Model model) {
        DateField fromField = field(query, "from");
        DateField toField = field(query, "to");
        model.addAttribute("fromDate", fromField);
        model.addAttribute("toDate", toField);
        Map<String, String> errors = new LinkedHashMap<>();
        model.addAttribute("errors", errors);
        // the dates whose error is about the whole date: all three inputs are marked, otherwise only the one named
        Set<String> wholeDateErrors = new HashSet<>();
        model.addAttribute("wholeDateErrors", wholeDateErrors);
        model.addAttribute("report", null);
        boolean asked = query.keySet().stream().anyMatch(k -> k.startsWith("from") || k.startsWith("to"));
        if (!asked) {
            return "reports/national";
        }
        LocalDate from = date(fromField, "from", "start", errors, wholeDateErrors);
        LocalDate to = date(toField, "to", "end", errors, wholeDateErrors);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                errors.put("to-day", "The end date must be the same as or after the start date");
                wholeDateErrors.add("to");
            } else if (from.plusYears(NationalReport.MAX_YEARS).isBefore(to)) {
                errors.put("to-day", "The period must be " + NationalReport.MAX_YEARS + " years or shorter");
                wholeDateErrors.add("to");
            }
        }
        if (!errors.isEmpty()) {
            return "reports/national";
        }
        NationalReport.Report report = reports.compute(from, to);
        model.addAttribute("report", report);
        model.addAttribute("period", LONG.format(from) + " to " + LONG.format(to));
        model.addAttribute("total", report.figure("notifications_total").value());
        model.addAttribute("csvLink", "/api/reports/national?from=" + from + "&to=" + to + "&format=csv");
        model.addAttribute("csvName", "national-report-" + from + "-to-" + to + ".csv");
        model.addAttribute("figures", report.figures().stream().map(f -> Map.of("key", f.key(),
                "label", label(f.key()), "value", show(f))).toList());
        model.addAttribute("councilBars", horizontal(report.byCouncil().stream()
                .map(c -> new Bar(c.council(), c.count(), String.valueOf(c.count()), 0, 0, 0)).toList()));
        model.addAttribute("typeBars", horizontal(report.byType().stream().map(t -> new Bar(typeName(t.incidentType()),
                t.count(), t.count() + " (" + t.percent() + "%)", 0, 0, 0)).toList()));
        model.addAttribute("types", report.byType().stream().map(t -> Map.of("code", t.incidentType(),
                "label", typeName(t.incidentType()), "count", t.count(), "percent", t.percent())).toList());
        List<MonthlyTrend.MonthCount> months = trend.compute(from, to);
        model.addAttribute("months", months.stream().map(m -> Map.of("label", MONTH.format(m.month()),
                "count", m.count())).toList());
        model.addAttribute("monthBars", vertical(months));
        model.addAttribute("councilSummary", summary("Bar chart of notifications by council", report.byCouncil().stream()
                .filter(c -> c.count() > 0).map(c -> c.council() + " " + c.count()).toList(), "no council notified"));
        model.addAttribute("typeSummary", summary("Bar chart of notifications by incident type", report.byType().stream()
                .filter(t -> t.count() > 0).map(t -> typeName(t.incidentType()) + " " + t.count() + " (" + t.percent() + "%)")
                .toList(), "no notifications"));
        model.addAttribute("monthSummary", summary("Bar chart of notifications received by month",
                months.stream().map(m -> MONTH.format(m.month()) + " " + m.count()).toList(), "no months"));
        return "reports/national";
    }

    private static DateField field(Map<String, String> query, String name) {
        String whole = query.get(name);
        if (whole != null && !whole.isBlank() && !query.containsKey(name + "-day")) {
            try {
                LocalDate date = LocalDate.parse(whole.trim());
                return new DateField(String.valueOf(date.getDayOfMonth()), String.valueOf(date.getMonthValue()),
                        String.valueOf(date.getYear()));
            } catch (DateTimeParseException e) {
                return new DateField(whole.trim(), "", "");
            }
        }
        return new DateField(trim(query.get(name + "-day")), trim(query.get(name + "-month")), trim(query.get(name + "-year")));
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    private static LocalDate date(DateField field, String id, String which, Map<String, String> errors,
            Set<String> wholeDateErrors) {
        if (field.day().isEmpty() && field.month().isEmpty() && field.year().isEmpty()) {
            errors.put(id + "-day", "Enter the " + which + " date of the period");
            wholeDateErrors.add(id);
            return null;
        }
        String missing = field.day().isEmpty() ? "day" : field.month().isEmpty() ? "month" : field.year().isEmpty() ? "year" : null;
        if (missing != null) {
            errors.put(id + "-" + missing, "The " + which + " date must include a " + missing);
            return null;
        }
        try {
            int year = Integer.parseInt(field.year());
            if (field.year().length() != 4) {
                errors.put(id + "-year", "The " + which + " date's year must be 4 numbers, like 2026");
                return null;
            }
            return LocalDate.of(year, Integer.parseInt(field.month()), Integer.parseInt(field.day()));
        } catch (NumberFormatException | DateTimeException e) {
            errors.put(id + "-day", "The " + which + " date must be a real date, like 27 3 2026");
            wholeDateErrors.add(id);
            return null;
        }
    }

    /** Horizontal bars: a label column of 280 units, bars from x 290, 24 units a row. */
    private static List<Bar> horizontal(List<Bar> unplaced) {
        long max = unplaced.stream().mapToLong(Bar::value).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < unplaced.size(); i++) {
            Bar bar = unplaced.get(i);
            int width = max == 0 ? 0 : (int) Math.round(bar.value() * (double) BAR_SPACE / max);
            bars.add(new Bar(bar.label(), bar.value(), bar.text(), width, i * 24, 290));
        }
        return bars;
    }

    /** Vertical bars for the months: 200 units high at most, 40 units a month. */
    private static List<Bar> vertical(List<MonthlyTrend.MonthCount> months) {
        long max = months.stream().mapToLong(MonthlyTrend.MonthCount::count).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            long value = months.get(i).count();
            int height = max == 0 ? 0 : (int) Math.round(value * 200.0 / max);
            YearMonth month = months.get(i).month();
            // two lines under the bar: the month's first three letters, then the year
            String label = month.getMonth().getDisplayName(TextStyle.FULL, Locale.UK).substring(0, 3) + " " + month.getYear();
            bars.add(new Bar(label, value, String.valueOf(value), height, 220 - height, 10 + i * 40));
        }
        return bars;
    }

    private static String summary(String what, List<String> parts, String none) {
        return what + ": " + (parts.isEmpty() ? none : String.join(", ", parts)) + ". The table gives every figure.";
    }

    static String typeName(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String label(String key) {
        return switch (key) {
            case "notifications_total" -> "Notifications received";
            case "councils_notifying" -> "Councils notifying";
            case "notified_within_5_working_days_percent" -> "Notified within 5 working days";
            case "working_days_late_min" -> "Working days late (late ones): fewest";
            case "working_days_late_max" -> "Working days late (late ones): most";
            case "working_days_late_median" -> "Working days late (late ones): median";
            case "working_days_late_mean" -> "Working days late (late ones): mean";
            case "forwarded_within_2_working_days_percent" -> "Forwarded to Scottish Government within 2 working days";
            case "reviews_total" -> "Reviews received";
            case "reviews_iar" -> "Initial assessment reviews";
            case "reviews_comprehensive" -> "Comprehensive reviews";
            case "reviews_within_3_months_percent" -> "Reviews within 3 months";
            case "comments_within_1_month_percent" -> "Comments within 1 month";
            case "iar_additional_information_requested" -> "Initial reviews with additional information requested";
            case "notifications_signed_off_as_required_percent" -> "Notifications signed off as required";
            case "reviews_signed_off_by_head_of_service_or_cswo_percent" -> "Reviews signed off by head of service or CSWO";
            case "reviews_risk_assessment_evident_percent" -> "Reviews with a risk assessment evident";
            case "reviews_rmp_referred_percent" -> "Reviews referring to the risk management plan";
            case "reviews_order_reviews_referred_percent" -> "Reviews referring to order reviews";
            case "iar_sufficient" -> "Initial assessment reviews found sufficient";
            default -> typeName(key);
        };
    }

    /** The figure as shown: a percent with its parts, a count, a count of a whole, or "none" when there is nothing to count. */
    private static String show(NationalReport.Figure f) {
        if (f.value() == null) {
            return "None in the period";
        }
        if (f.key().endsWith("_percent")) {
            return f.value() + "% (" + f.numerator() + " of " + f.denominator() + ")";
        }
        if (f.numerator() != null && f.denominator() != null && !f.key().startsWith("working_days_late")) {
            return f.value() + " of " + f.denominator();
        }
        return String.valueOf(f.value());
    }
}
