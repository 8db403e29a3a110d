package scot.sirgateway.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.deadline.ForwardAlerts;

/**
 * {@code GET /api/alerts}: the deadline alerts still open, then the other alerts of the last week
 * (a replay, acknowledgements held back), each with how often its cause happened.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertApi {

    private final ForwardAlerts alerts;
    private final scot.sirgateway.deadline.OperatorAlerts others;

    AlertApi(ForwardAlerts alerts, scot.sirgateway.deadline.OperatorAlerts others) {
        this.alerts = alerts;
        this.others = others;
    }

    @GetMapping
    List<Map<String, Object>> open() {
        List<Map<String, Object>> all = new java.util.ArrayList<>(deadlines());
        others.recent().forEach(alert -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", alert.kind());
            json.put("subject", alert.subject());
            json.put("forward_due", null);
            json.put("alerted_at", NotificationJson.time(alert.raisedAt()));
            json.put("count", alert.occurrences());
            all.add(json);
        });
        return all;
    }

    private List<Map<String, Object>> deadlines() {
        return alerts.open().stream().map(alert -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", alert.kind());
            json.put("subject", alert.subject());
            json.put("forward_due", NotificationJson.time(alert.forwardDue()));
            json.put("alerted_at", NotificationJson.time(alert.alertedAt()));
            json.put("count", 1);
            return json;
        }).toList();
    }
}
