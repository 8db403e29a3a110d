package scot.sirgateway.operator;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.signin.AuditTrail;

/**
 * The audit trail for admins (only). {@code GET /api/admin/audit}: the newest events (sign-ins, failures, locks,
 * tokens; views of and changes to notifications and quarantine entries), of one actor with {@code ?actor=} or of
 * one notification with {@code ?reference=}, at most {@code limit} (500). {@code GET /api/admin/audit/export}:
 * every event from the day {@code from} to the day {@code to} (both included, Scottish dates; both optional) as
 * CSV with the columns {@code at,actor,action,reference,detail}, oldest first.
 */
@RestController
class AuditApi {

    private static final String[] COLUMNS = {"at", "actor", "action", "reference", "detail"};

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    List<Map<String, Object>> events(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String reference, @RequestParam(defaultValue = "100") int limit) {
        int shown = Math.max(1, Math.min(limit, 500));
        if (actor != null && !actor.isBlank() && reference != null && !reference.isBlank()) {
            throw new IllegalArgumentException("give either 'actor' or 'reference', not both");
        }
        List<AuditTrail.Event> events = reference != null && !reference.isBlank() ? audit.ofReference(reference.trim(), shown)
                : actor == null || actor.isBlank() ? audit.recent(shown) : audit.of(actor, shown);
        return events.stream().map(event -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("at", event.at());
            json.put("actor", event.actor());
            json.put("action", event.action());
            json.put("detail", event.detail());
            json.put("reference", event.reference());
            json.put("quarantine_id", event.quarantineId());
            return json;
        }).toList();
    }

    @GetMapping("/api/admin/audit/export")
    void export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response) throws IOException {
        LocalDate last = to == null ? LocalDate.now(GatewayClock.ZONE) : to;
        LocalDate first = from == null ? LocalDate.of(2000, 1, 1) : from;
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("'from' (" + first + ") is after 'to' (" + last + ")");
        }
        OffsetDateTime start = first.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        OffsetDateTime end = last.plusDays(1).atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-"
                + (from == null ? "" : first + "-") + "to-" + last + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            audit.between(start, end, event -> {
                try {
                    csv.printRecord(NotificationJson.time(event.at()), cell(event.actor()), event.action(),
                            event.reference() != null ? event.reference()
                                    : event.quarantineId() != null ? "quarantine:" + event.quarantineId() : "",
                            cell(event.detail()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** A cell a spreadsheet will not run as a formula. */
    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
