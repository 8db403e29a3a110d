package scot.sirgateway.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.quarantine.QuarantineEntries;

/** {@code GET /api/quarantine}: the messages waiting for an operator. */
@RestController
@RequestMapping("/api/quarantine")
class QuarantineApi {

    private final QuarantineEntries entries;

    QuarantineApi(QuarantineEntries entries) {
        this.entries = entries;
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
            json.put("quarantined_at", NotificationJson.time(entry.createdAt()));
            return json;
        }).toList();
    }
}
