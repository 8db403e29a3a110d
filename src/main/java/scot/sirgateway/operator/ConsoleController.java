package scot.sirgateway.operator;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.register.Notifications;

/**
 * The operators' first view: the newest notifications and everything in quarantine, from the same
 * data as the API. Values are escaped by the template engine.
 */
@Controller
class ConsoleController {

    private static final int SHOWN = 200;

    private final Notifications notifications;
    private final QuarantineEntries quarantine;

    ConsoleController(Notifications notifications, QuarantineEntries quarantine) {
        this.notifications = notifications;
        this.quarantine = quarantine;
    }

    @GetMapping("/")
    String overview(Model model) {
        List<Notifications.Envelope> listed = notifications.list(new Notifications.Filter(null, null, null, null), SHOWN);
        var classification = notifications.classification(listed.stream().map(Notifications.Envelope::id).toList());
        model.addAttribute("notifications", listed.stream()
                .map(e -> NotificationJson.summary(e, classification.getOrDefault(e.id(), Map.of()))).toList());
        model.addAttribute("quarantine", quarantine.open());
        return "console";
    }
}
