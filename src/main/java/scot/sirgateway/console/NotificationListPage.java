package scot.sirgateway.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.ReviewStatus;
import scot.sirgateway.register.Notifications;

/**
 * {@code GET /notifications} (operators, inspectors, admins; both factors): every notification, newest first, paged
 * ({@code page} from 1, {@code size} 10 to 100, 50 unless given), filtered by a form sent by GET so that the address
 * can be bookmarked: council (the registry's), incident type, status, review status, how it came, received from and
 * to (yyyy-mm-dd, both included) and a reference, exact or a part of one. The filter is the API's
 * ({@link Notifications.Filter}); a value the API would refuse (a council it does not know, a date that is not one)
 * is an error on the page, with the error summary, and no list.
 */
@Controller
class NotificationListPage {

    static final int DEFAULT_SIZE = 50;
    static final int MIN_SIZE = 10;
    static final int MAX_SIZE = 100;

    private final Notifications notifications;
    private final CouncilRegistry councils;

    NotificationListPage(Notifications notifications, CouncilRegistry councils) {
        this.notifications = notifications;
        this.councils = councils;
    }

    /** An option of a select: its value, its words, whether it is the one chosen. */
    record Option(String value, String label, boolean selected) {
    }

    /** One row of the list, in words. */
    record Row(String reference, String received, String council, String type, String category, String status,
            String statusTag, String reviewStatus, String acknowledged, String forwarded) {
    }

    /** One item of the pagination: a page number with its address, or an ellipsis (no number). */
    record PageItem(Integer number, String href, boolean current) {

        /** Its GOV.UK class beside {@code govuk-pagination__item} (a template cannot hold two underscores). */
        public String css() {
            return number == null ? "govuk-pagination__item--ellipses" : current ? "govuk-pagination__item--current" : "";
        }
    }

    @GetMapping("/notifications")
    String list(@RequestParam Map<String, String> query, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("council", "type", "status", "review_status", "source", "from", "to", "reference")) {
            String value = query.get(name);
            values.put(name, value == null ? "" : value.trim());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);

        String council = null;
        if (!values.get("council").isEmpty()) {
            council = councils.byName(values.get("council")).map(c -> c.name()).orElse(null);
            if (council == null) {
                errors.put("council", "Choose a council from the list");
            } else {
                values.put("council", council);
            }
        }
        IncidentType type = code("type", IncidentType.class, values, errors, "Choose an incident type from the list");
        NotificationStatus status = code("status", NotificationStatus.class, values, errors, "Choose a status from the list");
        ReviewStatus reviewStatus = code("review_status", ReviewStatus.class, values, errors,
                "Choose a review status from the list");
        String source = values.get("source").isEmpty() ? null : values.get("source").toUpperCase(Locale.ROOT);
        if (source != null && !List.of("MAIL", "FORM").contains(source)) {
            errors.put("source", "Choose how it came from the list");
            source = null;
        }
        LocalDate from = date("from", "The received from date", values, errors);
        LocalDate to = date("to", "The received to date", values, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "The received to date must be the same as or after the received from date");
        }
        if (values.get("reference").length() > 40) {
            errors.put("reference", "The reference must be 40 characters or fewer, like SIR-2026-0042");
        }

        model.addAttribute("councils", options(councils.all().stream().map(c -> c.name()).toList(), values.get("council"),
                name -> name));
        model.addAttribute("types", options(Arrays.stream(IncidentType.values()).map(Enum::name).toList(), values.get("type"),
                code -> DashboardText.type(IncidentType.valueOf(code))));
        model.addAttribute("statuses", options(Arrays.stream(NotificationStatus.values()).map(Enum::name).toList(),
                values.get("status"), code -> DashboardText.status(NotificationStatus.valueOf(code))));
        model.addAttribute("reviewStatuses", options(Arrays.stream(ReviewStatus.values()).map(Enum::name).toList(),
                values.get("review_status"), code -> DashboardText.reviewStatus(ReviewStatus.valueOf(code))));
        model.addAttribute("sources", options(List.of("MAIL", "FORM"), values.get("source"), DashboardText::source));
        int size = size(query.get("size"));
        model.addAttribute("size", size);
        model.addAttribute("rows", List.of());
        if (!errors.isEmpty()) {
            return "console/notifications";
        }

        Notifications.Search search = new Notifications.Search(
                new Notifications.Filter(from, to, council, status, reviewStatus), type, source,
                values.get("reference").isEmpty() ? null : values.get("reference"));
        int page = number(query.get("page"));
        Notifications.Page found = notifications.page(search, (page - 1) * size, size);
        int pages = (int) Math.max(1, (found.total() + size - 1) / size);
        if (page > pages) {
            page = pages;
            found = notifications.page(search, (page - 1) * size, size);
        }
        model.addAttribute("rows", found.rows().stream().map(NotificationListPage::row).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("first", found.rows().isEmpty() ? 0 : (long) (page - 1) * size + 1);
        model.addAttribute("last", (long) (page - 1) * size + found.rows().size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", page > 1 ? href(values, size, page - 1) : null);
        model.addAttribute("next", page < pages ? href(values, size, page + 1) : null);
        model.addAttribute("pageItems", pageItems(values, size, page, pages));
        model.addAttribute("filtered", values.values().stream().anyMatch(v -> !v.isEmpty()));
        return "console/notifications";
    }

    private static Row row(Notifications.Listed n) {
        return new Row(n.reference(), DashboardText.moment(n.receivedAt()), n.council() == null ? "Not known" : n.council(),
                DashboardText.type(n.incidentType(), n.incidentTypeOther()),
                n.incidentCategory() == null ? "Not known" : String.valueOf(n.incidentCategory()),
                DashboardText.status(n.status()), DashboardText.statusTag(n.status()),
                DashboardText.reviewStatus(n.reviewStatus()), DashboardText.moment(n.acknowledgedAt()),
                DashboardText.moment(n.forwardedAt()));
    }

    private static <E extends Enum<E>> E code(String name, Class<E> kind, Map<String, String> values,
            Map<String, String> errors, String message) {
        String text = values.get(name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            E code = Enum.valueOf(kind, text.toUpperCase(Locale.ROOT));
            values.put(name, code.name());
            return code;
        } catch (IllegalArgumentException e) {
            errors.put(name, message);
            return null;
        }
    }

    /** A date as yyyy-mm-dd (the API's form), or as 27/11/2026 (the council forms'); an error otherwise. */
    private static LocalDate date(String name, String which, Map<String, String> values, Map<String, String> errors) {
        String text = values.get(name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.matches("[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")) {
                String[] parts = text.split("/");
                return LocalDate.of(Integer.parseInt(parts[2]), Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
            }
            return LocalDate.parse(text);
        } catch (java.time.DateTimeException e) {
            errors.put(name, which + " must be a real date, like 2026-11-27");
            return null;
        }
    }

    private static int size(String text) {
        try {
            return text == null || text.isBlank() ? DEFAULT_SIZE
                    : Math.max(MIN_SIZE, Math.min(MAX_SIZE, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    private static int number(String text) {
        try {
            return text == null || text.isBlank() ? 1 : Math.max(1, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static List<Option> options(List<String> values, String chosen, java.util.function.Function<String, String> words) {
        return values.stream().map(v -> new Option(v, words.apply(v), v.equals(chosen))).toList();
    }

    /** The list's address for a page, keeping the filter (only the values given) and the page size. */
    static String href(Map<String, String> values, int size, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/notifications");
        values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                uri.queryParam(name, value);
            }
        });
        if (size != DEFAULT_SIZE) {
            uri.queryParam("size", size);
        }
        uri.queryParam("page", page);
        return uri.encode().build().toUriString();
    }

    /** GOV.UK pagination: the first and last pages, the current one with its neighbours, ellipses between. */
    private static List<PageItem> pageItems(Map<String, String> values, int size, int page, int pages) {
        List<PageItem> items = new ArrayList<>();
        if (pages <= 1) {
            return items;
        }
        boolean gap = false;
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - page) <= 1) {
                items.add(new PageItem(n, href(values, size, n), n == page));
                gap = false;
            } else if (!gap) {
                items.add(new PageItem(null, null, false));
                gap = true;
            }
        }
        return items;
    }
}
