package scot.sirgateway.operator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.report.NationalReport;

/**
 * {@code GET /api/reports/national?from=yyyy-mm-dd&to=yyyy-mm-dd} (operator, inspector, admin): the national
 * report for the notifications received in the period, as JSON ({@code period}, {@code by_council},
 * {@code by_type}, {@code by_group}, {@code figures}) or, with {@code Accept: text/csv}, as rows
 * {@code section,key,value,numerator,denominator}. {@code format=csv} asks for the CSV whatever the {@code Accept}
 * header says: a browser's link (the report page's "Download as CSV") cannot set it. A missing or bad date, {@code to} before {@code from} or a
 * period over ten years is a 400 problem.
 */
@RestController
@RequestMapping("/api/reports/national")
class NationalReportApi {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final NationalReport reports;

    NationalReportApi(NationalReport reports) {
        this.reports = reports;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        NationalReport.Report report = reports.compute(date("from", from), date("to", to));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("period", Map.of("from", report.from().toString(), "to", report.to().toString()));
        json.put("by_council", report.byCouncil().stream().map(c -> row("council", c.council(), "count", c.count())).toList());
        json.put("by_type", report.byType().stream().map(t -> {
            Map<String, Object> row = row("incident_type", t.incidentType(), "count", t.count());
            row.put("percent", t.percent());
            return row;
        }).toList());
        json.put("by_group", report.byGroup().stream().map(g -> {
            Map<String, Object> row = row("group", g.group(), "count", g.count());
            row.put("percent", g.percent());
            return row;
        }).toList());
        json.put("figures", report.figures().stream().map(f -> {
            Map<String, Object> row = row("key", f.key(), "value", f.value());
            row.put("numerator", f.numerator());
            row.put("denominator", f.denominator());
            return row;
        }).toList());
        return json;
    }

    @GetMapping(produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        NationalReport.Report report = reports.compute(date("from", from), date("to", to));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("section", "key", "value", "numerator", "denominator").get())) {
            csv.printRecord("period", "from", report.from(), null, null);
            csv.printRecord("period", "to", report.to(), null, null);
            for (var c : report.byCouncil()) {
                csv.printRecord("by_council", c.council(), c.count(), null, null);
            }
            // a row's share of the period's notifications: value the whole percent, numerator the count
            long total = report.figure("notifications_total").value().longValue();
            for (var t : report.byType()) {
                csv.printRecord("by_type", t.incidentType(), t.percent(), t.count(), total);
            }
            for (var g : report.byGroup()) {
                csv.printRecord("by_group", g.group(), g.percent(), g.count(), total);
            }
            for (var f : report.figures()) {
                csv.printRecord("figures", f.key(), f.value(), f.numerator(), f.denominator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"national-report-" + report.from() + "-to-"
                        + report.to() + ".csv\"")
                .body(out.toString());
    }

    /** The CSV for a caller that cannot choose the {@code Accept} header, such as a link in a browser. */
    @GetMapping(params = "format=csv")
    ResponseEntity<String> csvByParameter(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return csv(from, to);
    }

    private static Map<String, Object> row(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(k1, v1);
        row.put(k2, v2);
        return row;
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
