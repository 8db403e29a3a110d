package scot.sirgateway.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.deadline.ForwardAlerts;

/** {@code GET /api/alerts}: the deadline alerts still open. */
@RestController
@RequestMapping("/api/alerts")
class AlertApi {

    private final ForwardAlerts alerts;

    AlertApi(ForwardAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    List<Map<String, Object>> open() {
        return alerts.open().stream().map(alert -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", alert.kind());
            json.put("subject", alert.subject());
            json.put("forward_due", NotificationJson.time(alert.forwardDue()));
            json.put("alerted_at", NotificationJson.time(alert.alertedAt()));
            return json;
        }).toList();
    }
}
