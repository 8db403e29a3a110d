package scot.sirgateway.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.signin.AuditTrail;

/**
 * {@code GET /api/admin/audit} (admins only): the newest sign-in events (signed in, failed, locked, unlocked,
 * signed out, token made or revoked), of one actor with {@code ?actor=}, at most {@code limit} (500).
 */
@RestController
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    List<Map<String, Object>> events(@RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "100") int limit) {
        int shown = Math.max(1, Math.min(limit, 500));
        List<AuditTrail.Event> events = actor == null || actor.isBlank() ? audit.recent(shown) : audit.of(actor, shown);
        return events.stream().map(event -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("at", event.at());
            json.put("actor", event.actor());
            json.put("action", event.action());
            json.put("detail", event.detail());
            return json;
        }).toList();
    }
}
