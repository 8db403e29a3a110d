package scot.sirgateway.operator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.deadline.Deadlines;

/**
 * {@code GET /api/deadlines?from=&to=} (operator, inspector): every open clock falling due in the period
 * (dates, both included, at most 400 days), oldest first. {@code due} is a date, or the moment for the
 * forward to Scottish Government.
 */
@RestController
@RequestMapping("/api/deadlines")
class DeadlineApi {

    private final Deadlines deadlines;

    DeadlineApi(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @GetMapping
    List<Map<String, Object>> between(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return deadlines.between(date("from", from), date("to", to)).stream().map(d -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("reference", d.reference());
            json.put("council", d.council());
            json.put("clock", d.clock().name());
            if (d.reviewId() != null) {
                json.put("review_id", d.reviewId());
            }
            if (d.requestId() != null) {
                json.put("request_id", d.requestId());
            }
            json.put("due", d.forwardDue() != null ? NotificationJson.time(d.forwardDue()) : d.due().toString());
            json.put("overdue", d.overdue());
            json.put("paused", d.paused());
            return json;
        }).toList();
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the query parameter " + name + " is missing: give a date as yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the query parameter " + name + " is not a date: give it as yyyy-mm-dd");
        }
    }
}
