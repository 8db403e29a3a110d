package scot.sirgateway.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.quarantine.QuarantineRelease;

/**
 * {@code GET /api/quarantine}: the messages waiting for an operator, each with whether a reply went
 * to its sender and, if not, why; {@code POST .../reprocess} and {@code POST .../password} send one
 * through the stages again (409 when its cause is unchanged); {@code POST .../dismiss} closes one with
 * a reason.
 */
@RestController
@RequestMapping("/api/quarantine")
class QuarantineApi {

    private final QuarantineEntries entries;
    private final QuarantineRelease release;
    private final scot.sirgateway.calendar.WorkingCalendar calendar;

    QuarantineApi(QuarantineEntries entries, QuarantineRelease release, scot.sirgateway.calendar.WorkingCalendar calendar) {
        this.entries = entries;
        this.release = release;
        this.calendar = calendar;
    }

    /** The body of the password call. */
    record PasswordRequest(String password) {
    }

    /** The body of the dismiss call. */
    record DismissRequest(String reason) {
    }

    @PostMapping("/{id}/dismiss")
    Map<String, Object> dismiss(@PathVariable long id, @RequestBody(required = false) DismissRequest request,
            Principal operator) {
        release.dismiss(id, request == null ? null : request.reason(), operator.getName());
        return Map.of("id", id, "state", QuarantineEntries.State.DISCARDED.name());
    }

    @PostMapping("/{id}/reprocess")
    ResponseEntity<Map<String, Object>> reprocess(@PathVariable long id, Principal operator) {
        release.reprocess(id, operator.getName());
        return ResponseEntity.accepted().body(Map.of("id", id, "state", "RELEASED"));
    }

    @PostMapping("/{id}/password")
    ResponseEntity<Map<String, Object>> password(@PathVariable long id, @RequestBody PasswordRequest request,
            Principal operator) {
        release.supplyPdfPassword(id, request.password(), operator.getName());
        return ResponseEntity.accepted().body(Map.of("id", id, "state", "RELEASED"));
    }

    @GetMapping
    List<Map<String, Object>> open() {
        return entries.open().stream().map(entry -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", entry.id());
            json.put("received_at", NotificationJson.time(entry.receivedAt()));
            json.put("message_id", entry.messageId());
            json.put("sender", entry.sender());
            json.put("stage", entry.stage());
            json.put("reason_code", entry.reasonCode().name());
            json.put("reason", entry.reason());
            json.put("reply", entries.reply(entry.id()).orElse(null));
            json.put("quarantined_at", NotificationJson.time(entry.createdAt()));
            // the forward's clock runs while the message waits here
            json.put("forward_due", NotificationJson.time(calendar.forwardDue(entry.receivedAt().toInstant())
                    .atZone(scot.sirgateway.GatewayClock.ZONE).toOffsetDateTime()));
            return json;
        }).toList();
    }
}
